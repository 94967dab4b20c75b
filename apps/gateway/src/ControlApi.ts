import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerMatches, readJsonBody, sendJson } from "@switchboard/control-http";
import { SlugSchema } from "@switchboard/protocol";
import type { Logger } from "pino";
import { z } from "zod";
import type { LiveCall } from "./GatewayApp";

const MAX_BODY = 8 * 1024;

export const DialRequestSchema = z.object({
  room: SlugSchema,
  /** A SIP URI (sip:user@host[:port]) or a phone number to call through a trunk. */
  to: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .regex(/^(sips?:[^\s<>"]+|\+?[0-9*#]{2,32})$/, "a SIP URI or a phone number"),
  trunk: z.string().min(1).max(64).optional(),
  /** Caller id to present. */
  from: z
    .string()
    .regex(/^\+?[0-9A-Za-z._-]{1,32}$/)
    .optional(),
});
export type DialRequest = z.infer<typeof DialRequestSchema>;

export type DialResult =
  | { callId: string }
  | { error: "ROOM_NOT_FOUND" | "TRUNK_NOT_FOUND" | "NO_TRUNK"; message?: string };

/**
 * The gateway's HTTP control API (for the web app and the REST API): place a call into a
 * room, list live calls, hang one up. Bearer token derived from SWITCHBOARD_SECRET.
 */
export class ControlApi {
  constructor(
    private readonly o: {
      token: string;
      log: Logger;
      live: Map<string, LiveCall>;
      dial: (req: DialRequest) => Promise<DialResult>;
    },
  ) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    void this.route(req, res).catch((err: unknown) => {
      this.o.log.error({ err }, "control API error");
      if (!res.headersSent)
        send(res, 500, { error: { code: "INTERNAL", message: "internal error" } });
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway");
    if (!url.pathname.startsWith("/calls")) {
      return send(res, 404, { error: { code: "NOT_FOUND", message: "no such endpoint" } });
    }
    if (!bearerMatches(req.headers.authorization, this.o.token)) {
      return send(res, 401, {
        error: { code: "UNAUTHORIZED", message: "bad or missing bearer token" },
      });
    }
    if (req.method === "GET" && url.pathname === "/calls/live") {
      const calls = [...this.o.live.values()].map((c) => ({
        callId: c.call.callId,
        direction: c.call.direction,
        from: c.from,
        to: c.to,
        room: c.room ?? null,
        state: c.call.state === "answering" ? "ringing" : c.call.state,
        startedAt: new Date(c.startedAt).toISOString(),
      }));
      return send(res, 200, { calls });
    }
    if (req.method === "POST" && url.pathname === "/calls") {
      const body = await readJsonBody(req, MAX_BODY);
      if (!body.ok)
        return send(res, 400, { error: { code: "INVALID_JSON", message: body.message } });
      const parsed = DialRequestSchema.safeParse(body.value);
      if (!parsed.success) {
        return send(res, 400, {
          error: {
            code: "INVALID_REQUEST",
            message: "invalid dial request",
            issues: parsed.error.issues.map((i) => ({
              path: i.path.join("."),
              message: i.message,
            })),
          },
        });
      }
      const result = await this.o.dial(parsed.data);
      if ("error" in result) {
        const status = result.error === "NO_TRUNK" ? 400 : 404;
        return send(res, status, {
          error: { code: result.error, message: result.message ?? result.error.toLowerCase() },
        });
      }
      return send(res, 202, result);
    }
    const match = /^\/calls\/([^/]+)$/.exec(url.pathname);
    if (req.method === "DELETE" && match) {
      const entry = this.o.live.get(decodeURIComponent(match[1] ?? ""));
      if (!entry) return send(res, 404, { error: { code: "NOT_FOUND", message: "no such call" } });
      await entry.call.hangup();
      return send(res, 200, {});
    }
    return send(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "method not allowed" } });
  }
}

const send = sendJson;
