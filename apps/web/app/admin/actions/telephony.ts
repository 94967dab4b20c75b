"use server";

import {
  createNumber,
  createTrunk,
  deleteNumber,
  deleteTrunk,
  findRoomBySlug,
  findTrunk,
  NumberReferenceError,
  RoomSlugSchema,
  TelephonyConflictError,
  TrunkNameSchema,
  updateTrunk,
} from "@switchboard/db";
import { rootSecret } from "@switchboard/tokens";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/admin/forms";
import { describeGatewayError, gatewayClient } from "@/lib/admin/gateway";
import { authorizeMutation } from "@/lib/admin/session";
import {
  type DialResult,
  type NumberFormState,
  type NumberFormValues,
  TRUNK_FIELDS,
  type TrunkFormState,
  type TrunkFormValues,
} from "@/lib/admin/telephony";
import { fieldErrorsOf, NumberFormSchema, TrunkFormSchema } from "@/lib/admin/validation";
import { getDb } from "@/lib/db";

const text = (value: FormDataEntryValue | null, max = 300) =>
  typeof value === "string" ? value.slice(0, max) : "";

function trunkValuesFromForm(form: FormData, hasPassword: boolean): TrunkFormValues {
  return {
    name: text(form.get("name")),
    host: text(form.get("host")),
    port: text(form.get("port"), 20),
    transport: text(form.get("transport")) === "tcp" ? "tcp" : "udp",
    username: text(form.get("username")),
    fromNumber: text(form.get("fromNumber"), 40),
    registerExpires: text(form.get("registerExpires"), 20),
    register: form.get("register") === "on",
    enabled: form.get("enabled") === "on",
    hasPassword,
  };
}

function secretOrNull(): string | null {
  try {
    return rootSecret();
  } catch {
    return null;
  }
}

/**
 * Creates a trunk (no `originalName` in the form) or updates the trunk `originalName`.
 * The password field is write-only: blank keeps the stored one, `clearPassword` removes it.
 */
export async function saveTrunkAction(
  previous: TrunkFormState,
  form: FormData,
): Promise<TrunkFormState> {
  const originalRaw = form.get("originalName");
  const original = typeof originalRaw === "string" && originalRaw !== "" ? originalRaw : null;
  const values = trunkValuesFromForm(form, previous.values.hasPassword);
  const base = { values, nonce: previous.nonce + 1, fieldErrors: {} };
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ...base, status: "error", message: auth.error };
  const secret = secretOrNull();
  if (!secret) {
    return {
      ...base,
      status: "error",
      message: "SWITCHBOARD_SECRET is not set: trunk passwords cannot be encrypted.",
    };
  }
  const parsed = TrunkFormSchema.safeParse({
    ...values,
    password: text(form.get("password"), 1000),
    clearPassword: form.get("clearPassword") === "on",
  });
  if (!parsed.success) {
    return {
      ...base,
      status: "error",
      message: "Check the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error, TRUNK_FIELDS),
    };
  }
  const { password, clearPassword, ...fields } = parsed.data;
  const db = getDb();
  try {
    if (original === null) {
      const trunk = await createTrunk(db, { ...fields, password: password ?? null }, secret);
      revalidatePath("/admin", "layout");
      return {
        ...base,
        status: "saved",
        message: `Added trunk “${trunk.name}”.`,
        values: { ...values, hasPassword: trunk.hasPassword },
      };
    }
    const trunk = await updateTrunk(
      db,
      original,
      {
        ...fields,
        ...(password !== undefined ? { password } : clearPassword ? { password: null } : {}),
      },
      secret,
    );
    if (!trunk) return { ...base, status: "error", message: "This trunk no longer exists." };
    revalidatePath("/admin", "layout");
    return {
      ...base,
      status: "saved",
      message: "Saved.",
      values: { ...values, hasPassword: trunk.hasPassword },
    };
  } catch (error) {
    if (error instanceof TelephonyConflictError) {
      const message = "Another trunk already has this name.";
      return { ...base, status: "error", message, fieldErrors: { name: message } };
    }
    if (error instanceof z.ZodError) {
      return {
        ...base,
        status: "error",
        message: "Check the highlighted fields.",
        fieldErrors: fieldErrorsOf(error, TRUNK_FIELDS),
      };
    }
    console.error("saving a trunk failed", error);
    return { ...base, status: "error", message: "The trunk could not be saved. Try again." };
  }
}

const TrunkToggleSchema = z.object({
  name: TrunkNameSchema,
  field: z.enum(["register", "enabled"]),
  value: z.enum(["true", "false"]),
});

/** Turns a trunk's registration, or the trunk itself, on or off. */
export async function toggleTrunkAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ok: false, error: auth.error };
  const parsed = TrunkToggleSchema.safeParse({
    name: form.get("name"),
    field: form.get("field"),
    value: form.get("value"),
  });
  if (!parsed.success) return { ok: false, error: "Invalid request." };
  const secret = secretOrNull();
  if (!secret) return { ok: false, error: "SWITCHBOARD_SECRET is not set." };
  const { name, field, value } = parsed.data;
  try {
    const trunk = await updateTrunk(getDb(), name, { [field]: value === "true" }, secret);
    revalidatePath("/admin/trunks");
    return trunk ? { ok: true } : { ok: false, error: "This trunk no longer exists." };
  } catch (error) {
    if (error instanceof z.ZodError) {
      return { ok: false, error: "Registration needs a username and a password: edit the trunk." };
    }
    console.error("updating a trunk failed", error);
    return { ok: false, error: "The trunk could not be updated. Try again." };
  }
}

