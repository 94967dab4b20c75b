/**
 * The phone gateway's control API (apps/gateway `/calls`), as one contract for both sides:
 * the gateway validates requests with these schemas, its clients (the web app, the REST API,
 * the SFU's dial-out) validate its answers with them.
 */
import { z } from "zod";

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

export const GatewayDialRequestSchema = z
  .object({
    /** The room's slug. */
    room: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9-]*$/, "a room slug"),
    to: DialTargetSchema,
    /** The trunk's name; the gateway's default trunk when absent. */
    trunk: z.string().min(1).max(64).optional(),
    /** Caller id to present (the trunk's own when absent). */
    from: z
      .string()
      .regex(/^\+?[0-9A-Za-z._-]{1,32}$/)
      .optional(),
    /** Who asked: an admin (dashboard, REST API) or a room participant holding the dial grant. */
    requestedBy: z
      .object({ kind: z.enum(["admin", "participant"]), id: z.string().max(128) })
      .optional(),
  })
  .strict();
export type GatewayDialRequest = z.input<typeof GatewayDialRequestSchema>;
export type ParsedDialRequest = z.output<typeof GatewayDialRequestSchema>;

export const DialResponseSchema = z.object({ callId: z.string().min(1) });

export const LiveCallStateSchema = z.enum(["calling", "ringing", "active", "ended"]);
export type LiveCallState = z.infer<typeof LiveCallStateSchema>;

export const GatewayLiveCallSchema = z.object({
  callId: z.string(),
  direction: z.enum(["inbound", "outbound"]),
  from: z.string(),
  to: z.string(),
  room: z.string().nullable().optional(),
  /** The flow the call runs, if any. */
  flow: z.string().nullable().optional(),
  state: LiveCallStateSchema,
  startedAt: z.string(),
});
export type GatewayLiveCall = z.infer<typeof GatewayLiveCallSchema>;

export const LiveCallsSchema = z.object({ calls: z.array(GatewayLiveCallSchema) });

/** Every error code the control API answers with. */
export const GATEWAY_ERROR_CODES = [
  "UNAUTHORIZED",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "INVALID_JSON",
  "INVALID_REQUEST",
  "ROOM_NOT_FOUND",
  "TRUNK_NOT_FOUND",
  "NO_TRUNK",
  /** The destination policy refuses the number or SIP host. */
  "DESTINATION_NOT_ALLOWED",
  /** Too many calls per minute, or at once, through this trunk. */
  "RATE_LIMITED",
  "INTERNAL",
] as const;
export const GatewayErrorCodeSchema = z.enum(GATEWAY_ERROR_CODES);
export type GatewayErrorCode = z.infer<typeof GatewayErrorCodeSchema>;

export const GatewayErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type GatewayErrorBody = z.infer<typeof GatewayErrorBodySchema>;

/** The HTTP status of each error code. */
export const GATEWAY_ERROR_STATUS: Record<GatewayErrorCode, number> = {
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_JSON: 400,
  INVALID_REQUEST: 400,
  ROOM_NOT_FOUND: 404,
  TRUNK_NOT_FOUND: 404,
  NO_TRUNK: 400,
  DESTINATION_NOT_ALLOWED: 403,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};
