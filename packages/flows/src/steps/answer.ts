import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { NEXT, type StepModule, type StepResult, StepTask } from "../task";

class AnswerTask extends StepTask<StepOf<"answer">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    if (ctx.call.state === "ringing" || ctx.call.state === "early") await ctx.call.answer();
    return NEXT;
  }
}

export const answer: StepModule<"answer"> = {
  type: "answer",
  describe: () => "Answer the call",
  create: (step) => new AnswerTask(step),
};
