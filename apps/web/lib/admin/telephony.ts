/** Client-safe types and helpers of the dashboard's telephony pages (no server imports). */

/** A call record's end reason in plain words. */
export function endReasonText(reason: string | null, answered: boolean): string {
  if (reason === null) return answered ? "in progress" : "not ended yet";
  const words: Record<string, string> = {
    busy: "Line busy",
    "no-answer": "No answer",
    rejected: "Declined",
    "not-found": "Number does not exist",
    unavailable: "Unreachable",
    "auth-failed": "Trunk refused our credentials",
    failed: "Failed",
    "local-hangup": "Hung up from here",
    "remote-hangup": "Caller hung up",
    "normal-clearing": "Ended normally",
    cancelled: "Cancelled",
    "wrong-pin": "Wrong PIN",
  };
  return words[reason] ?? reason.replace(/-/g, " ");
}

/** Whether the end reason is a failure (shown red) rather than a normal end. */
export function isFailure(reason: string | null): boolean {
  return (
    reason !== null &&
    !["local-hangup", "remote-hangup", "normal-clearing", "cancelled"].includes(reason)
  );
}

export type LiveState = "calling" | "ringing" | "active" | "ended";

export const LIVE_STATE_TEXT: Record<LiveState, string> = {
  calling: "Calling…",
  ringing: "Ringing",
  active: "Answered",
  ended: "Ended",
};

/** A live call as the room page shows it. */
export interface LiveCallView {
  callId: string;
  direction: "inbound" | "outbound";
  from: string;
  to: string;
  state: LiveState;
  startedAt: number;
}

/** A finished (or recorded) call of the room, newest first. */
export interface RecentCallView {
  callId: string;
  direction: string;
  from: string;
  to: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endReason: string | null;
}

/** What the room page's phone panel polls. */
export type RoomCallsSnapshot =
  | { state: "ok"; live: LiveCallView[]; recent: RecentCallView[]; at: number }
  | { state: "unreachable"; error: string; recent: RecentCallView[]; at: number }
  | { state: "unauthenticated"; at: number };

/** Fields of the trunk form, in display order. */
export const TRUNK_FIELDS = [
  "name",
  "host",
  "port",
  "transport",
  "username",
  "password",
  "fromNumber",
  "registerExpires",
  "register",
  "enabled",
] as const;
export type TrunkField = (typeof TRUNK_FIELDS)[number];

/** What the trunk form shows (strings), kept after an error. The password never comes back. */
export interface TrunkFormValues {
  name: string;
  host: string;
  port: string;
  transport: "udp" | "tcp";
  username: string;
  fromNumber: string;
  registerExpires: string;
  register: boolean;
  enabled: boolean;
  /** Whether a password is stored (edit form). */
  hasPassword: boolean;
}

export const EMPTY_TRUNK_VALUES: TrunkFormValues = {
  name: "",
  host: "",
  port: "5060",
  transport: "udp",
  username: "",
  fromNumber: "",
  registerExpires: "300",
  register: false,
  enabled: true,
  hasPassword: false,
};

export function toTrunkFormValues(trunk: {
  name: string;
  host: string;
  port: number;
  transport: string;
  username: string | null;
  fromNumber: string | null;
  registerExpires: number;
  register: boolean;
  enabled: boolean;
  hasPassword: boolean;
}): TrunkFormValues {
  return {
    name: trunk.name,
    host: trunk.host,
    port: String(trunk.port),
    transport: trunk.transport === "tcp" ? "tcp" : "udp",
    username: trunk.username ?? "",
    fromNumber: trunk.fromNumber ?? "",
    registerExpires: String(trunk.registerExpires),
    register: trunk.register,
    enabled: trunk.enabled,
    hasPassword: trunk.hasPassword,
  };
}

export interface TrunkFormState {
  status: "idle" | "saved" | "error";
  message: string | null;
  fieldErrors: Partial<Record<TrunkField, string>>;
  values: TrunkFormValues;
  nonce: number;
}

export interface NumberFormValues {
  number: string;
  /** A room slug, or "" for the PIN-entry number. */
  room: string;
  /** A trunk name, or "" for none. */
  trunk: string;
  label: string;
}

export const EMPTY_NUMBER_VALUES: NumberFormValues = { number: "", room: "", trunk: "", label: "" };

export interface NumberFormState {
  status: "idle" | "saved" | "error";
  message: string | null;
  fieldErrors: Partial<Record<keyof NumberFormValues, string>>;
  values: NumberFormValues;
  nonce: number;
}

export type DialResult = { ok: true; callId: string } | { ok: false; error: string };
