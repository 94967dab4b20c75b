import type { IncomingMessage, ServerResponse } from "node:http";
import { bearerMatches, readJsonBody, sendJson } from "@switchboard/control-http";
import {
  type LiveRoom,
  type LiveRoomsResponse,
  MuteBodySchema,
  toIssues,
} from "@switchboard/protocol";
import { sfuAdminToken } from "@switchboard/tokens";
import type { Logger } from "./logger";
import type { Room } from "./Room";
import type { RoomRegistry } from "./RoomRegistry";

const MAX_BODY_BYTES = 16 * 1024;

/**
 * The SFU's control API (contract in `@switchboard/protocol`'s admin.ts) for the web
 * app's dashboard and REST API. Bearer-authenticated with a key derived from
 * SWITCHBOARD_SECRET; disabled when no secret is configured.
 */
export class AdminApi {
  private readonly token: string | undefined;

  constructor(
    private readonly rooms: RoomRegistry,
    secret: string | undefined,
    private readonly log: Logger,
  ) {
    this.token = secret ? sfuAdminToken(secret) : undefined;
  }

  /** Handles `/admin/*`; returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://sfu");
    if (!url.pathname.startsWith("/admin/")) return false;
    void this.route(req, url.pathname, res).catch((error: unknown) => {
      this.log.error({ err: error }, "admin API error");
      send(res, 500, { error: { code: "INTERNAL", message: "internal error" } });
    });
    return true;
  }

  private async route(req: IncomingMessage, path: string, res: ServerResponse): Promise<void> {
    if (!this.token) {
      return send(res, 503, {
        error: { code: "DISABLED", message: "SWITCHBOARD_SECRET is not set" },
      });
    }
    if (!bearerMatches(req.headers.authorization, this.token)) {
      return send(res, 401, {
        error: { code: "UNAUTHORIZED", message: "bad or missing bearer token" },
      });
    }
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent); // ["admin", "rooms", …]
    const [, collection, slug, sub, participantId, action] = parts;
    if (collection !== "rooms") return notFound(res);
    if (req.method === "GET" && parts.length === 2) return send(res, 200, this.listRooms());
    const room = slug ? this.rooms.get(slug) : undefined;
    if (req.method === "GET" && parts.length === 3) {
      return room ? send(res, 200, liveRoom(room)) : notFound(res, "the room is not live");
    }
    if (req.method !== "POST") return notFound(res);
    const read = await readJsonBody(req, MAX_BODY_BYTES);
    if (!read.ok) {
      return send(res, 400, { error: { code: "INVALID_REQUEST", message: read.message } });
    }
    const body = read.value;
    if (!room) return notFound(res, "the room is not live");
    if (parts.length === 4 && sub === "end") {
      room.close("ended by an administrator");
      return send(res, 200, {});
    }
    if (parts.length === 6 && sub === "participants" && participantId) {
      if (action === "remove") {
        return room.remove(participantId, "removed by an administrator")
          ? send(res, 200, {})
          : notFound(res, "no such participant");
      }
      if (action === "mute") {
        const parsed = MuteBodySchema.safeParse(body);
        if (!parsed.success) {
          return send(res, 400, {
            error: { code: "INVALID_REQUEST", message: "bad body", issues: toIssues(parsed.error) },
          });
        }
        return (await room.moderation.muteBy(participantId, parsed.data.source))
          ? send(res, 200, {})
          : notFound(res, "no such participant");
      }
    }
    return notFound(res);
  }

  private listRooms(): LiveRoomsResponse {
    return {
      rooms: this.rooms.all().map((r) => ({
        slug: r.slug,
        startedAt: r.startedAt,
        participants: r.peers.size,
      })),
    };
  }
}

function liveRoom(room: Room): LiveRoom {
  return {
    slug: room.slug,
    startedAt: room.startedAt,
    participants: [...room.peers.values()].map((p) => {
      const info = p.info();
      return {
        id: info.id,
        displayName: info.displayName,
        role: info.role,
        joinedAt: info.joinedAt,
        media: info.producers.map((pr) => ({ source: pr.source, paused: pr.paused })),
      };
    }),
  };
}

const send = sendJson;

function notFound(res: ServerResponse, message = "not found"): void {
  send(res, 404, { error: { code: "NOT_FOUND", message } });
}
