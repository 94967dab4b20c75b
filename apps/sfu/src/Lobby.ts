import { randomUUID } from "node:crypto";
import type { LobbyEntry } from "@switchboard/protocol";
import { SignalingError } from "./errors";

interface Waiting extends LobbyEntry {
  admit: () => void;
  deny: (error: SignalingError) => void;
}

/**
 * The waiting room: joiners wait here until a moderator admits or denies them. A wait
 * is a promise that the join request awaits; `onChange` tells moderators who waits.
 */
export class Lobby {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly onChange: (entries: LobbyEntry[]) => void) {}

  get size(): number {
    return this.waiting.size;
  }

  entries(): LobbyEntry[] {
    return [...this.waiting.values()].map(({ id, displayName, since }) => ({
      id,
      displayName,
      since,
    }));
  }

  /**
   * Puts `displayName` in the lobby. `started` gets the lobby id at once; the promise
   * resolves on admission and rejects with LOBBY_DENIED (or the reason given to
   * {@link cancel}/{@link denyAll}).
   */
  wait(displayName: string, started: (lobbyId: string) => void): Promise<void> {
    const id = randomUUID();
    const promise = new Promise<void>((admit, deny) => {
      this.waiting.set(id, { id, displayName, since: Date.now(), admit, deny });
    });
    started(id);
    this.onChange(this.entries());
    return promise;
  }

  admit(id: string): void {
    this.take(id).admit();
  }

  deny(id: string, reason = "a moderator did not let you in"): void {
    this.take(id).deny(new SignalingError("LOBBY_DENIED", reason));
  }

  /** Drops a waiter without telling moderators it was their decision (e.g. they left). */
  cancel(id: string, error: SignalingError): void {
    if (this.waiting.has(id)) this.take(id).deny(error);
  }

  denyAll(error: SignalingError): void {
    for (const id of [...this.waiting.keys()]) this.take(id).deny(error);
  }

  private take(id: string): Waiting {
    const entry = this.waiting.get(id);
    if (!entry) throw new SignalingError("NOT_FOUND", "nobody with that id waits in the lobby");
    this.waiting.delete(id);
    this.onChange(this.entries());
    return entry;
  }
}
