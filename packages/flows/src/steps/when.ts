import { conditionHolds } from "../conditions";
import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { branch, NEXT, type StepModule, type StepResult, StepTask } from "../task";

/** The first case whose condition holds runs; else the `else` list; else on to the next step. */
class WhenTask extends StepTask<StepOf<"when">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    const env = { info: ctx.call.info, now: ctx.clock.now(), vars: ctx.vars };
    const i = this.step.cases.findIndex((c) => conditionHolds(c.if, env));
    if (i >= 0) {
      ctx.note(`case ${i + 1} holds`);
      return branch(`case:${i}`);
    }
    ctx.note("no case holds");
    return this.step.else ? branch("else") : NEXT;
  }
}

export const when: StepModule<"when"> = {
  type: "when",
  describe: (s) => `When (${s.cases.length} case${s.cases.length === 1 ? "" : "s"})`,
  create: (step) => new WhenTask(step),
};
