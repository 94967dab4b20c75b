import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerMatches, readJsonBody, sendJson } from "@switchboard/control-http";
import {
  GATEWAY_ERROR_STATUS,
  GatewayDialRequestSchema,
  type GatewayErrorCode,
  type GatewayLiveCall,
  type ParsedDialRequest,
} from "@switchboard/gateway-api";
import type { Logger } from "pino";

const MAX_BODY = 8 * 1024;

export type DialResult = { callId: string } | { error: GatewayErrorCode; message: string };

export interface ControlApiDeps {
  token: string;
  log: Logger;
  liveCalls: () => GatewayLiveCall[];
  hangup: (callId: string) => Promise<boolean>;
  dial: (req: ParsedDialRequest) => Promise<DialResult>;
}

/**
 * The gateway's HTTP control API (for the web app, the REST API and the SFU), speaking the
 * contract in @switchboard/gateway-api: place a call into a room, list live calls, hang one
 * up. Bearer token derived from SWITCHBOARD_SECRET.
 */
export class ControlApi {
  constructor(private readonly o: ControlApiDeps) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    void this.route(req, res).catch((err: unknown) => {
      this.o.log.error({ err }, "control API error");
      if (!res.headersSent) fail(res, "INTERNAL", "internal error");
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway");
    if (!url.pathname.startsWith("/calls")) return fail(res, "NOT_FOUND", "no such endpoint");
    if (!bearerMatches(req.headers.authorization, this.o.token))
      return fail(res, "UNAUTHORIZED", "bad or missing bearer token");
    if (req.method === "GET" && url.pathname === "/calls/live")
      return sendJson(res, 200, { calls: this.o.liveCalls() });
    if (req.method === "POST" && url.pathname === "/calls") {
      const body = await readJsonBody(req, MAX_BODY);
      if (!body.ok) return fail(res, "INVALID_JSON", body.message);
      const parsed = GatewayDialRequestSchema.safeParse(body.value);
      if (!parsed.success) {
        return sendJson(res, 400, {
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
      if ("error" in result) return fail(res, result.error, result.message);
      return sendJson(res, 202, result);
    }
    const match = /^\/calls\/([^/]+)$/.exec(url.pathname);
    if (req.method === "DELETE" && match) {
      const found = await this.o.hangup(decodeURIComponent(match[1] ?? ""));
      return found ? sendJson(res, 200, {}) : fail(res, "NOT_FOUND", "no such call");
    }
    return fail(res, "METHOD_NOT_ALLOWED", "method not allowed");
  }
}

function fail(res: ServerResponse, code: GatewayErrorCode, message: string): void {
  sendJson(res, GATEWAY_ERROR_STATUS[code], { error: { code, message } });
}
