import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { NEXT, type StepModule, type StepResult, StepTask } from "../task";

class SayTask extends StepTask<StepOf<"say">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    await ctx.ensureMedia();
    const text = ctx.expand(this.step.text);
    await ctx.call.play([{ say: text, ...(this.step.voice && { voice: this.step.voice }) }], {
      loop: this.step.loop,
      signal: this.signal,
    });
    return NEXT;
  }
}

export const say: StepModule<"say"> = {
  type: "say",
  describe: (s) => `Say “${s.text.length > 60 ? `${s.text.slice(0, 57)}…` : s.text}”`,
  create: (step) => new SayTask(step),
};
