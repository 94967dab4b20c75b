/**
 * The call-flow document: a JSON list of steps, validated by zod. This module is the one
 * contract for the gateway (real calls), the dashboard editor and the browser simulator.
 *
 * Steps nest: a menu (`gather`) has a list of steps per digit string plus `timeout` and
 * `invalid` lists; `when` has a list per case; `dial` has lists per failure. When a nested
 * list ends, the flow continues after the step that holds it. `goto` jumps to any step by
 * its `id`.
 */
import { z } from "zod";

export const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"] as const;
export const DigitSchema = z.enum(DIGITS);
export type Digit = z.infer<typeof DigitSchema>;

/** A step id: what `goto` targets and what traces show. */
export const StepIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "letters, digits, - and _ (at most 64)");

/** A variable name (`{{name}}` in texts). */
export const VarNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, "a variable name: letters, digits and _");

/** espeak-ng voice names such as "en", "en-us", "de", "fr". */
export const VoiceSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, "an espeak-ng voice such as en-us or de");

/** An uploaded audio file (music on hold, announcements) by its name. */
export const AudioFileNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$/, "an uploaded audio file's name");

export const TONES = ["beep", "ringback", "busy"] as const;
export const ToneSchema = z.enum(TONES);
export type Tone = z.infer<typeof ToneSchema>;

/** Something a caller hears: typed text (spoken by espeak-ng), an uploaded file or a tone. */
export const PromptSchema = z.union([
  z.strictObject({ say: z.string().trim().min(1).max(1000), voice: VoiceSchema.optional() }),
  z.strictObject({ file: AudioFileNameSchema }),
  z.strictObject({ tone: ToneSchema }),
]);
export type Prompt = z.infer<typeof PromptSchema>;

/**
 * A phone-number pattern: digits, `+`, `X` (any digit), `N` (2-9), `[1-5]` ranges and a
 * trailing `*` or `.` (anything more), e.g. `+4930*`, `+1NXXNXXXXXX`, `0800.`.
 */
