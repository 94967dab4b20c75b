import { RoomPatchSchema, RoomSettingsSchema } from "@switchboard/db";
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
