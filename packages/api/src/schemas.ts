import {
  PhoneNumberInputSchema,
  RoomPatchSchema,
  RoomSettingsSchema,
  TrunkInputSchema,
  TrunkNameSchema,
  TrunkPatchSchema,
} from "@switchboard/db";
import { DialTargetSchema } from "@switchboard/gateway-api";
import { LiveParticipantSchema, RoleSchema, SourceSchema } from "@switchboard/protocol";
import { z } from "zod";

/** A room as the API shows it. */
export const RoomSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    locked: z.boolean(),
    lobbyEnabled: z.boolean(),
    maxParticipants: z.number().int(),
    access: z.enum(["public", "token"]),
    pin: z.string().nullable(),
    createdAt: z.string().describe("ISO 8601"),
    updatedAt: z.string().describe("ISO 8601"),
    /** Present on list and get: how many people are in it now. */
    liveParticipants: z.number().int().optional(),
  })
  .meta({ id: "Room" });

export const RoomListSchema = z.object({ rooms: z.array(RoomSchema) }).meta({ id: "RoomList" });
export const RoomCreateSchema = RoomSettingsSchema.meta({ id: "RoomCreate" });
export const RoomUpdateSchema = RoomPatchSchema.meta({ id: "RoomUpdate" });
export const ParticipantListSchema = z
  .object({ participants: z.array(LiveParticipantSchema) })
  .meta({ id: "ParticipantList" });
export const MuteRequestSchema = z
  .object({ source: SourceSchema.default("mic") })
  .meta({ id: "MuteRequest" });
export const TokenRequestSchema = z
  .object({
    role: RoleSchema.default("guest"),
    name: z.string().trim().min(1).max(64).optional(),
    ttlSeconds: z
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(24 * 3600),
  })
  .meta({ id: "TokenRequest" });
export const TokenResponseSchema = z
  .object({ token: z.string(), expiresAt: z.string(), url: z.string() })
  .meta({ id: "TokenResponse" });
export const EmptySchema = z.object({}).meta({ id: "Empty" });
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

/* ---------------------------------------------------------------- telephony */

export const TrunkSchema = z
  .object({
    name: z.string(),
    host: z.string(),
    port: z.number().int(),
    transport: z.enum(["udp", "tcp"]),
    username: z.string().nullable(),
    /** The password itself is write-only. */
    password: z.enum(["set", "not set"]).describe("write-only: only whether one is set"),
    register: z.boolean(),
    registerExpires: z.number().int().describe("seconds"),
    fromNumber: z.string().nullable().describe("caller id presented on dial-out"),
    enabled: z.boolean(),
    countryCode: z
      .string()
      .nullable()
      .describe("the trunk's country calling code; null with no allowedPrefixes: it calls nothing"),
    allowedPrefixes: z.array(z.string()).describe("E.164 prefixes it may call; empty: its country"),
    allowInternational: z.boolean(),
    allowPremium: z.boolean().describe("premium-rate and international-network numbers"),
    maxConcurrent: z.number().int().describe("outbound calls at once"),
    maxPerMinute: z.number().int().describe("outbound calls started per minute"),
    maxDurationSec: z.number().int().describe("an outbound call is hung up after this long"),
    createdAt: z.string().describe("ISO 8601"),
    updatedAt: z.string().describe("ISO 8601"),
  })
  .meta({ id: "Trunk" });
export const TrunkListSchema = z.object({ trunks: z.array(TrunkSchema) }).meta({ id: "TrunkList" });
export const TrunkCreateSchema = TrunkInputSchema.meta({ id: "TrunkCreate" });
export const TrunkUpdateSchema = TrunkPatchSchema.meta({ id: "TrunkUpdate" });

export const NumberSchema = z
  .object({
    number: z.string(),
    /** The room's slug, or null for the general PIN-entry number. */
    room: z.string().nullable().describe("room slug; null = callers are asked for a meeting PIN"),
    flow: z.string().nullable().describe("the call flow it runs (wins over room)"),
    trunk: z.string().nullable(),
    label: z.string().nullable(),
    createdAt: z.string().describe("ISO 8601"),
  })
  .meta({ id: "PhoneNumber" });
export const NumberListSchema = z
  .object({ numbers: z.array(NumberSchema) })
  .meta({ id: "PhoneNumberList" });
export const NumberCreateSchema = PhoneNumberInputSchema.meta({ id: "PhoneNumberCreate" });

export const CallRecordSchema = z
  .object({
    callId: z.string(),
    direction: z.enum(["inbound", "outbound"]),
    from: z.string(),
    to: z.string(),
    trunk: z.string().nullable(),
    room: z.string().nullable(),
    startedAt: z.string().describe("ISO 8601"),
    answeredAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    /** Seconds from answer to hang-up; null when never answered or still going. */
    durationSeconds: z.number().int().nullable(),
    endReason: z
      .string()
      .nullable()
      .describe("busy, no-answer, rejected, not-found, unavailable, failed, remote-hangup, …"),
  })
  .meta({ id: "CallRecord" });
export const CallRecordListSchema = z
  .object({ calls: z.array(CallRecordSchema) })
  .meta({ id: "CallRecordList" });
/** Query parameters of GET /calls. */
export const CallQuerySchema = z.object({
  direction: z.enum(["inbound", "outbound"]).optional(),
  room: z.string().min(1).max(64).optional().describe("room slug"),
  number: z
    .string()
    .regex(/^\+?[0-9]{1,20}$/, "digits, optionally starting with +")
    .optional()
    .describe("prefix of the from or to number"),
  since: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .optional()
    .describe("calls started at or after this date (YYYY-MM-DD) or time (ISO 8601)"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const DialRequestSchema = z
  .object({
    to: DialTargetSchema.describe("a phone number (digits, optional +) or a SIP URI"),
    trunk: TrunkNameSchema.optional().describe("trunk name; the first enabled trunk when absent"),
  })
  .strict()
  .meta({ id: "DialRequest" });
export const DialResponseSchema = z.object({ callId: z.string() }).meta({ id: "DialResponse" });