export const NumberPatternSchema = z
  .string()
  .regex(/^[+0-9XNZxnz#*[\]\-.]{1,40}$/, "digits, +, X, N, Z, [a-b], and a final * or .");

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const HhMm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM, 24-hour");
/** `2026-12-24` (that day) or `12-25` (every year). */
const DateSpec = z.string().regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/);

export const ScheduleSchema = z.strictObject({
  /** IANA time zone, e.g. Europe/Berlin (default UTC). */
  timeZone: z.string().min(1).max(64).default("UTC"),
  days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
  from: HhMm.optional(),
  /** Exclusive; `to` before `from` spans midnight. */
  to: HhMm.optional(),
  dates: z.array(DateSpec).min(1).optional(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

/** Every field present must hold (AND); a list inside a field matches any entry (OR). */
export const ConditionSchema = z
  .strictObject({
    caller: z.array(NumberPatternSchema).min(1).optional(),
    called: z.array(NumberPatternSchema).min(1).optional(),
    /** The caller withheld their number. */
    anonymous: z.boolean().optional(),
    time: ScheduleSchema.optional(),
    var: z
      .strictObject({
        name: VarNameSchema,
        equals: z.string().max(200).optional(),
        /** A number pattern (see `caller`). */
        matches: NumberPatternSchema.optional(),
        /** true: the variable is set and not empty. */
        set: z.boolean().optional(),
      })
      .optional(),
    not: z.boolean().optional(),
  })
  .refine((c) => Object.keys(c).some((k) => k !== "not"), "a condition needs at least one test");
export type Condition = z.infer<typeof ConditionSchema>;

const base = {
  /** Target of `goto`, shown in traces. */
  id: StepIdSchema.optional(),
  /** A note for the people who edit the flow. */
  note: z.string().max(500).optional(),
};

const Ms = (max: number) => z.number().int().min(0).max(max);

export const AnswerStepSchema = z.strictObject({ ...base, type: z.literal("answer") });
export const RejectStepSchema = z.strictObject({
  ...base,
  type: z.literal("reject"),
  /** 486 busy, 603 decline, 404 not found, 480 unavailable, 403 forbidden. */
  status: z.union([
    z.literal(403),
    z.literal(404),
    z.literal(480),
    z.literal(486),
    z.literal(503),
    z.literal(603),
  ]),
  reason: z.string().max(100).optional(),
});
export const RedirectStepSchema = z.strictObject({
  ...base,
  type: z.literal("redirect"),
  /** A SIP URI or a number (the 302's Contact). */
  to: z.string().min(1).max(256),
});
export const RingingStepSchema = z.strictObject({
  ...base,
  type: z.literal("ringing"),
  /** 183 with SDP, so later prompts play before answering (early media). */
  earlyMedia: z.boolean().default(false),
  /** Ring for this long before the next step. */
  ms: Ms(120_000).optional(),
});
export const SayStepSchema = z.strictObject({
  ...base,
  type: z.literal("say"),
  text: z.string().trim().min(1).max(1000),
  voice: VoiceSchema.optional(),
  loop: z.number().int().min(1).max(100).default(1),
});
export const PlayStepSchema = z.strictObject({
  ...base,
  type: z.literal("play"),
  file: AudioFileNameSchema.optional(),
  tone: ToneSchema.optional(),
  /** Times to play; 0 = until the call moves on (music on hold). */
  loop: z.number().int().min(0).max(1000).default(1),
});
export const PauseStepSchema = z.strictObject({
  ...base,
  type: z.literal("pause"),
  ms: Ms(600_000),
});
export const HangupStepSchema = z.strictObject({ ...base, type: z.literal("hangup") });
export const GotoStepSchema = z.strictObject({
  ...base,
  type: z.literal("goto"),
  target: StepIdSchema,
});
export const SetStepSchema = z.strictObject({
  ...base,
  type: z.literal("set"),
  /** Values may use {{other}} variables. */
  vars: z.record(VarNameSchema, z.string().max(500)),
});
export const EchoStepSchema = z.strictObject({
  ...base,
  type: z.literal("echo"),
  /** Ends after this long, or when the caller presses #. */
  maxMs: Ms(600_000).default(60_000),
});
export const RecordStepSchema = z.strictObject({
  ...base,
  type: z.literal("record"),
  /** Whose box the message goes to (e.g. an extension); may use {{vars}}. */
  mailbox: z.string().min(1).max(64).default("general"),
  prompt: PromptSchema.optional(),
  beep: z.boolean().default(true),
  maxMs: Ms(600_000).default(120_000),
  /** Ends after this much silence (0 = never). */
  silenceMs: Ms(60_000).default(5_000),
  finishOnKey: DigitSchema.optional().default("#"),
  /** Variable that receives the recording's id. */
  var: VarNameSchema.default("recording"),
});

// ─── steps that hold lists of steps (the recursive part) ─────────────────────
// Their TypeScript types are written out (zod's inference cannot follow the recursion); the
// schemas below are checked against them.

const ConferenceBase = z.strictObject({
  ...base,
  type: z.literal("conference"),
  /** The room's slug; absent: the caller types a meeting PIN to find the room. */
  room: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a room slug")
    .optional(),
  /** With a room: the caller must also type that room's PIN. */
  askPin: z.boolean().default(false),
  attempts: z.number().int().min(1).max(5).default(3),
  pinPrompt: PromptSchema.optional(),
  invalidPinPrompt: PromptSchema.optional(),
});

const GatherBase = z.strictObject({
  ...base,
  type: z.literal("gather"),
  prompt: z.array(PromptSchema).max(20).default([]),
  /** Stop after this many digits (default: as soon as a branch matches, else 32). */
  numDigits: z.number().int().min(1).max(32).optional(),
  /** Ends input without being part of it (default #; "none" for no finish key). */
  finishOnKey: z.union([DigitSchema, z.literal("none")]).default("#"),
  /** For the first digit, counted from the end of the prompt. */
  timeoutMs: Ms(120_000).default(5_000),
  interDigitTimeoutMs: Ms(60_000).default(3_000),
  /** Extra tries after a timeout or a wrong entry before the timeout/invalid branch. */
  retries: z.number().int().min(0).max(10).default(0),
  /** Played before asking again after a wrong entry / after silence. */
  invalidPrompt: z.array(PromptSchema).max(20).optional(),
  timeoutPrompt: z.array(PromptSchema).max(20).optional(),
  /** Variable that receives the digits. */
  var: VarNameSchema.default("digits"),
});

/** The digits that take a menu branch, e.g. "1" or "42". */
export const BranchDigitsSchema = z.string().regex(/^[0-9*#]{1,16}$/, "digits, * or #");

const WhenBase = z.strictObject({ ...base, type: z.literal("when") });

const DialBase = z.strictObject({
  ...base,
  type: z.literal("dial"),
  /** A number (through a trunk), a SIP URI, or an extension; may use {{vars}}. */
  to: z.string().trim().min(1).max(256),
  trunk: z.string().min(1).max(64).optional(),
  /** Caller id shown to the called party (default: the caller's). */
  callerId: z.string().max(64).optional(),
  timeoutMs: Ms(300_000).default(30_000),
  /** Hang up the bridged call after this long (0 = no limit). */
  maxMs: Ms(86_400_000).default(0),
});

type Out<T extends z.ZodType> = z.output<T>;
type In<T extends z.ZodType> = z.input<T>;

export interface ConferenceStep extends Out<typeof ConferenceBase> {
  /** Runs when no room was reached (no such room, wrong PINs, locked out). */
  invalid?: Step[];
}
export interface GatherStep extends Out<typeof GatherBase> {
  branches: { digits: string; steps: Step[] }[];
  timeout?: Step[];
  invalid?: Step[];
}
export interface WhenStep extends Out<typeof WhenBase> {
  cases: { if: Condition; steps: Step[] }[];
  else?: Step[];
}
export interface DialStep extends Out<typeof DialBase> {
  busy?: Step[];
  noAnswer?: Step[];
  failed?: Step[];
}
interface ConferenceStepInput extends In<typeof ConferenceBase> {
  invalid?: StepInput[];
}
interface GatherStepInput extends In<typeof GatherBase> {
  branches?: { digits: string; steps: StepInput[] }[];
  timeout?: StepInput[];
  invalid?: StepInput[];
}
interface WhenStepInput extends In<typeof WhenBase> {
  cases: { if: In<typeof ConditionSchema>; steps: StepInput[] }[];
  else?: StepInput[];
}
interface DialStepInput extends In<typeof DialBase> {
  busy?: StepInput[];
  noAnswer?: StepInput[];
  failed?: StepInput[];
}

type LeafSchema =
  | typeof AnswerStepSchema
  | typeof RejectStepSchema
  | typeof RedirectStepSchema
  | typeof RingingStepSchema
  | typeof SayStepSchema
  | typeof PlayStepSchema
  | typeof PauseStepSchema
  | typeof HangupStepSchema
  | typeof GotoStepSchema
  | typeof SetStepSchema
  | typeof EchoStepSchema
  | typeof RecordStepSchema;

export type Step = Out<LeafSchema> | ConferenceStep | GatherStep | WhenStep | DialStep;
export type StepInput =
  | In<LeafSchema>
  | ConferenceStepInput
  | GatherStepInput
  | WhenStepInput
  | DialStepInput;

const StepList: z.ZodType<Step[], StepInput[]> = z.lazy(() => z.array(StepSchema).max(200));

export const ConferenceStepSchema = ConferenceBase.extend({ invalid: StepList.optional() });
export const GatherStepSchema = GatherBase.extend({
  branches: z
    .array(z.strictObject({ digits: BranchDigitsSchema, steps: StepList }))
    .max(20)
    .default([]),
  timeout: StepList.optional(),
  invalid: StepList.optional(),
});
export const WhenStepSchema = WhenBase.extend({
  cases: z
    .array(z.strictObject({ if: ConditionSchema, steps: StepList }))
    .min(1)
    .max(20),
  else: StepList.optional(),
});
export const DialStepSchema = DialBase.extend({
  busy: StepList.optional(),
  noAnswer: StepList.optional(),
  failed: StepList.optional(),
});
export const StepSchema = z.discriminatedUnion("type", [
  AnswerStepSchema,
  RejectStepSchema,
  RedirectStepSchema,
  RingingStepSchema,
  SayStepSchema,
  PlayStepSchema,
  PauseStepSchema,
  HangupStepSchema,
  GotoStepSchema,
  SetStepSchema,
  EchoStepSchema,
  ConferenceStepSchema,
  RecordStepSchema,
  GatherStepSchema,
  WhenStepSchema,
  DialStepSchema,
]);

export type StepType = Step["type"];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;
export const STEP_TYPES = StepSchema.options.map((o) => o.shape.type.value) as StepType[];

export const FlowDocumentSchema = z.strictObject({
  /** The document format's version. */
  format: z.literal(1).default(1),
  steps: z.array(StepSchema).min(1).max(500),
});
export type FlowDocument = z.output<typeof FlowDocumentSchema>;
export type FlowDocumentInput = z.input<typeof FlowDocumentSchema>;

// The written-out types and the schemas must agree (a compile error here says where not).
const _stepsAgree: z.ZodType<Step, StepInput> = StepSchema;
void _stepsAgree;
