import type { LobbyEntry, PhoneCall, Source } from "@switchboard/protocol";
import { SignalingError } from "./errors";
import { Lobby } from "./Lobby";
import type { Peer } from "./Peer";
import type { RoomContext } from "./RoomContext";
import type { RoomStore } from "./RoomStore";

/**
 * Who may do what in a room, and admission: the lock, the lobby, and the moderators'
 * actions (mute, mute all, remove, end, let in, turn away, call phones in). Every action
 * checks the actor's role here, on the server. Opens with the room; closing it turns
 * away whoever still waits in the lobby.
 */
export class Moderation {
  readonly lobby: Lobby;
  private lockedNow: boolean;

  constructor(
    private readonly room: RoomContext,
    private readonly store: Pick<RoomStore, "setLocked">,
    options: {
      /** Locked at opening (from the database). */
      locked: boolean;
      /** Someone started or stopped waiting (a waiting joiner keeps the room open). */
      onWaiting: (waiting: number) => void;
    },
  ) {
    this.lockedNow = options.locked;
    this.lobby = new Lobby((waiting) => {
      this.tellModerators(waiting);
      options.onWaiting(waiting.length);
    });
  }

  get locked(): boolean {
    return this.lockedNow;
  }

  /** Throws FORBIDDEN unless `peerId` is a moderator here. */
  assertModerator(peerId: string, action: string): Peer {
    const peer = this.room.peer(peerId);
    if (peer.role !== "moderator") {
      throw new SignalingError("FORBIDDEN", `only moderators can ${action}`);
    }
    return peer;
  }

  async mute(actorId: string, targetId: string, source: Source): Promise<void> {
    this.assertModerator(actorId, "mute others");
    if (!(await this.muteBy(targetId, source))) {
      throw new SignalingError("NOT_FOUND", "that participant is not in the room");
    }
  }

  /** Mutes every microphone but the actor's; returns how many were on. */
  async muteAll(actorId: string): Promise<number> {
    this.assertModerator(actorId, "mute everyone");
    let muted = 0;
    for (const peer of [...this.room.peers.values()]) {
      if (peer.id !== actorId) muted += await this.pauseSources(peer, "mic");
    }
    return muted;
  }

  remove(actorId: string, targetId: string): void {
    const actor = this.assertModerator(actorId, "remove participants");
    if (targetId === actorId) throw new SignalingError("INVALID_REQUEST", "leave instead");
    if (!this.room.remove(targetId, `${actor.displayName} removed you from the meeting`)) {
      throw new SignalingError("NOT_FOUND", "that participant is not in the room");
    }
  }

  async setLocked(actorId: string, locked: boolean): Promise<void> {
    const actor = this.assertModerator(actorId, "lock the room");
    await this.store.setLocked(locked);
    this.lockedNow = locked;
    this.room.broadcast({ method: "roomLockChanged", data: { locked, by: actor.displayName } });
  }

  end(actorId: string): void {
    const actor = this.assertModerator(actorId, "end the meeting");
    this.room.close(`${actor.displayName} ended the meeting`);
  }

  admit(actorId: string, lobbyId: string): void {
    this.assertModerator(actorId, "let people in");
    this.lobby.admit(lobbyId);
  }

  deny(actorId: string, lobbyId: string): void {
    this.assertModerator(actorId, "turn people away");
    this.lobby.deny(lobbyId);
  }

  /** The gateway's listener reports a phone call's progress; everyone sees it. */
  reportCall(peerId: string, call: PhoneCall): void {
    if (!this.room.peer(peerId).traits.reportsCalls) {
      throw new SignalingError("FORBIDDEN", "only the phone gateway reports calls");
    }
    this.room.broadcast({ method: "phoneCall", data: call });
  }

  /**
   * Pauses a peer's producers of `source` on someone else's behalf (a moderator, the
   * dashboard): the owner is told, so its UI shows it muted, and so is everyone else.
   */
  async muteBy(peerId: string, source: Source): Promise<boolean> {
    const peer = this.room.peers.get(peerId);
    if (!peer) return false;
    await this.pauseSources(peer, source);
    return true;
  }

  close(): void {
    this.lobby.denyAll(new SignalingError("ROOM_NOT_FOUND", "the meeting has ended"));
  }

  private async pauseSources(peer: Peer, source: Source): Promise<number> {
    let paused = 0;
    for (const producer of [...peer.producers.values()]) {
      if (producer.appData.source !== source || producer.paused) continue;
      await this.room.setProducerPaused(peer.id, producer.id, true);
      peer.channel.notify({
        method: "mutedByModerator",
        data: { producerId: producer.id, source },
      });
      paused++;
    }
    return paused;
  }

  private tellModerators(waiting: LobbyEntry[]): void {
    for (const peer of this.room.peers.values()) {
      if (peer.role === "moderator") {
        peer.channel.notify({ method: "lobbyChanged", data: { waiting } });
      }
    }
  }
}
