import { RoomAccessSchema, RoomNameSchema, RoomSlugSchema } from "@switchboard/db";
import { z } from "zod";
import { sentence } from "./forms";

/** Server-side validation of the dashboard's forms (zod). */

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** Validates the room form (strings from FormData) into room settings. */
export const RoomFormSchema = z.object({
  name: RoomNameSchema,
  slug: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.trim().toLowerCase()) : v),
    RoomSlugSchema.optional(),
  ),
  access: z.string().pipe(RoomAccessSchema),
  maxParticipants: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : 50),
    z
      .number({ error: "a whole number, 0 for no limit" })
      .int("a whole number, 0 for no limit")
      .min(0, "0 (no limit) or more")
      .max(1000, "at most 1000"),
  ),
  pin: z.preprocess(
    (v) => (typeof v === "string" ? (v.replace(/\s+/g, "") === "" ? null : v.trim()) : v),
    z
      .string()
      .regex(/^\d{6,12}$/, "6 to 12 digits, or empty for none")
      .nullable(),
  ),
  locked: z.boolean(),
  lobbyEnabled: z.boolean(),
});
export type RoomFormOutput = z.output<typeof RoomFormSchema>;

/** First error message per field, capitalised. */
export function fieldErrorsOf<F extends string>(
  error: z.ZodError,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && (fields as readonly string[]).includes(field)) {
      out[field as F] ??= sentence(issue.message);
    }
  }
  return out;
}

const wholeNumber = (fallback: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : fallback),
    z.number({ error: message }).int(message),
  );
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/**
 * The trunk form (strings from FormData) as a trunk input; the database's schema checks
 * ranges and shapes afterwards. `password` blank = keep (edit) / none (create).
 */
export const TrunkFormSchema = z.object({
  name: z.string(),
  host: z.string(),
  port: wholeNumber(5060, "a port number, 1 to 65535"),
  transport: z.enum(["udp", "tcp"], { error: "UDP or TCP" }),
  username: z.preprocess(blankToNull, z.string().trim().nullable()),
  password: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  clearPassword: z.boolean(),
  fromNumber: z.preprocess(
    (v) => (typeof v === "string" ? blankToNull(v.replace(/[\s()./-]/g, "")) : v),
    z.string().nullable(),
  ),
  registerExpires: wholeNumber(300, "seconds, 60 to 86400"),
  register: z.boolean(),
  enabled: z.boolean(),
});

/** The number form: spaces, dashes and brackets are dropped from the number. */
export const NumberFormSchema = z.object({
  number: z.string().transform((v) => v.replace(/[\s()./-]/g, "")),
  room: z.string().transform((v) => (v === "" ? null : v)),
  trunk: z.string().transform((v) => (v === "" ? null : v)),
  label: z.string().transform((v) => (v.trim() === "" ? null : v.trim())),
});
