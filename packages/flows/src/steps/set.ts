import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { NEXT, type StepModule, type StepResult, StepTask } from "../task";

class SetTask extends StepTask<StepOf<"set">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    // Values are expanded against the variables as they were before this step.
    const values = Object.entries(this.step.vars).map(([k, v]) => [k, ctx.expand(v)] as const);
    for (const [k, v] of values) ctx.vars.set(k, v);
    ctx.note(values.map(([k, v]) => `${k}=${v}`).join(", "));
    return NEXT;
  }
}

export const set: StepModule<"set"> = {
  type: "set",
  describe: (s) => `Set ${Object.keys(s.vars).join(", ")}`,
  create: (step) => new SetTask(step),
};
