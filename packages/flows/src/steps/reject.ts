import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { END_FLOW, type StepModule, type StepResult, StepTask } from "../task";

const WORDS: Record<number, string> = {
  403: "forbidden",
  404: "not found",
  480: "unavailable",
  486: "busy",
  503: "service unavailable",
  603: "decline",
};

/** Refuses the call before it is answered (after answer: hangs up). */
class RejectTask extends StepTask<StepOf<"reject">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    if (ctx.call.state === "ringing" || ctx.call.state === "early")
      await ctx.call.reject(this.step.status, this.step.reason);
    else {
      ctx.note("the call was already answered: hanging up instead");
      await ctx.call.hangup();
    }
    return END_FLOW;
  }
}

export const reject: StepModule<"reject"> = {
  type: "reject",
  describe: (s) => `Reject with ${s.status} (${WORDS[s.status] ?? "refused"})`,
  create: (step) => new RejectTask(step),
};
