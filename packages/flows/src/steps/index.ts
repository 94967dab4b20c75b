/** Every step type's module, by type. A new step: its schema in schema.ts, a module here. */
import type { Step, StepType } from "../schema";
import type { StepModule, StepTask } from "../task";
import { answer } from "./answer";
import { conference } from "./conference";
import { dial } from "./dial";
import { echo } from "./echo";
import { gather } from "./gather";
import { goto } from "./goto";
import { hangup } from "./hangup";
import { pause } from "./pause";
import { play } from "./play";
import { record } from "./record";
import { redirect } from "./redirect";
import { reject } from "./reject";
import { ringing } from "./ringing";
import { say } from "./say";
import { set } from "./set";
import { when } from "./when";

export const STEP_MODULES: { [T in StepType]: StepModule<T> } = {
  answer,
  reject,
  redirect,
  ringing,
  say,
  play,
  pause,
  hangup,
  goto,
  set,
  echo,
  conference,
  record,
  gather,
  when,
  dial,
};

// The correlated-union gap: each step goes to the module of its own type.
const moduleFor = (step: Step) => STEP_MODULES[step.type] as unknown as StepModule<Step["type"]>;

export function createTask(step: Step): StepTask {
  return moduleFor(step).create(step as never) as StepTask;
}

export function describeStep(step: Step): string {
  return moduleFor(step).describe(step as never);
}
