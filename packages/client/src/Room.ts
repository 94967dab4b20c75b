import {
  type ChatMessage,
  type ClientToServerEvents,
  type LobbyEntry,
  type Notification,
  NotificationSchema,
  type PhoneCall,
  type Reaction,
  type RequestData,
  type RequestMethod,
  type Response,
  type ResponseData,
  requestSchemas,
  type ServerRequest,
  type ServerRequestAck,
  ServerRequestSchema,
  type ServerToClientEvents,
  type Source,
} from "@switchboard/protocol";
import { Device, type types } from "mediasoup-client";
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { fromBase64, toBase64 } from "./base64";
import { SwitchboardError } from "./errors";
import { RemoteParticipant, RemoteTrack } from "./Participant";
import { TypedEmitter } from "./TypedEmitter";

export type ConnectionState =
  | "idle"
  | "connecting"
  | "connected"
  /** The connection dropped; the SDK is rejoining with the same identity. */
  | "reconnecting"
  | "disconnected"
  | "failed";

export interface RoomEvents extends Record<string, unknown[]> {
  connectionStateChanged: [ConnectionState];
  participantJoined: [RemoteParticipant];
  participantLeft: [RemoteParticipant];
  trackSubscribed: [RemoteTrack, RemoteParticipant];
  trackUnsubscribed: [RemoteTrack, RemoteParticipant];
  /** A remote source was paused or resumed by its owner. */
  trackMuteChanged: [RemoteParticipant, Source, boolean];
  activeSpeakerChanged: [string | null];
  roomClosed: [string];
  /** This participant was removed from the room (reason in plain words). */
  removed: [string];
  /** A moderator or admin paused one of our sources; the UI should show it muted. */
  mutedByModerator: [Source];
  /** A chat message, ours included (history arrives in `room.chat` at join). */
  chatMessage: [ChatMessage];
  /** Someone's hand (ours included: our peer id) went up (time) or down (null). */
  handChanged: [string, number | null];
  reaction: [string, Reaction];
  lockChanged: [boolean, string];
  /** Moderators: who waits in the lobby now. */
  lobbyChanged: [LobbyEntry[]];
  /** We wait in the lobby; `join()` resolves when admitted, fails with LOBBY_DENIED. */
  lobbyWaiting: [];
  /** A phone call into the room changed state (ringing, answered, busy, failed, ended). */
  phoneCall: [PhoneCall];
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
}

/** Camera simulcast: three layers, quarter, half and full resolution. */
const CAMERA_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: "r0", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: "r1", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: "r2", scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];
/** Screen share: one layer, detail over motion. */
const SCREEN_ENCODINGS: RTCRtpEncodingParameters[] = [{ maxBitrate: 2_500_000 }];

/** Origin of Yjs updates that came from the server (not re-sent). */
const REMOTE = Symbol("remote");

type SfuSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Outgoing {
  text: string;
  resolve: (m: ChatMessage) => void;
  reject: (e: unknown) => void;
}

/**
 * A connection to one Switchboard room: signaling over socket.io, media through
 * mediasoup-client. `connect()` loads the device (can run before the user clicks Join),
 * `join()` enters the room, `publish()` sends a track; remote media arrives as
 * `trackSubscribed` events. Chat, hands, reactions, the lobby, moderation and the shared
 * notes (`notes`, a Yjs document) ride on the same connection. A dropped connection is
 * rejoined by itself with the same identity; published tracks are sent again.
 */
