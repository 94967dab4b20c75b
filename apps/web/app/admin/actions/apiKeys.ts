"use server";

import { createApiKey, revokeApiKey } from "@switchboard/db";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, sentence } from "@/lib/admin/forms";
import { authorizeMutation } from "@/lib/admin/session";
import { getDb } from "@/lib/db";

export interface CreateApiKeyState {
  /** The new key, shown once. */
  key: string | null;
  name: string;
  error: string | null;
  nonce: number;
}

const NameSchema = z.string().trim().min(1, "give the key a name").max(80, "at most 80 characters");

export async function createApiKeyAction(
  previous: CreateApiKeyState,
  form: FormData,
): Promise<CreateApiKeyState> {
  const raw = form.get("name");
  const typed = typeof raw === "string" ? raw.slice(0, 200) : "";
  const base = { key: null, name: typed, nonce: previous.nonce + 1 };
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ...base, error: auth.error };
  const name = NameSchema.safeParse(typed);
  if (!name.success) return { ...base, error: sentence(name.error.issues[0]?.message ?? "") };
  try {
    const { key, record } = await createApiKey(getDb(), name.data);
    revalidatePath("/admin/api-keys");
    return { ...base, key, name: record.name, error: null };
  } catch (error) {
    console.error("creating an API key failed", error);
    return { ...base, error: "The key could not be created. Try again in a moment." };
  }
}

export async function revokeApiKeyAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ok: false, error: auth.error };
  const id = z.string().min(1).max(100).safeParse(form.get("id"));
  if (!id.success) return { ok: false, error: "Unknown key." };
  try {
    const revoked = await revokeApiKey(getDb(), id.data);
    revalidatePath("/admin/api-keys");
    return revoked ? { ok: true, message: "Revoked." } : { ok: false, error: "Already revoked." };
  } catch (error) {
    console.error("revoking an API key failed", error);
    return { ok: false, error: "The key could not be revoked. Try again in a moment." };
  }
}
