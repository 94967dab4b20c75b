/**
 * What a flow needs from a call, whatever the call is: a real SIP call in the gateway or a
 * virtual call in the browser simulator. Heavier work (rooms, dialing, recording, echo)
 * goes through services in the context (`services.ts`), so a step never knows which.
 */
import type { Digit, Prompt } from "./schema";

export type ChannelState = "ringing" | "early" | "answered" | "ended";

export interface CallInfo {
  callId: string;
  /** The caller's number or SIP user ("" when withheld). */
  caller: string;
  /** The number or SIP user that was called. */
  called: string;
  /** The caller withheld their identity. */
  anonymous: boolean;
}

export interface PlayOptions {
  /** Times to play; 0 = until stopped. */
  loop?: number;
  /** Stops the playback (its promise resolves with "stopped"). */
  signal?: AbortSignal;
}

export interface CallChannel {
  readonly info: CallInfo;
  readonly state: ChannelState;
  /** 200 OK; resolves once the call is established. */
  answer(): Promise<void>;
  /** 180 Ringing, or 183 with SDP when `earlyMedia` (prompts then play before answer). */
  ring(earlyMedia: boolean): Promise<void>;
  /** A final failure response before answer. */
  reject(status: number, reason?: string): Promise<void>;
  /** 302 Moved Temporarily with `target` as the Contact, before answer. */
  redirect(target: string): Promise<void>;
  hangup(): Promise<void>;
  /** Plays prompts to the caller in order; "done", or "stopped" (signal, hangup). */
  play(prompts: Prompt[], opts?: PlayOptions): Promise<"done" | "stopped">;
  /** DTMF from the caller; returns the unsubscribe function. */
  onDigit(listener: (digit: Digit) => void): () => void;
  /** Called once when the call ends (at once if it already has). */
  onEnded(listener: () => void): () => void;
}
