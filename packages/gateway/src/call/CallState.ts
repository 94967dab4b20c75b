/**
 * A call's state machine. Inbound: offered → (early) → answering → active → ended.
 * Outbound: calling → (ringing) → (early) → active → ended. Every transition not listed is a
 * bug and throws.
 */
export type CallState =
  /** Inbound: the INVITE is here (100 Trying sent), not answered yet (180 may have been sent). */
  | "offered"
  /** Early media: inbound 183 with our SDP sent, or outbound 183 with theirs received. */
  | "early"
  /** Outbound: INVITE sent, nothing back but 100. */
  | "calling"
  /** Outbound: 180 received. */
  | "ringing"
  /** Inbound: our 200 OK sent, waiting for the ACK. */
  | "answering"
  | "active"
  | "ended";

const TRANSITIONS: Record<CallState, readonly CallState[]> = {
  offered: ["early", "answering", "ended"],
  early: ["answering", "active", "ended"],
  calling: ["ringing", "early", "active", "ended"],
  ringing: ["early", "active", "ended"],
  answering: ["active", "ended"],
  active: ["ended"],
  ended: [],
};

export class IllegalTransitionError extends Error {
  constructor(from: CallState, to: CallState) {
    super(`call cannot go from ${from} to ${to}`);
    this.name = "IllegalTransitionError";
  }
}

export const canTransition = (from: CallState, to: CallState): boolean =>
  TRANSITIONS[from].includes(to);

/** Not answered yet (a flow may still reject, redirect or answer). */
export const isUnanswered = (s: CallState): boolean =>
  s === "offered" || s === "early" || s === "calling" || s === "ringing";
