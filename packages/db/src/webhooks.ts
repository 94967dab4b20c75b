import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "./client";

export const WEBHOOK_EVENT_TYPES = [
  "room.started",
  "room.finished",
  "participant.joined",
  "participant.left",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WebhookEndpointInputSchema = z.object({
  url: z
    .string()
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//.test(u), "http or https URL"),
  /** Event types, or ["*"] for all. */
  events: z
    .array(z.enum([...WEBHOOK_EVENT_TYPES, "*"]))
    .min(1)
    .default(["*"]),
  enabled: z.boolean().default(true),
});
export type WebhookEndpointInput = z.input<typeof WebhookEndpointInputSchema>;

export interface WebhookEndpointRecord {
  id: string;
  url: string;
  secret: string;
  events: string;
  enabled: boolean;
  createdAt: Date;
}

export async function createWebhookEndpoint(
  db: Db,
  input: WebhookEndpointInput,
): Promise<WebhookEndpointRecord> {
  const { url, events, enabled } = WebhookEndpointInputSchema.parse(input);
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  return db.webhookEndpoint.create({
    data: { url, events: events.includes("*") ? "*" : events.join(","), enabled, secret },
  });
}

export function listWebhookEndpoints(db: Db): Promise<WebhookEndpointRecord[]> {
  return db.webhookEndpoint.findMany({ orderBy: { createdAt: "desc" } });
}

export async function setWebhookEndpointEnabled(db: Db, id: string, enabled: boolean) {
  const { count } = await db.webhookEndpoint.updateMany({ where: { id }, data: { enabled } });
  return count > 0;
}

export async function deleteWebhookEndpoint(db: Db, id: string): Promise<boolean> {
  const { count } = await db.webhookEndpoint.deleteMany({ where: { id } });
  return count > 0;
}

/** Whether an endpoint subscribed to `type`. */
export function endpointWants(endpoint: { events: string; enabled: boolean }, type: string) {
  if (!endpoint.enabled) return false;
  return endpoint.events === "*" || endpoint.events.split(",").includes(type);
}

/** The newest deliveries, optionally for one endpoint (for the dashboard's log). */
export function listWebhookDeliveries(db: Db, endpointId?: string, take = 100) {
  return db.webhookDelivery.findMany({
    where: endpointId ? { endpointId } : undefined,
    orderBy: { createdAt: "desc" },
    take,
  });
}
