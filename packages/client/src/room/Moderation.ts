import type { PhoneCall } from "@switchboard/protocol";
import type { SignalClient } from "../signal/SignalClient";
import { RoomFeature } from "./RoomFeature";

export interface ModerationEvents extends Record<string, unknown[]> {
  /** The room was locked or unlocked, by whom (a display name). */
  lockChanged: [boolean, string];
  /** A phone call into the room changed state (ringing, answered, busy, failed, ended). */
  phoneCall: [PhoneCall];
}

/**
 * Moderation (`room.moderation`): the room's lock, and what moderators may do. The server
 * refuses these requests with FORBIDDEN unless we are a moderator
 * (`room.localParticipant.role`).
 */
export class Moderation extends RoomFeature<ModerationEvents> {
  private isLocked = false;

  get locked(): boolean {
    return this.isLocked;
  }

  async muteParticipant(peerId: string, source: "mic" | "camera" | "screen"): Promise<void> {
    await this.request("muteParticipant", { peerId, source });
  }

  /** Mutes every microphone but ours; resolves with how many were muted. */
  async muteAll(): Promise<number> {
    return (await this.request("muteAll", {})).muted;
  }

  async removeParticipant(peerId: string): Promise<void> {
    await this.request("removeParticipant", { peerId });
  }

  async setLocked(locked: boolean): Promise<void> {
    await this.request("setRoomLocked", { locked });
  }

  /** Ends the meeting for everyone. */
  async endRoom(): Promise<void> {
    await this.request("endRoom", {});
  }

  /** Calls a phone number (or SIP URI) into the room; progress comes as `phoneCall`. */
  async dialOut(to: string): Promise<string> {
    return (await this.request("dialOut", { to })).callId;
  }

  protected subscribe(signal: SignalClient): Array<() => void> {
    return [
      signal.onNotification("roomLockChanged", ({ locked, by }) => {
        this.isLocked = locked;
        this.emit("lockChanged", locked, by);
      }),
      signal.onNotification("phoneCall", (call) => this.emit("phoneCall", call)),
    ];
  }

  /** @internal Joined: the lock as the server has it. */
  start(locked: boolean): void {
    this.isLocked = locked;
  }
}
