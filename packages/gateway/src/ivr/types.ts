/**
 * Call flows as data: a flow is a list of verbs; each verb kind is one module implementing
 * `VerbHandler` (like jambonz tasks). The runner lives in `runFlow.ts`.
 */
import type { Logger } from "pino";
import type { Call } from "../Call";
import type { DtmfDigit } from "../dtmf/rfc4733";
import type { PromptLibrary } from "./prompts";

/** A room as the gateway sees it: at least an id. */
export interface RoomRef {
  id: string;
  name?: string;
}

export type Verb =
  | { verb: "play"; prompt: string }
  | { verb: "pause"; ms: number }
  | {
      verb: "gather";
      prompt?: string;
      /** Where the digits go in `ctx.vars`. */
      into: string;
      finishOnKey?: DtmfDigit;
      maxDigits?: number;
      /** Waiting for the first digit after the prompt (default 8 s). */
      timeoutMs?: number;
      /** Between digits (default 5 s). */
      interDigitTimeoutMs?: number;
    }
  | {
      verb: "pinEntry";
      prompt: string;
      invalidPrompt: string;
      attempts: number;
      finishOnKey?: DtmfDigit;
      maxDigits?: number;
      timeoutMs?: number;
      /** Run when all attempts failed (then the flow stops). */
      onFailure: Verb[];
    }
  | { verb: "conference" }
  | { verb: "hangup" };

export type Flow = Verb[];
export type VerbName = Verb["verb"];
export type VerbOf<N extends VerbName> = Extract<Verb, { verb: N }>;

/** What a verb tells the runner: go on with the next verb, or stop the flow. */
export type VerbOutcome = "continue" | "stop";

export interface FlowHooks<R extends RoomRef = RoomRef> {
  /** Finds the room for a PIN (database, API…); null when there is none. */
  lookupRoom: (pin: string) => Promise<R | null>;
  /** Connects the call to the room; resolves when the call leaves it. */
  joinRoom: (call: Call, room: R) => Promise<void>;
  /** Told when a caller entered a room (after a successful PIN). */
  onJoined?: (call: Call, room: R) => void;
}

export interface VerbContext<R extends RoomRef = RoomRef> {
  readonly call: Call;
  readonly prompts: PromptLibrary;
  readonly hooks: FlowHooks<R>;
  readonly log: Logger;
  /** Aborted when the call ends. */
  readonly signal: AbortSignal;
  /** Digits pressed and not yet consumed (type-ahead during prompts). */
  readonly digits: DigitQueue;
  readonly vars: Map<string, string>;
  room: R | undefined;
  /** Runs a nested list of verbs. */
  run(verbs: Verb[]): Promise<VerbOutcome>;
}

export interface VerbHandler<N extends VerbName = VerbName> {
  readonly name: N;
  run<R extends RoomRef>(verb: VerbOf<N>, ctx: VerbContext<R>): Promise<VerbOutcome>;
}

/** Buffered DTMF with an async "next digit or timeout". */
export class DigitQueue {
  private readonly queue: DtmfDigit[] = [];
  private waiter: ((d: DtmfDigit | null) => void) | undefined;

  push(d: DtmfDigit): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(d);
    } else if (this.queue.length < 64) this.queue.push(d);
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The next digit, or null after `timeoutMs` or when `signal` aborts. */
  next(timeoutMs: number, signal: AbortSignal): Promise<DtmfDigit | null> {
    const d = this.queue.shift();
    if (d !== undefined) return Promise.resolve(d);
    if (signal.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const finish = (v: DtmfDigit | null) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        if (this.waiter === finish) this.waiter = undefined;
        resolve(v);
      };
      const onAbort = () => finish(null);
      const timer = setTimeout(() => finish(null), timeoutMs);
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiter = finish;
    });
  }
}
