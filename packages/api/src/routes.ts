import {
  createNumber,
  createRoomWithSettings,
  createTrunk,
  type Db,
  deleteNumber,
  deleteRoom,
  deleteTrunk,
  findRoomBySlug,
  findTrunk,
  listCalls,
  listNumbers,
  listRooms,
  listTrunks,
  NumberReferenceError,
  type PhoneNumberRecord,
  RoomConflictError,
  type RoomRecord,
  TelephonyConflictError,
  type TrunkRecord,
  updateRoom,
  updateTrunk,
} from "@switchboard/db";
import { DEFAULT_GATEWAY_CONTROL_URL, GatewayClient, GatewayError } from "@switchboard/gateway-api";
import { signJoinToken } from "@switchboard/tokens";
import { z } from "zod";
import { ApiError, readBody } from "./http";
import { type SfuAdminClient, SfuAdminError } from "./SfuAdminClient";
import {
  CallQuerySchema,
  CallRecordListSchema,
  type CallRecordSchema,
  DialRequestSchema,
  DialResponseSchema,
  EmptySchema,
  MuteRequestSchema,
  NumberCreateSchema,
  NumberListSchema,
  NumberSchema,
  ParticipantListSchema,
  RoomCreateSchema,
  RoomListSchema,
  RoomSchema,
  RoomUpdateSchema,
  TokenRequestSchema,
  TokenResponseSchema,
  TrunkCreateSchema,
  TrunkListSchema,
  TrunkSchema,
  TrunkUpdateSchema,
} from "./schemas";

export interface ApiDeps {
  db: Db;
  sfu: SfuAdminClient;
  /**
   * The phone gateway's control API (dial-out). Default: GATEWAY_CONTROL_URL (or
   * http://127.0.0.1:5070) with a token derived from `secret`.
   */
  gateway?: GatewayClient;
  /** Root secret (signs join tokens, encrypts trunk passwords). */
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
  /** Query parameters (documented; the handler parses them). */
  query?: z.ZodObject;
  /** Error statuses beyond 400, 401 and 404 worth documenting. */
  errors?: Array<{ status: number; description: string }>;
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

/** Maps SFU, gateway and database failures onto API errors. */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RoomConflictError || error instanceof TelephonyConflictError) {
      throw new ApiError(409, "CONFLICT", error.message);
    }
    if (error instanceof z.ZodError) throw ApiError.invalid(error);
    if (error instanceof NumberReferenceError) {
      throw new ApiError(400, "INVALID_REQUEST", "the request body is not valid", [
        { path: error.field, message: error.message },
      ]);
    }
    if (error instanceof GatewayError) throw gatewayApiError(error);
    if (error instanceof SfuAdminError) {
      if (error.status === 404) throw new ApiError(404, "NOT_FOUND", error.message);
      throw new ApiError(502, "SFU_UNAVAILABLE", error.message);
    }
    throw error;
  }
}

/** What a gateway failure means to an API client. */
function gatewayApiError(error: GatewayError): ApiError {
  if (error.unreachable || error.status === 503) {
    return new ApiError(503, "GATEWAY_UNAVAILABLE", "the phone gateway is not reachable");
  }
  if (error.status === 400) {
    return new ApiError(
      400,
      error.code === "INVALID_REQUEST" ? "INVALID_REQUEST" : error.code,
      error.message,
      error.issues,
    );
  }
  if (error.status === 404) return new ApiError(404, "NOT_FOUND", error.message);
  if (error.status === 401) {
    return new ApiError(
      502,
      "GATEWAY_UNAVAILABLE",
      "the phone gateway refused our credentials (SWITCHBOARD_SECRET mismatch)",
    );
  }
  return new ApiError(502, "GATEWAY_UNAVAILABLE", error.message);
}

function gatewayOf(deps: ApiDeps): GatewayClient {
  return (
    deps.gateway ??
    new GatewayClient(process.env.GATEWAY_CONTROL_URL || DEFAULT_GATEWAY_CONTROL_URL, deps.secret)
  );
}

