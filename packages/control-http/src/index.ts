/**
 * Plumbing shared by the services' internal control APIs over node:http (the SFU's
 * `/admin/*`, the gateway's `/calls`): a constant-time bearer check, JSON bodies with a
 * size limit, JSON answers.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** True when `header` is exactly `Bearer <token>` (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; reason: "too-large" | "not-json"; message: string };

/** The request's JSON body (`{}` when empty); refuses bodies over `maxBytes` or not JSON. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      return { ok: false, reason: "too-large", message: `body larger than ${maxBytes} bytes` };
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown };
  } catch {
    return { ok: false, reason: "not-json", message: "the body is not JSON" };
  }
}

/** Answers with `body` as JSON (once: later calls on an answered response do nothing). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** `{ error: { code, message, issues? } }`, the shape every Switchboard API errors with. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  issues?: Array<{ path: string; message: string }>,
): void {
  sendJson(res, status, { error: { code, message, ...(issues ? { issues } : {}) } });
}
export { type ControlAnswer, controlFetch } from "./controlFetch";
