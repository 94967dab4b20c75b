import {
  createRoomWithSettings,
  type Db,
  deleteRoom,
  findRoomBySlug,
  listRooms,
  RoomConflictError,
  type RoomRecord,
  updateRoom,
} from "@switchboard/db";
import { signJoinToken } from "@switchboard/tokens";
import type { z } from "zod";
import { ApiError, readBody } from "./http";
import { type SfuAdminClient, SfuAdminError } from "./SfuAdminClient";
import {
  EmptySchema,
  MuteRequestSchema,
  ParticipantListSchema,
  RoomCreateSchema,
  RoomListSchema,
  RoomSchema,
  RoomUpdateSchema,
  TokenRequestSchema,
  TokenResponseSchema,
} from "./schemas";

export interface ApiDeps {
  db: Db;
  sfu: SfuAdminClient;
  /** Root secret (signs join tokens). */
  secret: string;
  /** Public origin of the web app, for join links (e.g. https://meet.example.com). */
  publicUrl: string | ((req: Request) => string);
  /** Reports unexpected errors (answered as 500). */
  onError?: (error: unknown) => void;
}

export interface RouteContext {
  req: Request;
  params: Record<string, string>;
  deps: ApiDeps;
}

export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Under /api/v1, with {param} placeholders. */
  path: string;
  operationId: string;
  summary: string;
  body?: z.ZodType;
  status: number;
  response: z.ZodType;
  handle(ctx: RouteContext): Promise<unknown>;
}

function roomJson(room: RoomRecord, liveParticipants?: number): z.input<typeof RoomSchema> {
  return {
    slug: room.slug,
    name: room.name,
    locked: room.locked,
    lobbyEnabled: room.lobbyEnabled,
    maxParticipants: room.maxParticipants,
    access: room.access === "token" ? "token" : "public",
    pin: room.pin,
    createdAt: room.createdAt.toISOString(),
    updatedAt: room.updatedAt.toISOString(),
    ...(liveParticipants === undefined ? {} : { liveParticipants }),
  };
}

async function mustFindRoom(db: Db, slug: string): Promise<RoomRecord> {
  const room = await findRoomBySlug(db, slug);
  if (!room) throw new ApiError(404, "NOT_FOUND", `there is no room "${slug}"`);
  return room;
}

/** Maps SFU and database failures onto API errors. */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RoomConflictError) throw new ApiError(409, "CONFLICT", error.message);
    if (error instanceof SfuAdminError) {
      if (error.status === 404) throw new ApiError(404, "NOT_FOUND", error.message);
      throw new ApiError(502, "SFU_UNAVAILABLE", error.message);
    }
    throw error;
  }
}

async function liveCounts(sfu: SfuAdminClient): Promise<Map<string, number> | undefined> {
  try {
    const { rooms } = await sfu.listRooms();
    return new Map(rooms.map((r) => [r.slug, r.participants]));
  } catch {
    return undefined; // The rooms are still listed when the SFU is down.
  }
}

