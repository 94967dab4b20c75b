import type { LobbyEntry } from "@switchboard/protocol";
import type { SignalClient } from "../signal/SignalClient";
import { RoomFeature } from "./RoomFeature";

export interface LobbyEvents extends Record<string, unknown[]> {
  /** Moderators: who waits in the lobby now. */
  changed: [readonly LobbyEntry[]];
  /** We wait in the lobby; `room.join()` resolves when admitted, fails with LOBBY_DENIED. */
  waiting: [];
}

/**
 * The lobby (`room.lobby`) of a room that has one: moderators see who waits and admit or
 * deny them; a joiner is told it waits.
 */
export class Lobby extends RoomFeature<LobbyEvents> {
  private list: LobbyEntry[] = [];

  /** Moderators: who waits, in arrival order (empty for guests). */
  get entries(): readonly LobbyEntry[] {
    return this.list;
  }

  async admit(lobbyId: string): Promise<void> {
    await this.request("admitFromLobby", { lobbyId });
  }

  async deny(lobbyId: string): Promise<void> {
    await this.request("denyFromLobby", { lobbyId });
  }

  protected subscribe(signal: SignalClient): Array<() => void> {
    return [
      signal.onNotification("lobbyChanged", ({ waiting }) => {
        this.list = waiting;
        this.emit("changed", this.list);
      }),
      signal.onNotification("lobbyWaiting", () => this.emit("waiting")),
    ];
  }

  /** @internal Joined: who waits already (moderators). */
  start(entries: LobbyEntry[]): void {
    this.list = entries;
    if (entries.length > 0) this.emit("changed", this.list);
  }
}
