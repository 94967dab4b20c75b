import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signatures: HMAC-SHA256 over `${id}.${timestamp}.${body}` with the
 * endpoint's secret (`whsec_` + base64), sent as `webhook-signature: v1,<base64>` beside
 * `webhook-id` and `webhook-timestamp` (seconds).
 */
export interface WebhookHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secretBytes(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
  return `v1,${mac}`;
}

export function signedHeaders(
  secret: string,
  id: string,
  body: string,
  now = Date.now(),
): WebhookHeaders {
  const timestamp = Math.floor(now / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, id, timestamp, body),
  };
}

/**
 * Checks a received webhook: the signature (any of the space-separated `v1,` entries)
 * and that the timestamp is within `toleranceSeconds` of now (replay protection).
 */
export function verify(
  secret: string,
  headers: Partial<Record<keyof WebhookHeaders, string | undefined>>,
  body: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const id = headers["webhook-id"];
  const ts = Number(headers["webhook-timestamp"]);
  const given = headers["webhook-signature"];
  if (!id || !Number.isInteger(ts) || !given) return false;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - ts) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(sign(secret, id, ts, body));
  return given.split(" ").some((candidate) => {
    const c = Buffer.from(candidate);
    return c.length === expected.length && timingSafeEqual(c, expected);
  });
}
