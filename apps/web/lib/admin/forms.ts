/** Client-safe types and helpers of the dashboard's forms (no server imports here). */

/** Fields of the room form, in display order. */
export const ROOM_FIELDS = [
  "name",
  "slug",
  "access",
  "maxParticipants",
  "pin",
  "locked",
  "lobbyEnabled",
] as const;
export type RoomField = (typeof ROOM_FIELDS)[number];

/** What the room form shows: typed values (strings), kept after an error. */
export interface RoomFormValues {
  name: string;
  slug: string;
  access: "public" | "token";
  maxParticipants: string;
  pin: string;
  locked: boolean;
  lobbyEnabled: boolean;
}

export const EMPTY_ROOM_VALUES: RoomFormValues = {
  name: "",
  slug: "",
  access: "public",
  maxParticipants: "50",
  pin: "",
  locked: false,
  lobbyEnabled: false,
};

/** A room's current settings as form values. */
export function toFormValues(room: {
  name: string;
  slug: string;
  access: string;
  maxParticipants: number;
  pin: string | null;
  locked: boolean;
  lobbyEnabled: boolean;
}): RoomFormValues {
  return {
    name: room.name,
    slug: room.slug,
    access: room.access === "token" ? "token" : "public",
    maxParticipants: String(room.maxParticipants),
    pin: room.pin ?? "",
    locked: room.locked,
    lobbyEnabled: room.lobbyEnabled,
  };
}

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

/** The form's raw values (for echoing back) from its FormData. */
export function roomValuesFromForm(form: FormData): RoomFormValues {
  return {
    name: text(form.get("name")).slice(0, 200),
    slug: text(form.get("slug")).slice(0, 200),
    access: text(form.get("access")) === "token" ? "token" : "public",
    maxParticipants: text(form.get("maxParticipants")).slice(0, 20),
    pin: text(form.get("pin")).slice(0, 40),
    locked: form.get("locked") === "on",
    lobbyEnabled: form.get("lobbyEnabled") === "on",
  };
}

export interface RoomFormState {
  status: "idle" | "saved" | "error";
  /** A message for the whole form (success, or an error not tied to one field). */
  message: string | null;
  fieldErrors: Partial<Record<RoomField, string>>;
  values: RoomFormValues;
  /** The room's slug after a successful save. */
  slug: string | null;
  /** Changes with every answer, to remount the form with fresh defaults. */
  nonce: number;
}

/** "give the room a name" → "Give the room a name." */
export function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]?.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A mutation's outcome, as returned by the dashboard's server actions. */
export type ActionResult = { ok: true; message?: string } | { ok: false; error: string };
