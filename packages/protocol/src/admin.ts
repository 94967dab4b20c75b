/**
 * The SFU's control API (HTTP, JSON), used by the web app's dashboard and REST API.
 * Every call carries `Authorization: Bearer <sfuAdminToken(SWITCHBOARD_SECRET)>`.
 *
 *   GET  /admin/rooms                                   → LiveRoomsResponse
 *   GET  /admin/rooms/:slug                             → LiveRoom (404 when not live)
 *   POST /admin/rooms/:slug/participants/:id/mute       body MuteBody → {}
 *   POST /admin/rooms/:slug/participants/:id/remove     → {}
 *   POST /admin/rooms/:slug/end                         → {}
 * Errors: { error: { code, message } } with 400/401/404.
 */
import { z } from "zod";
import { DisplayNameSchema, PeerInfoSchema, SourceSchema } from "./messages";

export const RoleSchema = PeerInfoSchema.shape.role;
export type Role = z.infer<typeof RoleSchema>;

export const LiveParticipantSchema = z.object({
  id: z.string(),
  displayName: DisplayNameSchema,
  role: RoleSchema,
  joinedAt: z.number().int(),
  /** Published sources and whether each is paused. */
  media: z.array(z.object({ source: SourceSchema, paused: z.boolean() })),
});
export type LiveParticipant = z.infer<typeof LiveParticipantSchema>;

export const LiveRoomSchema = z.object({
  slug: z.string(),
  startedAt: z.number().int(),
  participants: z.array(LiveParticipantSchema),
});
export type LiveRoom = z.infer<typeof LiveRoomSchema>;

export const LiveRoomsResponseSchema = z.object({
  rooms: z.array(
    z.object({ slug: z.string(), startedAt: z.number().int(), participants: z.number().int() }),
  ),
});
export type LiveRoomsResponse = z.infer<typeof LiveRoomsResponseSchema>;

export const MuteBodySchema = z.object({ source: SourceSchema.default("mic") });
export type MuteBody = z.input<typeof MuteBodySchema>;

export const AdminErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
