import {
  addChatMessage,
  type Db,
  findRoomBySlug,
  listChatMessages,
  loadNotes,
  recordJoin,
  recordLeave,
  saveNotes,
  updateRoom,
  type WebhookEventType,
} from "@switchboard/db";
import type { Role } from "@switchboard/protocol";
import { type JoinGrant, verifyJoinToken } from "@switchboard/tokens";
import { SignalingError } from "./errors";
import type { Logger } from "./logger";
import type { Peer } from "./Peer";
import { Room } from "./Room";
import type { RoomStore } from "./RoomStore";
import type { WorkerPool } from "./WorkerPool";

/** Who joins, as what, and whether they wait in the lobby first. */
export interface JoinDecision {
  room: Room;
  displayName: string;
  role: Role;
  lobby: boolean;
  /** Set when this is a peer coming back after a dropped connection. */
  rejoin?: { peerId: string; handRaisedAt: number | null };
}

/**
 * The live rooms of this SFU, keyed by slug. A room comes alive on its first join (if
 * it exists in the database) and leaves the registry when it closes.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly opening = new Map<string, Promise<Room>>();

  constructor(
    /** Lifecycle events for webhooks (room.started, participant.joined, …). */
    private readonly onEvent: (type: WebhookEventType, data: Record<string, unknown>) => void,
    private readonly pool: WorkerPool,
    private readonly db: Db,
    private readonly settings: {
      emptyRoomGraceMs: number;
      initialOutgoingBitrate: number;
      secret?: string | undefined;
      listenIp?: string | undefined;
      announcedAddress?: string | undefined;
    },
    private readonly log: Logger,
  ) {}

  get(slug: string): Room | undefined {
    return this.rooms.get(slug);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /**
   * The live room for `slug`, opening it if needed, and who the joiner is: checks the
   * join token (required for token-only rooms; its role and name win), the lock (which
   * moderators pass) and the capacity.
   */
  async roomForJoin(
    slug: string,
    request: {
      displayName: string;
      token?: string | undefined;
      rejoin?: { peerId: string; key: string } | undefined;
      /**
       * The phone gateway: the caller proved access with the meeting PIN, so no token
       * and no lobby; a locked room still refuses, and a gateway peer never hosts.
       */
      gateway?: boolean;
    },
  ): Promise<JoinDecision> {
    const record = await findRoomBySlug(this.db, slug);
    if (!record) throw new SignalingError("ROOM_NOT_FOUND", `there is no room "${slug}"`);
    // Coming back after a drop: same identity and role, no token, lock or lobby again.
    const live = this.rooms.get(slug);
    const claim =
      request.rejoin && live && !live.isClosed
        ? live.rejoinKeys.claim(request.rejoin.peerId, request.rejoin.key)
        : undefined;
    if (live && claim && request.rejoin) {
      return {
        room: live,
        displayName: claim.displayName,
        role: claim.role,
        lobby: false,
        rejoin: { peerId: request.rejoin.peerId, handRaisedAt: claim.handRaisedAt },
      };
    }
    let role: Role = "guest";
    let displayName = request.displayName;
    if (request.gateway) {
      if (record.locked) throw new SignalingError("ROOM_LOCKED", "this room is locked");
      return { room: await this.open(record), displayName, role, lobby: false };
    }
    if (request.token !== undefined) {
      const grant = await this.verifyToken(request.token, slug);
      role = grant.role;
      displayName = grant.name ?? displayName;
    } else if (record.access === "token") {
      throw new SignalingError("TOKEN_REQUIRED", "this room needs an invitation link with a token");
    }
    if (record.locked && role !== "moderator") {
      throw new SignalingError("ROOM_LOCKED", "this room is locked");
    }
    const room = await this.open(record);
    if (record.maxParticipants > 0 && room.peers.size >= record.maxParticipants) {
      throw new SignalingError("ROOM_FULL", `this room is full (${record.maxParticipants} people)`);
    }
    // The first one into a public room hosts it.
    if (request.token === undefined && room.peers.size === 0 && room.moderation.lobby.size === 0) {
      role = "moderator";
    }
    return { room, displayName, role, lobby: record.lobbyEnabled && role !== "moderator" };
  }

  private async verifyToken(token: string, slug: string): Promise<JoinGrant> {
    if (!this.settings.secret) {
      throw new SignalingError("TOKEN_INVALID", "this server does not accept join tokens");
    }
    const result = await verifyJoinToken(token, this.settings.secret);
    if (!result.ok) {
      throw result.problem === "expired"
        ? new SignalingError("TOKEN_EXPIRED", "this invitation has expired; ask for a new link")
        : new SignalingError("TOKEN_INVALID", "this invitation link is not valid");
    }
    if (result.grant.room !== slug) {
      throw new SignalingError("TOKEN_INVALID", "this invitation is for another room");
    }
    return result.grant;
  }

  closeAll(): void {
    for (const room of this.rooms.values()) room.close("server shutting down");
  }

  private open(record: { id: string; slug: string; name: string; locked: boolean }): Promise<Room> {
    const live = this.rooms.get(record.slug);
    if (live && !live.isClosed) return Promise.resolve(live);
    let pending = this.opening.get(record.slug);
    if (!pending) {
      pending = Room.create(
        this.pool,
        {
          id: record.id,
          slug: record.slug,
          name: record.name,
          locked: record.locked,
          plainListenIp: this.settings.listenIp,
          plainAnnouncedAddress: this.settings.announcedAddress,
          log: this.log,
          ...this.settings,
        },
        this.storeFor(record),
      )
        .then((room) => {
          this.track(room);
          return room;
        })
        .finally(() => this.opening.delete(record.slug));
      this.opening.set(record.slug, pending);
    }
    return pending;
  }

  private storeFor(record: { id: string; slug: string }): RoomStore {
    const { db } = this;
    const roomId = record.id;
    return {
      async addChat(input) {
        const row = await addChatMessage(db, { roomId, ...input });
        return { ...input, id: row.id, sentAt: row.sentAt.getTime() };
      },
      async chatHistory(limit) {
        const rows = await listChatMessages(db, roomId, limit);
        return rows.map((r) => ({
          id: r.id,
          peerId: r.peerId,
          displayName: r.displayName,
          text: r.text,
          sentAt: r.sentAt.getTime(),
        }));
      },
      async setLocked(locked) {
        await updateRoom(db, record.slug, { locked });
      },
      notes: {
        load: () => loadNotes(db, roomId),
        save: (state) => saveNotes(db, roomId, state),
      },
    };
  }

  private track(room: Room): void {
    this.rooms.set(room.slug, room);
    const roomRef = { slug: room.slug, name: room.options.name };
    this.onEvent("room.started", {
      room: roomRef,
      startedAt: new Date(room.startedAt).toISOString(),
    });
    room.on("close", () => {
      if (this.rooms.get(room.slug) === room) this.rooms.delete(room.slug);
      this.onEvent("room.finished", {
        room: roomRef,
        startedAt: new Date(room.startedAt).toISOString(),
        finishedAt: new Date().toISOString(),
      });
    });
    const participant = (peer: Peer) => ({ id: peer.id, name: peer.displayName, role: peer.role });
    room.on("peerJoined", (peer) => {
      this.onEvent("participant.joined", { room: roomRef, participant: participant(peer) });
      recordJoin(this.db, {
        roomId: room.options.id,
        peerId: peer.id,
        displayName: peer.displayName,
        role: peer.role,
        joinedAt: new Date(peer.joinedAt),
      }).catch((err) => this.log.error({ err }, "could not record join"));
    });
    room.on("peerLeft", (peer) => {
      this.onEvent("participant.left", { room: roomRef, participant: participant(peer) });
      recordLeave(this.db, peer.id).catch((err) =>
        this.log.error({ err }, "could not record leave"),
      );
    });
  }
}
