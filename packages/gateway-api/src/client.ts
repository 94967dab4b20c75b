/** Typed client of the phone gateway's control API. */
import { controlFetch } from "@switchboard/control-http";
import { gatewayControlToken } from "@switchboard/tokens";
import type { z } from "zod";
import {
  DEFAULT_GATEWAY_CONTROL_URL,
  DialResponseSchema,
  type GatewayDialRequest,
  GatewayDialRequestSchema,
  GatewayErrorBodySchema,
  type GatewayLiveCall,
  LiveCallsSchema,
} from "./contract";

/** The gateway refused (status from its answer) or could not be reached (503, GATEWAY_UNREACHABLE). */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = "GatewayError";
  }

  /** The gateway process could not be reached at all. */
  get unreachable(): boolean {
    return this.code === "GATEWAY_UNREACHABLE";
  }
}

/**
 * Typed client of the phone gateway's control API (`apps/gateway`): place a call into a
 * room, list live calls, hang one up. Bearer token derived from the root secret. Used
 * server-side by the dashboard and the REST API.
 */
export class GatewayClient {
  private readonly token: string;

  constructor(
    private readonly baseUrl: string,
    secret: string,
    private readonly timeoutMs = 5000,
  ) {
    this.token = gatewayControlToken(secret);
  }

  /** From GATEWAY_CONTROL_URL (default http://127.0.0.1:5070) and SWITCHBOARD_SECRET. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): GatewayClient {
    const url = env.GATEWAY_CONTROL_URL || DEFAULT_GATEWAY_CONTROL_URL;
    const secret = env.SWITCHBOARD_SECRET;
    if (!secret) throw new Error("SWITCHBOARD_SECRET is not set");
    return new GatewayClient(url, secret);
  }

  /** Places a call into the room; the gateway answers at once (202) with the call's id. */
  dial(request: GatewayDialRequest): Promise<{ callId: string }> {
    const body = GatewayDialRequestSchema.parse(request);
    return this.call("POST", "/calls", DialResponseSchema, body);
  }

  /** The calls in progress (all rooms). */
  async liveCalls(): Promise<GatewayLiveCall[]> {
    return (await this.call("GET", "/calls/live", LiveCallsSchema)).calls;
  }

  /** Hangs up a call; false when the gateway does not know it (any more). */
  async hangup(callId: string): Promise<boolean> {
    try {
      await this.call("DELETE", `/calls/${encodeURIComponent(callId)}`, null);
      return true;
    } catch (error) {
      if (error instanceof GatewayError && error.status === 404) return false;
      throw error;
    }
  }

  private async call<T>(
    method: "GET" | "POST" | "DELETE",
    path: string,
    schema: z.ZodType<T> | null,
    body?: unknown,
  ): Promise<T> {
    const res = await controlFetch({
      baseUrl: this.baseUrl,
      token: this.token,
      timeoutMs: this.timeoutMs,
      method,
      path,
      body,
    });
    if (!res.reached) {
      throw new GatewayError(
        503,
        "GATEWAY_UNREACHABLE",
        `the phone gateway is unreachable: ${res.error}`,
      );
    }
    const { json } = res;
    if (!res.ok) {
      const parsed = GatewayErrorBodySchema.safeParse(json);
      if (parsed.success) {
        const { code, message, issues } = parsed.data.error;
        throw new GatewayError(res.status, code, message, issues);
      }
      throw new GatewayError(res.status, "GATEWAY_ERROR", `the gateway answered ${res.status}`);
    }
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new GatewayError(502, "GATEWAY_BAD_ANSWER", "unexpected answer from the gateway");
    }
    return parsed.data;
  }
}
