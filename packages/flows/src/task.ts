/**
 * One step's execution (the jambonz task model): `exec` does the step and says where the flow
 * goes next; `cancel` stops it early (hangup, or the call is moved elsewhere). Every step
 * module has the same shape: `create(step)` → a task.
 */
import type { StepContext } from "./context";
import type { Step, StepOf, StepType } from "./schema";

export type StepResult =
  /** Continue after this step. */
  | { kind: "next" }
  /** Run one of this step's nested lists (e.g. a menu choice), then continue after it. */
  | { kind: "branch"; name: string }
  | { kind: "goto"; target: string }
  /** The flow is over (hung up, rejected, redirected). */
  | { kind: "end" };

export const NEXT: StepResult = { kind: "next" };
export const END_FLOW: StepResult = { kind: "end" };
export const branch = (name: string): StepResult => ({ kind: "branch", name });

export abstract class StepTask<S extends Step = Step> {
  private readonly controller = new AbortController();

  constructor(readonly step: S) {}

  /** Aborted by `cancel()`: pass it to every wait. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  abstract exec(ctx: StepContext): Promise<StepResult>;

  /** Stops the step; `exec` then resolves soon (its result is ignored). */
  cancel(reason = "cancelled"): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }
}

export interface StepModule<T extends StepType = StepType> {
  readonly type: T;
  /** One line for traces and the editor's tree. */
  describe(step: StepOf<T>): string;
  create(step: StepOf<T>): StepTask<StepOf<T>>;
}
