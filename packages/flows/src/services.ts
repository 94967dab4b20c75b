/**
 * Services a step may use, looked up by key in the run's registry (so a new step never
 * needs a new hook). The gateway provides real ones; the simulator provides simulated ones.
 */
import type { Prompt } from "./schema";

export interface ServiceKey<T> {
  readonly name: string;
  /** Phantom: carries the service's type. */
  readonly _type?: T;
}

export const serviceKey = <T>(name: string): ServiceKey<T> => ({ name });

export class MissingServiceError extends Error {
  constructor(readonly service: string) {
    super(`this flow needs the "${service}" service, which is not available here`);
    this.name = "MissingServiceError";
  }
}

export class ServiceRegistry {
  private readonly services = new Map<string, unknown>();

  provide<T>(key: ServiceKey<T>, service: T): this {
    this.services.set(key.name, service);
    return this;
  }

  get<T>(key: ServiceKey<T>): T {
    if (!this.services.has(key.name)) throw new MissingServiceError(key.name);
    return this.services.get(key.name) as T;
  }

  has(key: ServiceKey<unknown>): boolean {
    return this.services.has(key.name);
  }
}

// ─── the services today's steps use ───────────────────────────────────────

export interface RoomRef {
  slug: string;
  name: string;
}

/** Why a caller left a room. */
export type LeaveReason = "hangup" | "removed" | "ended" | "unavailable" | "cancelled";

export interface Rooms {
  /** The room with this meeting PIN, or null; "blocked" when the caller is locked out. */
  findByPin(pin: string, caller: string): Promise<RoomRef | null | "blocked">;
  /** The room with this slug (and the PIN, if asked for), or null. */
  find(slug: string): Promise<(RoomRef & { pin: string | null }) | null>;
  /** Puts the call in the room until it leaves (or `signal` aborts: back to the flow). */
  join(room: RoomRef, signal: AbortSignal): Promise<LeaveReason>;
  /** Told when the caller reached no room (for the call record). */
  gaveUp?(reason: "wrong-pin" | "blocked" | "no-room"): void;
}
export const RoomsService = serviceKey<Rooms>("rooms");

export type DialOutcome =
  | { result: "completed"; by: "caller" | "callee" | "limit" }
  | { result: "busy" | "no-answer" | "failed" | "refused"; detail?: string };

export interface DialRequest {
  to: string;
  trunk?: string;
  callerId?: string;
  timeoutMs: number;
  /** Hang up the bridged call after this long (0 = no limit). */
  maxMs: number;
}

export interface Dialer {
  /** Calls `to`; on answer bridges the two calls until one side hangs up. */
  dial(req: DialRequest, signal: AbortSignal): Promise<DialOutcome>;
}
export const DialerService = serviceKey<Dialer>("dialer");

export interface RecordRequest {
  mailbox: string;
  maxMs: number;
  silenceMs: number;
  /** Resolve early when this key is pressed (the key is consumed). */
  finishOnKey: string | undefined;
}

export interface Recorder {
  /** Records the caller; resolves with the stored recording (null when nothing was said). */
  record(
    req: RecordRequest,
    signal: AbortSignal,
    keys: { next(ms: number, s: AbortSignal): Promise<string | null> },
  ): Promise<{ id: string; durationMs: number } | null>;
}
export const RecorderService = serviceKey<Recorder>("recorder");

export interface Echo {
  /** The caller hears themselves until `signal` aborts. */
  echo(signal: AbortSignal): Promise<void>;
}
export const EchoService = serviceKey<Echo>("echo");

/** Resolves prompts ahead of playing them (e.g. to check that a file exists). */
export interface PromptCheck {
  missing(prompts: Prompt[]): Promise<string[]>;
}
export const PromptCheckService = serviceKey<PromptCheck>("promptCheck");
