import type { StepOf } from "../schema";
import { type StepModule, type StepResult, StepTask } from "../task";

class GotoTask extends StepTask<StepOf<"goto">> {
  async exec(): Promise<StepResult> {
    return { kind: "goto", target: this.step.target };
  }
}

export const goto: StepModule<"goto"> = {
  type: "goto",
  describe: (s) => `Go to “${s.target}”`,
  create: (step) => new GotoTask(step),
};
