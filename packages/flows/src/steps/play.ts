import type { StepContext } from "../context";
import type { Prompt, StepOf } from "../schema";
import { NEXT, type StepModule, type StepResult, StepTask } from "../task";

export function playPrompt(step: StepOf<"play">): Prompt {
  return step.file !== undefined ? { file: step.file } : { tone: step.tone ?? "beep" };
}

/** A file or a tone, `loop` times (0 = until the flow is moved on, e.g. music on hold). */
class PlayTask extends StepTask<StepOf<"play">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    await ctx.ensureMedia();
    await ctx.call.play([playPrompt(this.step)], { loop: this.step.loop, signal: this.signal });
    return NEXT;
  }
}

export const play: StepModule<"play"> = {
  type: "play",
  describe: (s) =>
    `Play ${s.file !== undefined ? `“${s.file}”` : `a ${s.tone ?? "beep"} tone`}${
      s.loop === 0 ? " on a loop" : s.loop > 1 ? ` ${s.loop} times` : ""
    }`,
  create: (step) => new PlayTask(step),
};
