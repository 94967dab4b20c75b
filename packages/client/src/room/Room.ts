import { type Clock, systemClock } from "../clock";
import { SwitchboardError } from "../errors";
import { LocalParticipant } from "../participant/LocalParticipant";
import type { RemoteParticipant } from "../participant/RemoteParticipant";
import {
  RemoteParticipants,
  type RemoteParticipantsEvents,
} from "../participant/RemoteParticipants";
import { SignalClient, type SocketFactory } from "../signal/SignalClient";
import { TypedEmitter } from "../TypedEmitter";
import { Chat } from "./Chat";
import { Lobby } from "./Lobby";
import { MediaSession } from "./MediaSession";
import { Moderation } from "./Moderation";
import { Notes } from "./Notes";
import type { RoomFeature } from "./RoomFeature";

export type ConnectionState =
  | "idle"
  | "connecting"
  | "connected"
  /** The connection dropped; the SDK is rejoining with the same identity. */
  | "reconnecting"
  | "disconnected"
  | "failed";

const TRANSITIONS: Record<ConnectionState, readonly ConnectionState[]> = {
  idle: ["connecting", "disconnected"],
  connecting: ["connected", "failed", "disconnected"],
  connected: ["reconnecting", "disconnected"],
  reconnecting: ["connected", "disconnected"],
  disconnected: ["connecting"],
  failed: ["connecting", "disconnected"],
};

/** Refusals after which rejoining is pointless. */
const FATAL_ON_REJOIN = new Set<string>([
  "ROOM_NOT_FOUND",
  "LOBBY_DENIED",
  "TOKEN_INVALID",
  "TOKEN_EXPIRED",
  "ROOM_LOCKED",
]);

export interface RoomEvents extends RemoteParticipantsEvents {
  connectionStateChanged: [ConnectionState];
  roomClosed: [string];
  /** This participant was removed from the room (reason in plain words). */
  removed: [string];
  /** The connection dropped; rejoining (media, chat and notes come back by themselves). */
  reconnecting: [];
  reconnected: [];
}

export interface RoomOptions {
  /** Signaling URL of the SFU, e.g. http://localhost:4001 */
  url: string;
  /** Time to wait for the server on connect and per request (ms). */
  timeoutMs?: number;
  /** How long to keep trying to rejoin after the connection drops (ms). */
  reconnectForMs?: number;
  /** Time for timeouts and back-off (tests move it by hand). */
  clock?: Clock;
  /** How sockets are opened (tests wrap socket.io-client's `io`). */
  socketFactory?: SocketFactory;
}

/** What `join()` was called with: what a rejoin sends again. */
interface JoinRequest {
  room: string;
  displayName: string;
  token?: string | undefined;
}

/**
 * A connection to one Switchboard room. `connect()` loads the media device (it can run
 * before the user clicks Join), `join()` enters the room. It composes a signaling session
 * (`SignalClient`), us (`localParticipant`: publish, mute), everyone else
 * (`participants`, whose tracks arrive as `trackSubscribed`), and `chat`, `moderation`,
 * `notes` and `lobby`. A dropped connection is rejoined by itself with the same identity;
 * published tracks are sent again with their latest mute state and chat sent meanwhile
 * goes out after.
 */
export class Room extends TypedEmitter<RoomEvents> {
  readonly localParticipant = new LocalParticipant();
  readonly chat = new Chat();
  readonly moderation = new Moderation();
  /** The shared notes (a Yjs document). */
  readonly notes = new Notes();
  readonly lobby = new Lobby();
  /** The room's name as the server has it, once joined. */
  roomName: string | undefined;
  private readonly remotes = new RemoteParticipants();
  private readonly media = new MediaSession();
  private state: ConnectionState = "idle";
  private signal: SignalClient | undefined;
  private connecting: Promise<void> | undefined;
  private joined: JoinRequest | undefined;
  /** The server's key to come back as the same participant after a drop. */
  private rejoinKey: string | undefined;
  private requestsBefore = 0;
  private readonly clock: Clock;

