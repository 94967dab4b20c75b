/** What a running step sees: the call, variables, digits, the clock and the services. */
import type { CallChannel } from "./channel";
import type { FlowClock } from "./clock";
import type { DigitBuffer } from "./digits";
import type { ServiceRegistry } from "./services";

/** The pino-compatible subset flows log with. */
export interface FlowLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const quietLogger: FlowLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

export interface TraceEvent {
  seq: number;
  /** The flow clock's time. */
  at: number;
  /** The step's path in the document, e.g. `steps[1].branches[0].steps[0]`. */
  path: string;
  stepId: string | undefined;
  type: string;
  /** enter: the step starts; exit: what it chose; info: what happened inside. */
  kind: "enter" | "exit" | "info";
  detail: string;
}

export interface StepContext {
  readonly call: CallChannel;
  readonly vars: Map<string, string>;
  readonly digits: DigitBuffer;
  readonly clock: FlowClock;
  readonly services: ServiceRegistry;
  readonly log: FlowLogger;
  /** Adds an `info` line to the trace of the current step. */
  note(detail: string): void;
  /** `{{name}}` → the variable's value ("" when unset). */
  expand(text: string): string;
  /** Answers the call unless it is already answered or in early media. */
  ensureMedia(): Promise<void>;
}

const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function expandTemplate(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(TEMPLATE, (_, name: string) => vars.get(name) ?? "");
}
