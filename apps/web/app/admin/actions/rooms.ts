"use server";

import {
  createRoomWithSettings,
  deleteRoom,
  RoomConflictError,
  RoomSlugSchema,
  updateRoom,
} from "@switchboard/db";
import { SourceSchema } from "@switchboard/protocol";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import {
  type ActionResult,
  ROOM_FIELDS,
  type RoomFormState,
  roomValuesFromForm,
} from "@/lib/admin/forms";
import { authorizeMutation } from "@/lib/admin/session";
import { describeSfuError, sfuAdmin } from "@/lib/admin/sfu";
import { fieldErrorsOf, RoomFormSchema } from "@/lib/admin/validation";
import { getDb } from "@/lib/db";

/**
 * Creates a room (no `originalSlug` in the form) or updates the room `originalSlug`.
 * Field errors (zod, slug or PIN taken) come back per field; the form keeps its values.
 */
export async function saveRoomAction(
  previous: RoomFormState,
  form: FormData,
): Promise<RoomFormState> {
  const values = roomValuesFromForm(form);
  const base = { values, nonce: previous.nonce + 1, slug: null, fieldErrors: {} };
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ...base, status: "error", message: auth.error };

  const originalRaw = form.get("originalSlug");
  const original = typeof originalRaw === "string" && originalRaw !== "" ? originalRaw : null;
  if (original !== null && !RoomSlugSchema.safeParse(original).success) {
    return { ...base, status: "error", message: "Unknown room." };
  }
  const parsed = RoomFormSchema.safeParse(values);
  if (!parsed.success) {
    return {
      ...base,
      status: "error",
      message: "Check the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error, ROOM_FIELDS),
    };
  }
  const db = getDb();
  try {
    if (original === null) {
      const room = await createRoomWithSettings(db, parsed.data);
      revalidatePath("/admin", "layout");
      return {
        ...base,
        status: "saved",
        message: `Created “${room.name}” at /r/${room.slug}.`,
        slug: room.slug,
      };
    }
    const { slug, ...rest } = parsed.data;
    const room = await updateRoom(db, original, slug ? { ...rest, slug } : rest);
    if (!room) return { ...base, status: "error", message: "This room no longer exists." };
    revalidatePath("/admin", "layout");
    return { ...base, status: "saved", message: "Saved.", slug: room.slug };
  } catch (error) {
    if (error instanceof RoomConflictError) {
      const message =
        error.field === "slug"
          ? "Another room already has this slug (link). Choose another."
          : "Another room already has this PIN. Choose another.";
      return {
        ...base,
        status: "error",
        message,
        fieldErrors: { [error.field]: message },
      };
    }
    if (error instanceof z.ZodError) {
      return {
        ...base,
        status: "error",
        message: "Check the highlighted fields.",
        fieldErrors: fieldErrorsOf(error, ROOM_FIELDS),
      };
    }
    console.error("saving a room failed", error);
    return {
      ...base,
      status: "error",
      message: "The room could not be saved. Try again in a moment.",
    };
  }
}

/**
 * Deletes a room and its history; people still in it are sent out first. With the form
 * field `after=list`, a successful delete goes to the rooms list.
 */
export async function deleteRoomAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ok: false, error: auth.error };
  const slug = RoomSlugSchema.safeParse(form.get("slug"));
  if (!slug.success) return { ok: false, error: "Unknown room." };
  let deleted: boolean;
  try {
    // Best effort: a room that is not live (404) or an unreachable SFU does not stop this.
    await sfuAdmin()
      ?.endRoom(slug.data)
      .catch(() => undefined);
    deleted = await deleteRoom(getDb(), slug.data);
  } catch (error) {
    console.error("deleting a room failed", error);
    return { ok: false, error: "The room could not be deleted. Try again in a moment." };
  }
  revalidatePath("/admin", "layout");
  if (!deleted) return { ok: false, error: "This room no longer exists." };
  if (form.get("after") === "list") redirect("/admin");
  return { ok: true, message: `Deleted /r/${slug.data}.` };
}

const ModerateSchema = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("mute"),
    slug: RoomSlugSchema,
    participantId: z.string().min(1).max(200),
    source: SourceSchema.default("mic"),
  }),
  z.object({
    op: z.literal("remove"),
    slug: RoomSlugSchema,
    participantId: z.string().min(1).max(200),
  }),
  z.object({ op: z.literal("end"), slug: RoomSlugSchema }),
]);
export type ModerateInput = z.input<typeof ModerateSchema>;

/** Mute a participant's mic, remove a participant, or end the room for everyone. */
export async function moderateAction(csrf: string, input: ModerateInput): Promise<ActionResult> {
  const auth = await authorizeMutation(csrf);
  if (!auth.ok) return { ok: false, error: auth.error };
  const parsed = ModerateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Invalid request." };
  const client = sfuAdmin();
  if (!client)
    return { ok: false, error: "The media server is not configured (SWITCHBOARD_SECRET)." };
  const cmd = parsed.data;
  try {
    if (cmd.op === "mute") await client.mute(cmd.slug, cmd.participantId, cmd.source);
    else if (cmd.op === "remove") await client.remove(cmd.slug, cmd.participantId);
    else await client.endRoom(cmd.slug);
    return { ok: true };
  } catch (error) {
    const what = cmd.op === "end" ? "end the room" : `${cmd.op} this participant`;
    return { ok: false, error: `Could not ${what}: ${describeSfuError(error)}.` };
  }
}
