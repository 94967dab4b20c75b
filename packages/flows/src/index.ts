export type { CallChannel, CallInfo, ChannelState, PlayOptions } from "./channel";
export { type FlowClock, ManualClock, systemClock } from "./clock";
export { collectDigits } from "./collect";
export {
  conditionHolds,
  inSchedule,
  isValidTimeZone,
  localTime,
  matchesPattern,
  numberPart,
  patternToRegExp,
} from "./conditions";
export {
  expandTemplate,
  type FlowLogger,
  quietLogger,
  type StepContext,
  type TraceEvent,
} from "./context";
export { DigitBuffer } from "./digits";
export { type FlowEndReason, FlowRun, type FlowRunOptions, type FlowRunResult } from "./engine";
export {
  childLists,
  compile,
  END,
  type FlowIssue,
  formatPath,
  type ParseFlowResult,
  type Program,
  type ProgramNode,
  parseFlow,
  walkSteps,
} from "./program";
export { filesOf, promptsOf, type SpokenPrompt, spokenPrompts } from "./prompts";
export * from "./schema";
export * from "./services";
export { createTask, describeStep, STEP_MODULES } from "./steps";
export { DEFAULT_INVALID_PIN_PROMPT, DEFAULT_PIN_PROMPT } from "./steps/conference";
export { playPrompt } from "./steps/play";
export { branch, END_FLOW, NEXT, type StepModule, type StepResult, StepTask } from "./task";