function trunkJson(trunk: TrunkRecord): z.input<typeof TrunkSchema> {
  return {
    name: trunk.name,
    host: trunk.host,
    port: trunk.port,
    transport: trunk.transport,
    username: trunk.username,
    password: trunk.hasPassword ? "set" : "not set",
    register: trunk.register,
    registerExpires: trunk.registerExpires,
    fromNumber: trunk.fromNumber,
    enabled: trunk.enabled,
    countryCode: trunk.countryCode,
    allowedPrefixes: trunk.allowedPrefixes,
    allowInternational: trunk.allowInternational,
    allowPremium: trunk.allowPremium,
    maxConcurrent: trunk.maxConcurrent,
    maxPerMinute: trunk.maxPerMinute,
    maxDurationSec: trunk.maxDurationSec,
    createdAt: trunk.createdAt.toISOString(),
    updatedAt: trunk.updatedAt.toISOString(),
  };
}

function numberJson(n: PhoneNumberRecord): z.input<typeof NumberSchema> {
  return {
    number: n.number,
    room: n.room?.slug ?? null,
    flow: n.flow?.name ?? null,
    trunk: n.trunk?.name ?? null,
    label: n.label,
    createdAt: n.createdAt.toISOString(),
  };
}

function callJson(
  c: Awaited<ReturnType<typeof listCalls>>[number],
): z.input<typeof CallRecordSchema> {
  return {
    callId: c.callId,
    direction: c.direction === "outbound" ? "outbound" : "inbound",
    from: c.fromNumber,
    to: c.toNumber,
    trunk: c.trunk,
    room: c.roomSlug,
    startedAt: c.startedAt.toISOString(),
    answeredAt: c.answeredAt?.toISOString() ?? null,
    endedAt: c.endedAt?.toISOString() ?? null,
    durationSeconds:
      c.answeredAt && c.endedAt
        ? Math.max(0, Math.round((c.endedAt.getTime() - c.answeredAt.getTime()) / 1000))
        : null,
    endReason: c.endReason,
  };
}

async function mustFindTrunk(db: Db, name: string): Promise<TrunkRecord> {
  const trunk = await findTrunk(db, name);
  if (!trunk) throw new ApiError(404, "NOT_FOUND", `there is no trunk "${name}"`);
  return trunk;
}

