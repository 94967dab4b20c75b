import { gatewayControlToken } from "@switchboard/tokens";
import { z } from "zod";
import { controlFetch } from "./controlFetch";

/** The default address of the gateway's control API. */
export const DEFAULT_GATEWAY_CONTROL_URL = "http://127.0.0.1:5070";

/** Who to call: a phone number (through a trunk) or a SIP URI. */
export const DialTargetSchema = z
  .string()
  .trim()
  .min(1, "enter a phone number or a SIP URI")
  .max(256)
  .regex(
    /^(sips?:[^\s<>"]+|\+?[0-9*#]{2,32})$/,
    "a phone number (digits, optional +) or a SIP URI",
  );

export const GatewayDialRequestSchema = z.object({
  /** The room's slug. */
  room: z.string().min(1).max(64),
  to: DialTargetSchema,
  /** The trunk's name; the gateway's default trunk when absent. */
  trunk: z.string().min(1).max(64).optional(),
  /** Caller id to present (the trunk's own when absent). */
  from: z
    .string()
    .regex(/^\+?[0-9A-Za-z._-]{1,32}$/)
    .optional(),
});
export type GatewayDialRequest = z.input<typeof GatewayDialRequestSchema>;

export const LiveCallStateSchema = z.enum(["calling", "ringing", "active", "ended"]);
export type LiveCallState = z.infer<typeof LiveCallStateSchema>;

export const GatewayLiveCallSchema = z.object({
  callId: z.string(),
  direction: z.enum(["inbound", "outbound"]),
  from: z.string(),
  to: z.string(),
  room: z.string().nullable().optional(),
  state: LiveCallStateSchema,
  startedAt: z.string(),
});
export type GatewayLiveCall = z.infer<typeof GatewayLiveCallSchema>;

const LiveCallsSchema = z.object({ calls: z.array(GatewayLiveCallSchema) });
const DialResponseSchema = z.object({ callId: z.string().min(1) });
const GatewayErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

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
