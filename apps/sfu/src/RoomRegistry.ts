import { type Db, findRoomBySlug, recordJoin, recordLeave } from "@switchboard/db";
import { SignalingError } from "./errors";
import type { Logger } from "./logger";
import { Room } from "./Room";
import type { WorkerPool } from "./WorkerPool";

/**
 * The live rooms of this SFU, keyed by slug. A room comes alive on its first join (if
 * it exists in the database) and leaves the registry when it closes.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly opening = new Map<string, Promise<Room>>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly db: Db,
    private readonly settings: { emptyRoomGraceMs: number; initialOutgoingBitrate: number },
    private readonly log: Logger,
  ) {}

  get(slug: string): Room | undefined {
    return this.rooms.get(slug);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** The live room for `slug`, opening it if needed; checks lock and capacity. */
  async roomForJoin(slug: string): Promise<Room> {
    const record = await findRoomBySlug(this.db, slug);
    if (!record) throw new SignalingError("ROOM_NOT_FOUND", `there is no room "${slug}"`);
    if (record.locked) throw new SignalingError("ROOM_LOCKED", "this room is locked");
    const room = await this.open(record);
    if (record.maxParticipants > 0 && room.peers.size >= record.maxParticipants) {
      throw new SignalingError("ROOM_FULL", `this room is full (${record.maxParticipants} people)`);
    }
    return room;
  }

  closeAll(): void {
    for (const room of this.rooms.values()) room.close("server shutting down");
  }

  private open(record: { id: string; slug: string; name: string }): Promise<Room> {
    const live = this.rooms.get(record.slug);
    if (live && !live.isClosed) return Promise.resolve(live);
    let pending = this.opening.get(record.slug);
    if (!pending) {
      pending = Room.create(this.pool, {
        id: record.id,
        slug: record.slug,
        name: record.name,
        log: this.log,
        ...this.settings,
      })
        .then((room) => {
          this.track(room);
          return room;
        })
        .finally(() => this.opening.delete(record.slug));
      this.opening.set(record.slug, pending);
    }
    return pending;
  }

  private track(room: Room): void {
    this.rooms.set(room.slug, room);
    room.on("close", () => {
      if (this.rooms.get(room.slug) === room) this.rooms.delete(room.slug);
    });
    room.on("peerJoined", (peer) => {
      recordJoin(this.db, {
        roomId: room.options.id,
        peerId: peer.id,
        displayName: peer.displayName,
        joinedAt: new Date(peer.joinedAt),
      }).catch((err) => this.log.error({ err }, "could not record join"));
    });
    room.on("peerLeft", (peer) => {
      recordLeave(this.db, peer.id).catch((err) =>
        this.log.error({ err }, "could not record leave"),
      );
    });
  }
}
