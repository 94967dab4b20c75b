import type { Notification } from "@switchboard/protocol";
import type { Peer } from "./Peer";

/**
 * What a room's parts (moderation, collaboration, rejoin keys) need from the room's
 * media graph: its members, a way to tell them things, and the few media actions that
 * moderation takes. {@link Room} implements it.
 */
export interface RoomContext {
  /** The peers others see (browsers and phone callers), by id. */
  readonly peers: ReadonlyMap<string, Peer>;
  /** The peer `peerId`, listed or hidden; NOT_JOINED when it is not in the room. */
  peer(peerId: string): Peer;
  /** Tells every listed peer (but `exceptPeerId`). */
  broadcast(notification: Notification, exceptPeerId?: string): void;
  setProducerPaused(peerId: string, producerId: string, paused: boolean): Promise<void>;
  /** Removes a listed peer on someone else's behalf; false when it is not here. */
  remove(peerId: string, reason: string): boolean;
  close(reason: string): void;
}