export async function deleteTrunkAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ok: false, error: auth.error };
  const name = TrunkNameSchema.safeParse(form.get("name"));
  if (!name.success) return { ok: false, error: "Unknown trunk." };
  try {
    const done = await deleteTrunk(getDb(), name.data);
    revalidatePath("/admin", "layout");
    return done ? { ok: true } : { ok: false, error: "This trunk no longer exists." };
  } catch (error) {
    console.error("deleting a trunk failed", error);
    return { ok: false, error: "The trunk could not be deleted. Try again." };
  }
}

function numberValuesFromForm(form: FormData): NumberFormValues {
  return {
    number: text(form.get("number"), 40),
    room: text(form.get("room"), 64),
    trunk: text(form.get("trunk"), 64),
    label: text(form.get("label"), 80),
  };
}

export async function createNumberAction(
  previous: NumberFormState,
  form: FormData,
): Promise<NumberFormState> {
  const values = numberValuesFromForm(form);
  const base = { values, nonce: previous.nonce + 1, fieldErrors: {} };
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ...base, status: "error", message: auth.error };
  const fields = ["number", "room", "trunk", "label"] as const;
  try {
    const number = await createNumber(getDb(), NumberFormSchema.parse(values));
    revalidatePath("/admin/numbers");
    return {
      ...base,
      status: "saved",
      message: `Added ${number.number}${number.room ? ` → ${number.room.name}` : " (asks for a meeting PIN)"}.`,
    };
  } catch (error) {
    if (error instanceof z.ZodError) {
      const fieldErrors = fieldErrorsOf(error, fields);
      if (fieldErrors.number) {
        fieldErrors.number = "Enter 3 to 20 digits, optionally starting with +.";
      }
      return { ...base, status: "error", message: "Check the highlighted fields.", fieldErrors };
    }
    if (error instanceof TelephonyConflictError) {
      const message = "This number is already configured.";
      return { ...base, status: "error", message, fieldErrors: { number: message } };
    }
    if (error instanceof NumberReferenceError) {
      const message = error.field === "room" ? "This room no longer exists." : "Unknown trunk.";
      return { ...base, status: "error", message, fieldErrors: { [error.field]: message } };
    }
    console.error("adding a phone number failed", error);
    return { ...base, status: "error", message: "The number could not be added. Try again." };
  }
}

export async function deleteNumberAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ok: false, error: auth.error };
  const number = z.string().min(1).max(40).safeParse(form.get("number"));
  if (!number.success) return { ok: false, error: "Unknown number." };
  try {
    const done = await deleteNumber(getDb(), number.data);
    revalidatePath("/admin/numbers");
    return done ? { ok: true } : { ok: false, error: "This number is no longer configured." };
  } catch (error) {
    console.error("deleting a phone number failed", error);
    return { ok: false, error: "The number could not be removed. Try again." };
  }
}

const DialSchema = z.object({
  slug: RoomSlugSchema,
  to: z.string().transform((v) => v.trim().replace(/[\s()./-]/g, "")),
  trunk: z.string().max(64),
});
export type DialInput = z.input<typeof DialSchema>;

/** Calls a phone into the room through the gateway; the call's progress is polled. */
export async function dialAction(csrf: string, input: DialInput): Promise<DialResult> {
  const auth = await authorizeMutation(csrf);
  if (!auth.ok) return { ok: false, error: auth.error };
  const parsed = DialSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Invalid request." };
  const { slug, to, trunk } = parsed.data;
  if (!/^(sips?:[^\s<>"]+|\+?[0-9*#]{2,32})$/.test(to)) {
    return { ok: false, error: "Enter a phone number (digits, optional +) or a SIP URI." };
  }
  const db = getDb();
  if (!(await findRoomBySlug(db, slug))) return { ok: false, error: "This room no longer exists." };
  if (trunk !== "" && !(await findTrunk(db, trunk))) {
    return { ok: false, error: "This trunk no longer exists." };
  }
  const client = gatewayClient();
  if (!client)
    return { ok: false, error: "The phone gateway is not configured (SWITCHBOARD_SECRET)." };
  try {
    const { callId } = await client.dial({ room: slug, to, ...(trunk ? { trunk } : {}) });
    return { ok: true, callId };
  } catch (error) {
    return { ok: false, error: `Could not call: ${describeGatewayError(error)}.` };
  }
}

/** Hangs up a call of the room page's phone panel. */
export async function hangupAction(csrf: string, callId: string): Promise<ActionResult> {
  const auth = await authorizeMutation(csrf);
  if (!auth.ok) return { ok: false, error: auth.error };
  const id = z.string().min(1).max(256).safeParse(callId);
  if (!id.success) return { ok: false, error: "Invalid request." };
  const client = gatewayClient();
  if (!client)
    return { ok: false, error: "The phone gateway is not configured (SWITCHBOARD_SECRET)." };
  try {
    const done = await client.hangup(id.data);
    return done ? { ok: true } : { ok: false, error: "This call has already ended." };
  } catch (error) {
    return { ok: false, error: `Could not hang up: ${describeGatewayError(error)}.` };
  }
}
