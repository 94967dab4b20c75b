"use server";

import { createRoom, RoomNameSchema } from "@switchboard/db";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";

export interface CreateRoomState {
  error: string | null;
  /** What was typed, to keep it in the field after an error. */
  name: string;
}

/** Creates a room from the form's `name` and opens it; validation errors come back inline. */
export async function createRoomAction(
  _previous: CreateRoomState,
  formData: FormData,
): Promise<CreateRoomState> {
  const raw = formData.get("name");
  const name = typeof raw === "string" ? raw : "";
  const parsed = RoomNameSchema.safeParse(name);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((i) => i.code === "too_big");
    return {
      name,
      error: tooLong
        ? "That name is too long: use at most 80 characters."
        : "Give the room a name, for example “Weekly sync”.",
    };
  }
  let slug: string;
  try {
    slug = (await createRoom(getDb(), parsed.data)).slug;
  } catch (error) {
    console.error("createRoom failed", error);
    return { name, error: "The room could not be created. Please try again in a moment." };
  }
  redirect(`/r/${slug}`);
}