export class Room extends TypedEmitter<RoomEvents> {
  readonly participants = new Map<string, RemoteParticipant>();
  /** Local producers by source. */
  readonly localProducers = new Map<Source, types.Producer>();
  /** The shared notes; edit them with any Yjs binding (`notes.getText("notes")`). */
  readonly notes = new Y.Doc();
  /** Request/response round trips made so far (for benchmarks). */
  requestCount = 0;
  peerId: string | undefined;
  roomName: string | undefined;
  /** Our name as others see it and our role, as the server decided at join. */
  displayName: string | undefined;
  role: "moderator" | "guest" | undefined;
  activeSpeakerId: string | null = null;
  locked = false;
  handRaisedAt: number | null = null;
  /** Chat so far, oldest first. */
  chat: ChatMessage[] = [];
  /** Moderators: who waits in the lobby. */
  lobby: LobbyEntry[] = [];
  private state: ConnectionState = "idle";
  private socket: SfuSocket | undefined;
  private device: Device | undefined;
  private sendTransport: types.Transport | undefined;
  private recvTransport: types.Transport | undefined;
  private readonly timeoutMs: number;
  private connecting: Promise<void> | undefined;
  /** What `join()` was called with, and the key to come back after a drop. */
  private joined: { room: string; displayName: string; token?: string | undefined } | undefined;
  private rejoinKey: string | undefined;
  /** Tracks we publish, to publish again after a reconnect. */
  private readonly published = new Map<Source, MediaStreamTrack>();
  private readonly outbox: Outgoing[] = [];
  /** The user's latest mute choice per source (survives a reconnect). */
  private readonly wantMuted = new Map<Source, boolean>();
  private cancelJoinTimeout: (() => void) | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: RoomOptions) {
    super();
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.notes.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || this.state !== "connected" || !this.peerId) return;
      void this.request("updateNotes", { update: toBase64(update) }).catch(() => undefined);
    });
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Connects to the SFU and loads the media device. Idempotent; safe to call early. */
  connect(): Promise<void> {
    this.connecting ??= this.doConnect().catch((error: unknown) => {
      this.teardown();
      this.setState("failed");
      throw error;
    });
    return this.connecting;
  }

  /**
   * Joins `room` as `displayName`, with a join `token` for token-only rooms or to get a
   * moderator role. Resolves once both transports exist (after a moderator's admission
   * when the room has a lobby: `lobbyWaiting` fires meanwhile).
   */
  async join(room: string, displayName: string, options: { token?: string } = {}): Promise<void> {
    await this.connect();
    this.joined = { room, displayName, token: options.token };
    await this.enter();
  }

  /**
   * Publishes a local track as `source`; camera video is sent with three simulcast layers.
   * With `paused`, the producer starts paused (others see it muted) at no extra round trip.
   */
  async publish(
    track: MediaStreamTrack,
    source: Source,
    options: { paused?: boolean } = {},
  ): Promise<types.Producer> {
    if (!this.sendTransport) throw new SwitchboardError("NOT_JOINED", "join before publishing");
    this.published.set(source, track);
    const existing = this.localProducers.get(source);
    if (existing && !existing.closed) {
      await existing.replaceTrack({ track });
      if (options.paused !== undefined) await this.setMuted(source, options.paused);
      return existing;
    }
    const producer = await this.sendTransport.produce({
      track,
      appData: { source, paused: options.paused === true },
      stopTracks: false,
      ...(source === "camera"
        ? { encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } }
        : {}),
      ...(source === "screen" ? { encodings: SCREEN_ENCODINGS } : {}),
      ...(source === "mic"
        ? { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } }
        : {}),
    });
    // The server created it paused already; pause locally to stop sending.
    if (options.paused) producer.pause();
    this.wantMuted.set(source, options.paused === true);
    this.localProducers.set(source, producer);
    return producer;
  }

  /** Pauses or resumes a published source; others see it as muted. */
  async setMuted(source: Source, muted: boolean): Promise<void> {
    // Remembered even while reconnecting: the rejoin publishes with the latest choice.
    this.wantMuted.set(source, muted);
    const producer = this.localProducers.get(source);
    if (!producer || producer.closed || producer.paused === muted) return;
    if (muted) producer.pause();
    else producer.resume();
    await this.request(muted ? "pauseProducer" : "resumeProducer", { producerId: producer.id });
  }

  /** Whether a local source is published and not paused. */
  isPublishing(source: Source): boolean {
    const producer = this.localProducers.get(source);
    return Boolean(producer && !producer.closed && !producer.paused);
  }

  /** Stops publishing `source`. */
  async unpublish(source: Source): Promise<void> {
    this.published.delete(source);
    const producer = this.localProducers.get(source);
    if (!producer) return;
    this.localProducers.delete(source);
    producer.close();
    if (this.socket?.connected) await this.request("closeProducer", { producerId: producer.id });
  }

  /** Chooses the simulcast layer the SFU forwards for a remote video track. */
  async setPreferredLayer(track: RemoteTrack, spatialLayer: number): Promise<void> {
    await this.request("setConsumerPreferredLayers", { consumerId: track.id, spatialLayer });
  }

  /**
   * Stops (or restarts) forwarding of a remote video the user cannot see, e.g. a tile
   * scrolled off screen; saves the bandwidth and the decoding.
   */
  async setTrackVisible(track: RemoteTrack, visible: boolean): Promise<void> {
    if (track.consumer.closed || track.visible === visible) return;
    track.visible = visible;
    if (visible) track.consumer.resume();
    else track.consumer.pause();
    await this.request(visible ? "resumeConsumer" : "pauseConsumer", { consumerId: track.id });
  }

  // Collaboration -------------------------------------------------------------

  /**
   * Sends a chat message. While reconnecting it is kept and sent after the rejoin, so
   * nothing typed during a drop is lost.
   */
  sendChat(text: string): Promise<ChatMessage> {
    if (this.state === "reconnecting") {
      return new Promise((resolve, reject) => this.outbox.push({ text, resolve, reject }));
    }
    return this.request("sendChat", { text }).then(({ message }) => message);
  }

  async setHand(raised: boolean): Promise<void> {
    await this.request("setHand", { raised });
  }

  async react(reaction: Reaction): Promise<void> {
    await this.request("react", { reaction });
  }

  // Moderation (the server refuses these with FORBIDDEN unless we are a moderator) ----

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

  async endRoom(): Promise<void> {
    await this.request("endRoom", {});
  }

  /** Moderators: calls a phone number (or SIP URI) into the room; progress comes as `phoneCall`. */
  async dialOut(to: string): Promise<string> {
    return (await this.request("dialOut", { to })).callId;
  }

  async admit(lobbyId: string): Promise<void> {
    await this.request("admitFromLobby", { lobbyId });
  }

  async deny(lobbyId: string): Promise<void> {
    await this.request("denyFromLobby", { lobbyId });
  }

  /** Leaves the room and closes the connection. */
  async leave(): Promise<void> {
    const socket = this.socket;
    this.joined = undefined;
    if (socket?.connected && this.peerId) {
      await this.request("leave", {}).catch(() => undefined);
    }
    this.teardown();
    this.failOutbox(new SwitchboardError("DISCONNECTED", "left the room"));
    this.setState("disconnected");
  }

  /** Every remote track with its consumer's stats (inbound-rtp etc.). */
  async getRemoteStats(): Promise<
    Array<{ participantId: string; source: Source; kind: string; stats: RTCStatsReport }>
  > {
    const out = [];
    for (const p of this.participants.values()) {
      for (const t of p.tracks.values()) {
        out.push({
          participantId: p.id,
          source: t.source,
          kind: t.kind,
          stats: await t.getStats(),
        });
      }
    }
    return out;
  }

  /** Stats of our sending connection (RTT, available bitrate) for a quality indicator. */
  async getSendStats(): Promise<RTCStatsReport | undefined> {
    return this.sendTransport?.getStats();
  }

  /** Sends one typed request and waits for its typed answer. */
  async request<M extends RequestMethod>(
    method: M,
    data: RequestData<M>,
  ): Promise<ResponseData<M>> {
    const socket = this.socket;
    if (!socket?.connected)
      throw new SwitchboardError("DISCONNECTED", "not connected to the server");
    this.requestCount++;
    const res = await new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new SwitchboardError("TIMEOUT", `the server did not answer "${method}" in time`)),
        this.timeoutMs,
      );
      // A join may wait in the lobby for as long as the moderators take.
      if (method === "join") this.cancelJoinTimeout = () => clearTimeout(timer);
      socket.emit("request", { method, data } as never, (r: Response) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    if (!res.ok) throw SwitchboardError.fromProtocol(res.error);
    return requestSchemas[method].response.parse(res.data) as ResponseData<M>;
  }

  private async doConnect(): Promise<void> {
    this.setState("connecting");
    await this.openSocket();
    if (!this.device) {
      let device: Device;
      try {
        device = new Device();
      } catch (error) {
        throw new SwitchboardError(
          "UNSUPPORTED_BROWSER",
          `this browser cannot make WebRTC calls (${error instanceof Error ? error.message : "unknown"})`,
        );
      }
      const { routerRtpCapabilities } = await this.request("getRouterRtpCapabilities", {});
      await device.load({
        routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities,
      });
      this.device = device;
    }
    this.setState("connected");
  }

  private async openSocket(): Promise<void> {
    const socket: SfuSocket = io(this.options.url, {
      transports: ["websocket"],
      reconnection: false,
      timeout: this.timeoutMs,
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      const engine = socket.io.engine;
      const unreachable = () => {
        cleanup();
        socket.removeAllListeners();
        socket.disconnect();
        reject(
          new SwitchboardError(
            "SERVER_UNREACHABLE",
            `cannot reach the server at ${this.options.url}`,
          ),
        );
      };
      const cleanup = () => {
        socket.off("connect_error", unreachable);
        engine?.off("close", unreachable);
      };
      socket.once("connect", () => {
        cleanup();
        resolve();
      });
      socket.once("connect_error", unreachable);
      // A connection closed during the handshake fails at once, not after the timeout.
      engine?.once("close", unreachable);
    });
    socket.on("notification", (raw) => this.onNotification(raw));
    socket.on("serverRequest", (raw, ack) => {
      void this.onServerRequest(raw).then(ack, () => ack({ ok: false }));
    });
    socket.on("disconnect", () => {
      if (socket !== this.socket) return;
      if (this.state === "connected" && this.joined && this.peerId) {
        this.startReconnecting();
      } else if (this.state === "connected" || this.state === "connecting") {
        this.teardown();
        this.setState("disconnected");
      }
    });
  }

  /** Joins (or rejoins) with what `join()` was given and sets up the transports. */
  private async enter(): Promise<void> {
    const joined = this.joined;
    if (!joined) throw new SwitchboardError("NOT_JOINED", "join() first");
    const rejoin =
      this.peerId && this.rejoinKey ? { peerId: this.peerId, key: this.rejoinKey } : undefined;
    const res = await this.request("join", {
      room: joined.room,
      displayName: joined.displayName,
      ...(joined.token ? { token: joined.token } : {}),
      ...(rejoin ? { rejoin } : {}),
      rtpCapabilities: this.loadedDevice()
        .rtpCapabilities as RequestData<"join">["rtpCapabilities"],
    }).finally(() => {
      this.cancelJoinTimeout = undefined;
    });
    this.peerId = res.peerId;
    this.rejoinKey = res.rejoinKey;
    this.roomName = res.roomName;
    this.displayName = res.displayName;
    this.role = res.role;
    this.locked = res.locked;
    this.handRaisedAt = res.handRaisedAt;
    this.chat = res.chat;
    this.lobby = res.lobby;
    const device = this.loadedDevice();
    if (!res.sendTransport || !res.recvTransport) {
      throw new SwitchboardError("MEDIA_ERROR", "the server gave no WebRTC transports");
    }
    this.sendTransport = device.createSendTransport(res.sendTransport as types.TransportOptions);
    this.recvTransport = device.createRecvTransport(res.recvTransport as types.TransportOptions);
    for (const transport of [this.sendTransport, this.recvTransport]) {
      transport.on("connect", ({ dtlsParameters }, callback, errback) => {
        this.request("connectTransport", {
          transportId: transport.id,
          dtlsParameters: dtlsParameters as RequestData<"connectTransport">["dtlsParameters"],
        }).then(() => callback(), errback);
      });
      transport.on("connectionstatechange", (state) => {
        if (state === "failed") void this.restartIce(transport);
      });
    }
    this.sendTransport.on("produce", ({ kind, rtpParameters, appData }, callback, errback) => {
      const transportId = this.sendTransport?.id ?? "";
      this.request("produce", {
        transportId,
        kind,
        rtpParameters: rtpParameters as RequestData<"produce">["rtpParameters"],
        source: appData.source as Source,
        paused: appData.paused === true,
      }).then(({ producerId }) => callback({ id: producerId }), errback);
    });
    for (const info of res.peers) {
      const participant = RemoteParticipant.fromInfo(info);
      this.participants.set(participant.id, participant);
      this.emit("participantJoined", participant);
    }
    if (this.lobby.length > 0) this.emit("lobbyChanged", this.lobby);
    await this.syncNotes();
  }

  /** Merges the server's notes into ours and sends what we have that it lacks. */
  private async syncNotes(): Promise<void> {
    const { state } = await this.request("getNotes", {});
    if (state) Y.applyUpdate(this.notes, fromBase64(state), REMOTE);
    const ours = Y.encodeStateAsUpdate(
      this.notes,
      Y.encodeStateVectorFromUpdate(fromBase64(state)),
    );
    // An update that adds nothing is a few bytes; skip it.
    if (ours.length > 2) {
      await this.request("updateNotes", { update: toBase64(ours) }).catch(() => undefined);
    }
  }

  private startReconnecting(): void {
    const previouslyPublished = new Map(this.published);
    for (const [source, producer] of this.localProducers) {
      if (!this.wantMuted.has(source)) this.wantMuted.set(source, producer.paused);
    }
    this.closeMedia();
    this.dropSocket();
    this.setState("reconnecting");
    this.emit("reconnecting");
    const deadline = Date.now() + (this.options.reconnectForMs ?? 120_000);
    const attempt = async (): Promise<void> => {
      this.reconnectTimer = undefined;
      if (this.state !== "reconnecting") return;
      try {
        await this.openSocket();
        await this.enter();
        for (const [source, track] of previouslyPublished) {
          if (track.readyState !== "live") continue;
          await this.publish(track, source, { paused: this.wantMuted.get(source) ?? false });
        }
      } catch (error) {
        const fatal =
          error instanceof SwitchboardError &&
          [
            "ROOM_NOT_FOUND",
            "LOBBY_DENIED",
            "TOKEN_INVALID",
            "TOKEN_EXPIRED",
            "ROOM_LOCKED",
          ].includes(error.code);
        this.closeMedia();
        this.dropSocket();
        if (fatal || Date.now() > deadline) {
          this.teardown();
          this.failOutbox(error);
          this.setState("disconnected");
          if (fatal && error instanceof SwitchboardError && error.code === "ROOM_NOT_FOUND") {
            this.emit("roomClosed", "the meeting has ended");
          }
          return;
        }
        this.reconnectTimer = setTimeout(() => void attempt(), 1000);
        return;
      }
      this.setState("connected");
      this.emit("reconnected");
      this.flushOutbox();
    };
    this.reconnectTimer = setTimeout(() => void attempt(), 250);
  }

  private flushOutbox(): void {
    const pending = this.outbox.splice(0);
    for (const item of pending) {
      this.request("sendChat", { text: item.text }).then(
        ({ message }) => item.resolve(message),
        item.reject,
      );
    }
  }

  private failOutbox(error: unknown): void {
    for (const item of this.outbox.splice(0)) item.reject(error);
  }

  private loadedDevice(): Device {
    if (!this.device) throw new SwitchboardError("DISCONNECTED", "connect() before joining");
    return this.device;
  }

  private async onServerRequest(raw: ServerRequest): Promise<ServerRequestAck> {
    const parsed = ServerRequestSchema.safeParse(raw);
    if (!parsed.success || !this.recvTransport) return { ok: false };
    const { data } = parsed.data;
    const participant = this.participants.get(data.peerId);
    if (!participant) return { ok: false };
    const consumer = await this.recvTransport.consume({
      id: data.consumerId,
      producerId: data.producerId,
      kind: data.kind,
      rtpParameters: data.rtpParameters as types.RtpParameters,
    });
    const track = new RemoteTrack(participant.id, consumer, data.source, data.producerPaused);
    participant.tracks.set(track.id, track);
    if (!participant.producers.has(data.producerId)) {
      participant.producers.set(data.producerId, {
        kind: data.kind,
        source: data.source,
        paused: data.producerPaused,
      });
    }
    this.emit("trackSubscribed", track, participant);
    return { ok: true };
  }

  private onNotification(raw: Notification): void {
    const parsed = NotificationSchema.safeParse(raw);
    if (!parsed.success) return;
    const n = parsed.data;
    switch (n.method) {
      case "peerJoined": {
        const participant = RemoteParticipant.fromInfo(n.data);
        this.participants.set(participant.id, participant);
        this.emit("participantJoined", participant);
        break;
      }
      case "peerLeft": {
        const participant = this.participants.get(n.data.peerId);
        if (participant) this.dropParticipant(participant);
        break;
      }
      case "producerPaused": {
        const participant = this.participants.get(n.data.peerId);
        const producer = participant?.producers.get(n.data.producerId);
        if (!participant || !producer) break;
        producer.paused = n.data.paused;
        for (const t of participant.tracks.values()) {
          if (t.producerId === n.data.producerId) t.muted = n.data.paused;
        }
        this.emit("trackMuteChanged", participant, producer.source, n.data.paused);
        break;
      }
      case "consumerClosed": {
        for (const participant of this.participants.values()) {
          const track = participant.tracks.get(n.data.consumerId);
          if (!track) continue;
          participant.tracks.delete(track.id);
          participant.producers.delete(track.producerId);
          track.consumer.close();
          this.emit("trackUnsubscribed", track, participant);
        }
        break;
      }
      case "activeSpeaker":
        this.setActiveSpeaker(n.data.peerId);
        break;
      case "consumerLayersChanged":
        break;
      case "roomClosed":
        this.joined = undefined;
        this.teardown();
        this.setState("disconnected");
        this.emit("roomClosed", n.data.reason);
        break;
      case "removed":
        this.joined = undefined;
        this.teardown();
        this.setState("disconnected");
        this.emit("removed", n.data.reason);
        break;
      case "mutedByModerator": {
        const producer = this.localProducers.get(n.data.source);
        if (producer && producer.id === n.data.producerId && !producer.paused) producer.pause();
        this.emit("mutedByModerator", n.data.source);
        break;
      }
      case "chatMessage":
        this.chat.push(n.data.message);
        this.emit("chatMessage", n.data.message);
        break;
      case "handChanged": {
        const { peerId, raisedAt } = n.data;
        if (peerId === this.peerId) this.handRaisedAt = raisedAt;
        const participant = this.participants.get(peerId);
        if (participant) participant.handRaisedAt = raisedAt;
        this.emit("handChanged", peerId, raisedAt);
        break;
      }
      case "reaction":
        this.emit("reaction", n.data.peerId, n.data.reaction);
        break;
      case "roomLockChanged":
        this.locked = n.data.locked;
        this.emit("lockChanged", n.data.locked, n.data.by);
        break;
      case "lobbyChanged":
        this.lobby = n.data.waiting;
        this.emit("lobbyChanged", this.lobby);
        break;
      case "lobbyWaiting":
        this.cancelJoinTimeout?.();
        this.emit("lobbyWaiting");
        break;
      case "phoneCall":
        this.emit("phoneCall", n.data);
        break;
      case "notesUpdate":
        Y.applyUpdate(this.notes, fromBase64(n.data.update), REMOTE);
        break;
    }
  }

  private dropParticipant(participant: RemoteParticipant): void {
    this.participants.delete(participant.id);
    for (const track of participant.tracks.values()) {
      track.consumer.close();
      this.emit("trackUnsubscribed", track, participant);
    }
    participant.tracks.clear();
    if (this.activeSpeakerId === participant.id) this.setActiveSpeaker(null);
    this.emit("participantLeft", participant);
  }

  private setActiveSpeaker(peerId: string | null): void {
    if (this.activeSpeakerId === peerId) return;
    this.activeSpeakerId = peerId;
    this.emit("activeSpeakerChanged", peerId);
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    try {
      const { iceParameters } = await this.request("restartIce", { transportId: transport.id });
      await transport.restartIce({ iceParameters });
    } catch {
      // The socket's own disconnect handling reports the failure.
    }
  }

  /** Closes transports, producers and consumers; tells listeners the others are gone. */
  private closeMedia(): void {
    for (const producer of this.localProducers.values()) producer.close();
    this.localProducers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = undefined;
    this.recvTransport = undefined;
    for (const participant of [...this.participants.values()]) this.dropParticipant(participant);
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.removeAllListeners();
    socket?.disconnect();
  }

  private teardown(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.closeMedia();
    this.published.clear();
    this.wantMuted.clear();
    this.peerId = undefined;
    this.rejoinKey = undefined;
    this.connecting = undefined;
    this.dropSocket();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit("connectionStateChanged", state);
  }
}
