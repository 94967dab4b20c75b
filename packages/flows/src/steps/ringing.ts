import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { NEXT, type StepModule, type StepResult, StepTask } from "../task";

/** 180 Ringing, or 183 with early media; optionally rings for a while. */
class RingingTask extends StepTask<StepOf<"ringing">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    if (ctx.call.state === "ringing" || (ctx.call.state === "early" && !this.step.earlyMedia))
      await ctx.call.ring(this.step.earlyMedia);
    if (this.step.ms) await ctx.clock.sleep(this.step.ms, this.signal);
    return NEXT;
  }
}

export const ringing: StepModule<"ringing"> = {
  type: "ringing",
  describe: (s) => `${s.earlyMedia ? "Early media" : "Ring"}${s.ms ? ` for ${s.ms / 1000} s` : ""}`,
  create: (step) => new RingingTask(step),
};
