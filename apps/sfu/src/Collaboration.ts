import { type ChatMessage, COLLABORATION_LIMITS, type Reaction } from "@switchboard/protocol";
import { SignalingError } from "./errors";
import type { Logger } from "./logger";
import type { Peer } from "./Peer";
import { RateLimiter } from "./RateLimiter";
import type { RoomContext } from "./RoomContext";
import type { RoomStore } from "./RoomStore";
import { SharedNotes } from "./SharedNotes";

/**
 * A room's collaboration: chat (stored, rate-limited, its history given at join), raised
 * hands, reactions and the shared notes. Opens with the room (the notes load then) and
 * closes with it (the notes are saved).
 */
export class Collaboration {
  readonly notes: SharedNotes;
  /** Chat and reactions per peer: a burst of 10, then 2 per second. */
  private readonly limiters = new WeakMap<Peer, RateLimiter>();
  /**
   * Chat is stored and broadcast one message at a time, in the order messages arrived: on a
   * database with a connection pool two inserts in flight can finish in either order.
   */
  private chatTail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly room: RoomContext,
    private readonly store: Pick<RoomStore, "addChat" | "chatHistory" | "notes">,
    private readonly log: Logger,
  ) {
    this.notes = new SharedNotes(store.notes, log);
  }

  /** The chat so far for a joiner (empty, and logged, when the database fails). */
  async history(): Promise<ChatMessage[]> {
    return this.store.chatHistory(COLLABORATION_LIMITS.chatHistory).catch((err) => {
      this.log.error({ err }, "could not load chat history");
      return [] as ChatMessage[];
    });
  }

  async sendChat(peerId: string, text: string): Promise<ChatMessage> {
    const peer = this.room.peer(peerId);
    this.limit(peer);
    const sent = this.chatTail.then(async () => {
      const message = await this.store.addChat({ peerId, displayName: peer.displayName, text });
      this.room.broadcast({ method: "chatMessage", data: { message } });
      return message;
    });
    this.chatTail = sent.catch(() => undefined);
    return sent;
  }

  setHand(peerId: string, raised: boolean): void {
    const peer = this.room.peer(peerId);
    const raisedAt = raised ? (peer.handRaisedAt ?? Date.now()) : null;
    if (raisedAt === peer.handRaisedAt) return;
    peer.handRaisedAt = raisedAt;
    this.room.broadcast({ method: "handChanged", data: { peerId, raisedAt } });
  }

  react(peerId: string, reaction: Reaction): void {
    this.limit(this.room.peer(peerId));
    this.room.broadcast({ method: "reaction", data: { peerId, reaction } });
  }

  async notesState(peerId: string): Promise<string> {
    this.room.peer(peerId);
    return Buffer.from(await this.notes.state()).toString("base64");
  }

  async updateNotes(peerId: string, update: string): Promise<void> {
    this.room.peer(peerId);
    try {
      await this.notes.apply(Buffer.from(update, "base64"));
    } catch {
      throw new SignalingError("INVALID_REQUEST", "the notes update is not a valid Yjs update");
    }
    this.room.broadcast({ method: "notesUpdate", data: { update } }, peerId);
  }

  close(): void {
    void this.notes.close();
  }

  private limit(peer: Peer): void {
    let limiter = this.limiters.get(peer);
    if (!limiter) {
      limiter = new RateLimiter(2, 10);
      this.limiters.set(peer, limiter);
    }
    if (!limiter.take()) {
      throw new SignalingError("RATE_LIMITED", "slow down: too many messages");
    }
  }
}
