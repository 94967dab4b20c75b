import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Role } from "@switchboard/protocol";
import type { Peer } from "./Peer";

/** Who a peer was: what a rejoin with its key restores. */
export interface RejoinIdentity {
  displayName: string;
  role: Role;
  handRaisedAt: number | null;
}

interface Entry extends RejoinIdentity {
  key: string;
  /** Infinity while the peer is in the room. */
  expiresAt: number;
}

/**
 * The keys that let a peer come back as itself after a dropped connection: one per peer,
 * given at join, valid while the peer is in the room (a ghost whose drop is not noticed
 * yet) and for `windowMs` after it left; each works once. Lives as long as its room.
 */
export class RejoinKeys {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly windowMs: number,
    /** The live peer with this id, if any (a ghost's hand is read from it). */
    private readonly live: (peerId: string) => Peer | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many keys are kept (peers here, and peers gone less than the window ago). */
  get size(): number {
    return this.entries.size;
  }

  /** A new key for `peer`, which has just joined. */
  issue(peer: Peer): string {
    const key = randomBytes(24).toString("base64url");
    this.entries.set(peer.id, {
      key,
      displayName: peer.displayName,
      role: peer.role,
      handRaisedAt: null,
      expiresAt: Number.POSITIVE_INFINITY,
    });
    return key;
  }

  /** `peer` left: its key works for the window from now, restoring its hand as it was. */
  left(peer: Peer): void {
    const entry = this.entries.get(peer.id);
    if (entry) {
      entry.handRaisedAt = peer.handRaisedAt;
      entry.expiresAt = this.now() + this.windowMs;
    }
    const now = this.now();
    for (const [id, e] of this.entries) if (e.expiresAt < now) this.entries.delete(id);
  }

  /**
   * Who `peerId` was, if `key` is the one it was given and it left less than the window
   * ago (or is still here as a ghost). The key is used up.
   */
  claim(peerId: string, key: string): RejoinIdentity | undefined {
    const entry = this.entries.get(peerId);
    if (!entry || entry.expiresAt < this.now()) return undefined;
    const a = Buffer.from(entry.key);
    const b = Buffer.from(key);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    this.entries.delete(peerId);
    const ghost = this.live(peerId);
    return {
      displayName: entry.displayName,
      role: entry.role,
      handRaisedAt: ghost ? ghost.handRaisedAt : entry.handRaisedAt,
    };
  }

  /** No coming back (the peer was removed). */
  revoke(peerId: string): void {
    this.entries.delete(peerId);
  }

  clear(): void {
    this.entries.clear();
  }
}