/** Every REST endpoint: the table drives both the router and the OpenAPI document. */
export const routes: Route[] = [
  {
    method: "GET",
    path: "/rooms",
    operationId: "listRooms",
    summary: "List rooms (optionally `?q=` to search name and slug), with live participant counts",
    status: 200,
    response: RoomListSchema,
    async handle({ req, deps }) {
      const q = new URL(req.url).searchParams.get("q") ?? undefined;
      const [rooms, counts] = await Promise.all([listRooms(deps.db, q), liveCounts(deps.sfu)]);
      return {
        rooms: rooms.map((r) => roomJson(r, counts ? (counts.get(r.slug) ?? 0) : undefined)),
      };
    },
  },
  {
    method: "POST",
    path: "/rooms",
    operationId: "createRoom",
    summary: "Create a room",
    body: RoomCreateSchema,
    status: 201,
    response: RoomSchema,
    async handle({ req, deps }) {
      const body = await readBody(req, RoomCreateSchema);
      return roomJson(await guard(() => createRoomWithSettings(deps.db, body)));
    },
  },
  {
    method: "GET",
    path: "/rooms/{slug}",
    operationId: "getRoom",
    summary: "Get a room",
    status: 200,
    response: RoomSchema,
    async handle({ params, deps }) {
      const room = await mustFindRoom(deps.db, params.slug ?? "");
      const counts = await liveCounts(deps.sfu);
      return roomJson(room, counts ? (counts.get(room.slug) ?? 0) : undefined);
    },
  },
  {
    method: "PATCH",
    path: "/rooms/{slug}",
    operationId: "updateRoom",
    summary: "Change a room's settings",
    body: RoomUpdateSchema,
    status: 200,
    response: RoomSchema,
    async handle({ req, params, deps }) {
      const body = await readBody(req, RoomUpdateSchema);
      const room = await guard(() => updateRoom(deps.db, params.slug ?? "", body));
      if (!room) throw new ApiError(404, "NOT_FOUND", `there is no room "${params.slug}"`);
      return roomJson(room);
    },
  },
  {
    method: "DELETE",
    path: "/rooms/{slug}",
    operationId: "deleteRoom",
    summary: "Delete a room (ends it first if it is live)",
    status: 204,
    response: EmptySchema,
    async handle({ params, deps }) {
      const slug = params.slug ?? "";
      await mustFindRoom(deps.db, slug);
      await deps.sfu.endRoom(slug).catch(() => undefined);
      await deleteRoom(deps.db, slug);
      return {};
    },
  },
  {
    method: "GET",
    path: "/rooms/{slug}/participants",
    operationId: "listParticipants",
    summary: "The people in the room now",
    status: 200,
    response: ParticipantListSchema,
    async handle({ params, deps }) {
      const room = await mustFindRoom(deps.db, params.slug ?? "");
      const live = await guard(() => deps.sfu.getRoom(room.slug));
      return { participants: live?.participants ?? [] };
    },
  },
  {
    method: "POST",
    path: "/rooms/{slug}/participants/{participantId}/mute",
    operationId: "muteParticipant",
    summary: "Mute a participant's microphone (or camera/screen); they are told",
    body: MuteRequestSchema,
    status: 200,
    response: EmptySchema,
    async handle({ req, params, deps }) {
      const { source } = await readBody(req, MuteRequestSchema);
      await mustFindRoom(deps.db, params.slug ?? "");
      await guard(() => deps.sfu.mute(params.slug ?? "", params.participantId ?? "", source));
      return {};
    },
  },
  {
    method: "POST",
    path: "/rooms/{slug}/participants/{participantId}/remove",
    operationId: "removeParticipant",
    summary: "Remove a participant from the room; they are told",
    status: 200,
    response: EmptySchema,
    async handle({ params, deps }) {
      await mustFindRoom(deps.db, params.slug ?? "");
      await guard(() => deps.sfu.remove(params.slug ?? "", params.participantId ?? ""));
      return {};
    },
  },
  {
    method: "POST",
    path: "/rooms/{slug}/end",
    operationId: "endRoom",
    summary: "End the meeting for everyone",
    status: 200,
    response: EmptySchema,
    async handle({ params, deps }) {
      await mustFindRoom(deps.db, params.slug ?? "");
      await guard(() => deps.sfu.endRoom(params.slug ?? ""));
      return {};
    },
  },
  {
    method: "POST",
    path: "/rooms/{slug}/tokens",
    operationId: "createJoinToken",
    summary: "Create a signed join token (and link) for a guest or a moderator",
    body: TokenRequestSchema,
    status: 201,
    response: TokenResponseSchema,
    async handle({ req, params, deps }) {
      const body = await readBody(req, TokenRequestSchema);
      const room = await mustFindRoom(deps.db, params.slug ?? "");
      const { token, expiresAt } = await signJoinToken(
        { room: room.slug, role: body.role, name: body.name },
        deps.secret,
        body.ttlSeconds,
      );
      const origin = typeof deps.publicUrl === "string" ? deps.publicUrl : deps.publicUrl(req);
      const url = `${origin.replace(/\/+$/, "")}/r/${room.slug}?token=${encodeURIComponent(token)}`;
      return { token, expiresAt: expiresAt.toISOString(), url };
    },
  },
];
