import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { NEXT, type StepModule, type StepResult, StepTask } from "../task";

/** Waits; the caller hears silence (the call keeps sending RTP). */
class PauseTask extends StepTask<StepOf<"pause">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    await ctx.clock.sleep(this.step.ms, this.signal);
    return NEXT;
  }
}

export const pause: StepModule<"pause"> = {
  type: "pause",
  describe: (s) => `Pause ${s.ms / 1000} s`,
  create: (step) => new PauseTask(step),
};
