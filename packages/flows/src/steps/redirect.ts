import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { END_FLOW, type StepModule, type StepResult, StepTask } from "../task";

/** 302 to another address before answer (after answer: hangs up). */
class RedirectTask extends StepTask<StepOf<"redirect">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    const to = ctx.expand(this.step.to);
    if (ctx.call.state === "ringing" || ctx.call.state === "early") {
      ctx.note(`302 to ${to}`);
      await ctx.call.redirect(to);
    } else {
      ctx.note("the call was already answered: hanging up instead");
      await ctx.call.hangup();
    }
    return END_FLOW;
  }
}

export const redirect: StepModule<"redirect"> = {
  type: "redirect",
  describe: (s) => `Redirect to ${s.to}`,
  create: (step) => new RedirectTask(step),
};
