"use server";

import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  setWebhookEndpointEnabled,
  WEBHOOK_EVENT_TYPES,
  WebhookEndpointInputSchema,
} from "@switchboard/db";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/admin/forms";
import { authorizeMutation } from "@/lib/admin/session";
import { fieldErrorsOf } from "@/lib/admin/validation";
import { getDb } from "@/lib/db";

export interface CreateWebhookState {
  /** The new endpoint's signing secret, shown after creation. */
  secret: string | null;
  url: string;
  events: string[];
  error: string | null;
  fieldErrors: { url?: string; events?: string };
  nonce: number;
}

const ALLOWED_EVENTS = new Set<string>(["*", ...WEBHOOK_EVENT_TYPES]);

export async function createWebhookAction(
  previous: CreateWebhookState,
  form: FormData,
): Promise<CreateWebhookState> {
  const url = typeof form.get("url") === "string" ? String(form.get("url")).trim() : "";
  const events = form
    .getAll("events")
    .filter((e): e is string => typeof e === "string" && ALLOWED_EVENTS.has(e));
  const base = { secret: null, url: url.slice(0, 2000), events, nonce: previous.nonce + 1 };
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ...base, error: auth.error, fieldErrors: {} };
  if (events.length === 0) {
    return {
      ...base,
      error: "Check the highlighted fields.",
      fieldErrors: { events: "Pick at least one event, or all events." },
    };
  }
  const parsed = WebhookEndpointInputSchema.safeParse({
    url,
    events: events.includes("*") ? ["*"] : events,
  });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, ["url", "events"] as const);
    if (fieldErrors.url) fieldErrors.url = "Enter a full http:// or https:// URL.";
    return { ...base, error: "Check the highlighted fields.", fieldErrors };
  }
  try {
    const endpoint = await createWebhookEndpoint(getDb(), parsed.data);
    revalidatePath("/admin/webhooks");
    return { ...base, secret: endpoint.secret, error: null, fieldErrors: {} };
  } catch (error) {
    console.error("creating a webhook endpoint failed", error);
    return {
      ...base,
      error: "The endpoint could not be added. Try again in a moment.",
      fieldErrors: {},
    };
  }
}

const IdSchema = z.string().min(1).max(100);

export async function setWebhookEnabledAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ok: false, error: auth.error };
  const id = IdSchema.safeParse(form.get("id"));
  const enabled = z.enum(["true", "false"]).safeParse(form.get("enabled"));
  if (!id.success || !enabled.success) return { ok: false, error: "Invalid request." };
  try {
    const done = await setWebhookEndpointEnabled(getDb(), id.data, enabled.data === "true");
    revalidatePath("/admin/webhooks");
    return done ? { ok: true } : { ok: false, error: "This endpoint no longer exists." };
  } catch (error) {
    console.error("updating a webhook endpoint failed", error);
    return { ok: false, error: "The endpoint could not be updated. Try again in a moment." };
  }
}

export async function deleteWebhookAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const auth = await authorizeMutation(form);
  if (!auth.ok) return { ok: false, error: auth.error };
  const id = IdSchema.safeParse(form.get("id"));
  if (!id.success) return { ok: false, error: "Invalid request." };
  try {
    const done = await deleteWebhookEndpoint(getDb(), id.data);
    revalidatePath("/admin/webhooks");
    return done ? { ok: true } : { ok: false, error: "This endpoint no longer exists." };
  } catch (error) {
    console.error("deleting a webhook endpoint failed", error);
    return { ok: false, error: "The endpoint could not be deleted. Try again in a moment." };
  }
}