/** Validated query parameters; a 400 with the failing parameters otherwise. */
function readQuery<T extends z.ZodType>(req: Request, schema: T): z.output<T> {
  const params = new URL(req.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [name, value] of params) if (value !== "") raw[name] = value;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw ApiError.invalid(parsed.error, "the query");
  return parsed.data;
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
    query: z.object({ q: z.string().optional().describe("search in name and slug") }),
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
    errors: [{ status: 409, description: "the slug or PIN is taken" }],
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
    errors: [{ status: 409, description: "the slug or PIN is taken" }],
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
  {
    method: "POST",
    path: "/rooms/{slug}/dial",
    operationId: "dialOut",
    summary:
      "Call a phone number (or SIP URI) into the room through a trunk; answers at once with the call's id, the outcome lands in the call records",
    body: DialRequestSchema,
    status: 202,
    response: DialResponseSchema,
    errors: [{ status: 503, description: "the phone gateway is not reachable" }],
    async handle({ req, params, deps }) {
      const body = await readBody(req, DialRequestSchema);
      const room = await mustFindRoom(deps.db, params.slug ?? "");
      if (body.trunk !== undefined) await mustFindTrunk(deps.db, body.trunk);
      return guard(() =>
        gatewayOf(deps).dial({
          room: room.slug,
          to: body.to,
          ...(body.trunk === undefined ? {} : { trunk: body.trunk }),
        }),
      );
    },
  },
  {
    method: "GET",
    path: "/calls",
    operationId: "listCalls",
    summary: "Call records (newest first), filtered by direction, room, number prefix and start",
    query: CallQuerySchema,
    status: 200,
    response: CallRecordListSchema,
    async handle({ req, deps }) {
      const q = readQuery(req, CallQuerySchema);
      const calls = await listCalls(
        deps.db,
        {
          direction: q.direction,
          roomSlug: q.room,
          number: q.number,
          since: q.since ? new Date(q.since) : undefined,
        },
        q.limit,
      );
      return { calls: calls.map(callJson) };
    },
  },
  {
    method: "GET",
    path: "/trunks",
    operationId: "listTrunks",
    summary: "SIP trunks (passwords are never returned)",
    status: 200,
    response: TrunkListSchema,
    async handle({ deps }) {
      return { trunks: (await listTrunks(deps.db)).map(trunkJson) };
    },
  },
  {
    method: "POST",
    path: "/trunks",
    operationId: "createTrunk",
    errors: [{ status: 409, description: "the name is taken" }],
    summary: "Add a SIP trunk (the password is stored encrypted)",
    body: TrunkCreateSchema,
    status: 201,
    response: TrunkSchema,
    async handle({ req, deps }) {
      const body = await readBody(req, TrunkCreateSchema);
      return trunkJson(await guard(() => createTrunk(deps.db, body, deps.secret)));
    },
  },
  {
    method: "GET",
    path: "/trunks/{name}",
    operationId: "getTrunk",
    summary: "Get a SIP trunk",
    status: 200,
    response: TrunkSchema,
    async handle({ params, deps }) {
      return trunkJson(await mustFindTrunk(deps.db, params.name ?? ""));
    },
  },
  {
    method: "PATCH",
    path: "/trunks/{name}",
    operationId: "updateTrunk",
    errors: [{ status: 409, description: "the name is taken" }],
    summary:
      "Change a SIP trunk; `password`: absent keeps it, null clears it, a string replaces it",
    body: TrunkUpdateSchema,
    status: 200,
    response: TrunkSchema,
    async handle({ req, params, deps }) {
      const body = await readBody(req, TrunkUpdateSchema);
      const trunk = await guard(() => updateTrunk(deps.db, params.name ?? "", body, deps.secret));
      if (!trunk) throw new ApiError(404, "NOT_FOUND", `there is no trunk "${params.name}"`);
      return trunkJson(trunk);
    },
  },
  {
    method: "DELETE",
    path: "/trunks/{name}",
    operationId: "deleteTrunk",
    summary: "Delete a SIP trunk (its phone numbers stay, without a trunk)",
    status: 204,
    response: EmptySchema,
    async handle({ params, deps }) {
      if (!(await deleteTrunk(deps.db, params.name ?? ""))) {
        throw new ApiError(404, "NOT_FOUND", `there is no trunk "${params.name}"`);
      }
      return {};
    },
  },
  {
    method: "GET",
    path: "/numbers",
    operationId: "listNumbers",
    summary: "Phone numbers (DIDs) and where they ring: a room, or the PIN prompt",
    status: 200,
    response: NumberListSchema,
    async handle({ deps }) {
      return { numbers: (await listNumbers(deps.db)).map(numberJson) };
    },
  },
  {
    method: "POST",
    path: "/numbers",
    operationId: "createNumber",
    errors: [{ status: 409, description: "the number is already configured" }],
    summary: "Add a phone number (DID): into a room, or (room null) the meeting PIN prompt",
    body: NumberCreateSchema,
    status: 201,
    response: NumberSchema,
    async handle({ req, deps }) {
      const body = await readBody(req, NumberCreateSchema);
      return numberJson(await guard(() => createNumber(deps.db, body)));
    },
  },
  {
    method: "DELETE",
    path: "/numbers/{number}",
    operationId: "deleteNumber",
    summary: "Remove a phone number (URL-encode the +, as %2B)",
    status: 204,
    response: EmptySchema,
    async handle({ params, deps }) {
      if (!(await deleteNumber(deps.db, params.number ?? ""))) {
        throw new ApiError(404, "NOT_FOUND", `the number "${params.number}" is not configured`);
      }
      return {};
    },
  },
];
