import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { END_FLOW, type StepModule, type StepResult, StepTask } from "../task";

class HangupTask extends StepTask<StepOf<"hangup">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    await ctx.call.hangup();
    return END_FLOW;
  }
}

export const hangup: StepModule<"hangup"> = {
  type: "hangup",
  describe: () => "Hang up",
  create: (step) => new HangupTask(step),
};