  constructor(private readonly options: RoomOptions) {
    super();
    this.clock = options.clock ?? systemClock;
    const r = this.remotes;
    r.on("participantJoined", (p) => this.emit("participantJoined", p));
    r.on("participantLeft", (p) => this.emit("participantLeft", p));
    r.on("trackSubscribed", (t, pub, p) => this.emit("trackSubscribed", t, pub, p));
    r.on("trackUnsubscribed", (t, pub, p) => this.emit("trackUnsubscribed", t, pub, p));
    r.on("trackMuteChanged", (pub, p) => this.emit("trackMuteChanged", pub, p));
    r.on("activeSpeakerChanged", (id) => this.emit("activeSpeakerChanged", id));
    r.on("handChanged", (id, at) => this.emit("handChanged", id, at));
    r.on("reaction", (id, reaction) => this.emit("reaction", id, reaction));
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Everyone else in the room, by participant id. */
  get participants(): ReadonlyMap<string, RemoteParticipant> {
    return this.remotes.byId;
  }

  get activeSpeakerId(): string | null {
    return this.remotes.activeSpeakerId;
  }

  /** Request/response round trips made so far (for benchmarks). */
  get requestCount(): number {
    return this.requestsBefore + (this.signal?.requestCount ?? 0);
  }

  /** Connects to the SFU and loads the media device. Idempotent; safe to call early. */
  connect(): Promise<void> {
    if (!this.connecting) {
      const signal = this.openSession();
      this.connecting = this.establish(signal).catch((error: unknown) => {
        // Unless leave() or a drop has ended this session already.
        if (this.signal === signal) {
          this.teardown(error);
          this.setState("failed");
        }
        throw error;
      });
    }
    return this.connecting;
  }

  /**
   * Joins `room` as `displayName`, with a join `token` for token-only rooms or to get a
   * moderator role. Resolves once both transports exist (after a moderator's admission
   * when the room has a lobby: `lobby` emits `waiting` meanwhile).
   */
  async join(room: string, displayName: string, options: { token?: string } = {}): Promise<void> {
    await this.connect();
    const signal = this.signal;
    if (!signal) throw new SwitchboardError("DISCONNECTED", "the connection was closed");
    this.joined = { room, displayName, token: options.token };
    try {
      await this.enter(signal);
    } catch (error) {
      if (signal === this.signal) this.closeMedia();
      throw error;
    }
  }

  /** Leaves the room and closes the connection. */
  async leave(): Promise<void> {
    const signal = this.signal;
    this.joined = undefined;
    if (signal?.connected && this.localParticipant.peerId) {
      await signal.request("leave", {}).catch(() => undefined);
    }
    this.teardown(new SwitchboardError("DISCONNECTED", "left the room"));
    this.setState("disconnected");
  }

  /** Room parts bound to each session; ours first, so our state is current for the rest. */
  private parts(): RoomFeature<Record<string, unknown[]>>[] {
    return [
      this.localParticipant,
      this.remotes,
      this.chat,
      this.moderation,
      this.lobby,
      this.notes,
    ];
  }

  private openSession(): SignalClient {
    const signal = new SignalClient({
      url: this.options.url,
      clock: this.clock,
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      ...(this.options.socketFactory ? { socketFactory: this.options.socketFactory } : {}),
    });
    this.signal = signal;
    for (const part of this.parts()) part.attach(signal);
    signal.on("disconnected", () => this.onDropped(signal));
    signal.onNotification("roomClosed", ({ reason }) => this.end("roomClosed", reason));
    signal.onNotification("removed", ({ reason }) => this.end("removed", reason));
    return signal;
  }

  private async establish(signal: SignalClient): Promise<void> {
    this.setState("connecting");
    await signal.connect();
    await this.media.load(signal);
    this.setState("connected");
  }

  /** Joins (or rejoins) with what `join()` was given and sets up the transports. */
  private async enter(signal: SignalClient): Promise<void> {
    const joined = this.joined;
    if (!joined) throw new SwitchboardError("NOT_JOINED", "join() first");
    const peerId = this.localParticipant.peerId;
    const rejoin = peerId && this.rejoinKey ? { peerId, key: this.rejoinKey } : undefined;
    const res = await signal.request("join", {
      room: joined.room,
      displayName: joined.displayName,
      ...(joined.token ? { token: joined.token } : {}),
      ...(rejoin ? { rejoin } : {}),
      rtpCapabilities: this.media.rtpCapabilities,
    });
    // Synchronous from here to the roster: the SFU's newConsumer requests follow the answer.
    this.rejoinKey = res.rejoinKey;
    this.roomName = res.roomName;
    this.moderation.start(res.locked);
    this.chat.start(res.chat);
    const { send, recv } = this.media.open(signal, res);
    this.localParticipant.start(res, send);
    this.remotes.start(recv, res.peers);
    this.lobby.start(res.lobby);
    await this.notes.sync();
  }

  /** The session's connection dropped. */
  private onDropped(signal: SignalClient): void {
    if (signal !== this.signal) return;
    if (this.state === "connected" && this.joined && this.localParticipant.peerId) {
      this.reconnect(signal);
    } else if (this.state === "connected" || this.state === "connecting") {
      this.teardown(new SwitchboardError("DISCONNECTED", "the connection to the server was lost"));
      this.setState("disconnected");
    }
  }

  /** Rejoins as the same participant, publishes again, then sends the chat kept meanwhile. */
  private reconnect(signal: SignalClient): void {
    this.closeMedia();
    this.chat.suspend();
    this.notes.suspend();
    this.setState("reconnecting");
    this.emit("reconnecting");
    const resume = async () => {
      try {
        await this.enter(signal);
        await this.localParticipant.republish();
      } catch (error) {
        this.closeMedia();
        throw error;
      }
    };
    signal
      .reconnect(resume, {
        forMs: this.options.reconnectForMs ?? 120_000,
        isFatal: (error) => error instanceof SwitchboardError && FATAL_ON_REJOIN.has(error.code),
      })
      .then(
        () => {
          if (signal !== this.signal) return;
          this.setState("connected");
          this.emit("reconnected");
          this.chat.resume();
        },
        (error: unknown) => {
          if (signal !== this.signal) return; // left meanwhile
          this.teardown(error);
          this.setState("disconnected");
          if (error instanceof SwitchboardError && error.code === "ROOM_NOT_FOUND") {
            this.emit("roomClosed", "the meeting has ended");
          }
        },
      );
  }

  /** The server ended our part: the room closed, or we were removed. */
  private end(event: "roomClosed" | "removed", reason: string): void {
    this.joined = undefined;
    this.teardown(new SwitchboardError("DISCONNECTED", reason));
    this.setState("disconnected");
    this.emit(event, reason);
  }

  /** Producers, consumers and transports closed; the others are gone for the listeners. */
  private closeMedia(): void {
    this.localParticipant.suspend();
    this.remotes.clear();
    this.media.close();
  }

  /** Ends the session: media, every part's subscriptions, the connection and its timers. */
  private teardown(reason: unknown): void {
    const signal = this.signal;
    this.signal = undefined;
    this.connecting = undefined;
    this.rejoinKey = undefined;
    this.closeMedia();
    this.localParticipant.reset();
    this.chat.detach(reason);
    for (const part of this.parts()) part.detach();
    if (signal) {
      this.requestsBefore += signal.requestCount;
      signal.close();
    }
  }

  private setState(next: ConnectionState): void {
    if (this.state === next) return;
    if (!TRANSITIONS[this.state].includes(next)) {
      throw new Error(`room: no transition from ${this.state} to ${next}`);
    }
    this.state = next;
    this.emit("connectionStateChanged", next);
  }
}
