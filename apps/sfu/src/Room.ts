import { randomBytes, timingSafeEqual } from "node:crypto";
import { EventEmitter } from "node:events";
import {
  type ChatMessage,
  COLLABORATION_LIMITS,
  type NewConsumer,
  type Notification,
  type ParsedRequestData,
  type ParticipantKind,
  type PhoneCall,
  type Reaction,
  type ResponseData,
  type Role,
  type Source,
  type TransportOptions,
} from "@switchboard/protocol";
import type { types } from "mediasoup";
import { SignalingError } from "./errors";
import { Lobby } from "./Lobby";
import type { Logger } from "./logger";
import { mediaCodecs } from "./mediaCodecs";
import { Peer, type PeerChannel, type ProducerAppData, type TransportAppData } from "./Peer";
import type { RoomStore } from "./RoomStore";
import { SharedNotes } from "./SharedNotes";
import type { WorkerPool } from "./WorkerPool";

export interface RoomOptions {
  /** Database id of the room. */
  id: string;
  slug: string;
  name: string;
  emptyRoomGraceMs: number;
  initialOutgoingBitrate: number;
  /** Where plain RTP transports (the phone gateway's) listen, and the address announced. */
  plainListenIp?: string;
  plainAnnouncedAddress?: string | undefined;
  /** Locked at opening (from the database). */
  locked?: boolean;
  /** How long a dropped peer may come back as itself (ms). */
  rejoinWindowMs?: number;
  log: Logger;
}

/** Who a peer was, kept so that it can come back after a dropped connection. */
interface RejoinEntry {
  key: string;
  displayName: string;
  role: Role;
  handRaisedAt: number | null;
  /** Infinity while the peer is in the room. */
  expiresAt: number;
}

interface RoomEvents {
  /** The room closed (empty past its grace period, or shut down). */
  close: [];
  peerJoined: [Peer];
  peerLeft: [Peer];
}

/**
 * One live room: a mediasoup Router on one worker, an ActiveSpeakerObserver, and the
 * peers in it. The Room owns the media graph: it creates transports, producers and
 * consumers, and tells peers about each other.
 */
export class Room extends EventEmitter<RoomEvents> {
  readonly peers = new Map<string, Peer>();
  /** The gateway's hidden listeners: they receive every browser's audio, nobody sees them. */
  readonly gatewayListeners = new Map<string, Peer>();
  readonly startedAt = Date.now();
  readonly lobby: Lobby;
  readonly notes: SharedNotes;
  locked: boolean;
  private readonly rejoinKeys = new Map<string, RejoinEntry>();
  private emptyTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly log: Logger;

  private constructor(
    readonly options: RoomOptions,
    readonly router: types.Router,
    private readonly webRtcServer: types.WebRtcServer,
    private readonly activeSpeaker: types.ActiveSpeakerObserver,
    private readonly store: RoomStore,
  ) {
    super();
    this.log = options.log.child({ room: options.slug });
    this.locked = options.locked ?? false;
    this.notes = new SharedNotes(store.notes, this.log);
    this.lobby = new Lobby((waiting) => {
      this.broadcastToModerators({ method: "lobbyChanged", data: { waiting } });
      if (waiting.length > 0) this.disarmEmptyTimer();
      else this.armEmptyTimer();
    });
    activeSpeaker.on("dominantspeaker", ({ producer }) => {
      const peerId = (producer.appData as ProducerAppData).peerId;
      this.broadcast({ method: "activeSpeaker", data: { peerId } });
    });
    // A router closes with its worker; the room cannot live on without it.
    router.observer.once("close", () => this.close("router closed"));
    this.armEmptyTimer();
  }

  static async create(pool: WorkerPool, options: RoomOptions, store: RoomStore): Promise<Room> {
    const { router, webRtcServer } = await pool.createRouter(mediaCodecs);
    const activeSpeaker = await router.createActiveSpeakerObserver({ interval: 300 });
    return new Room(options, router, webRtcServer, activeSpeaker, store);
  }

  get slug(): string {
    return this.options.slug;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Adds a peer: creates its send and receive transports and returns everything the
   * client needs. Consumers for the producers already in the room are created right
   * after the answer is sent (see {@link consumeExisting}).
   */
  async join(
    peerId: string,
    identity: {
      displayName: string;
      role: Role;
      handRaisedAt?: number | null;
      kind?: ParticipantKind;
    },
    rtpCapabilities: types.RtpCapabilities,
    channel: PeerChannel,
  ): Promise<ResponseData<"join">> {
    this.assertOpen();
    const { displayName, role } = identity;
    const kind = identity.kind ?? "browser";
    const peer = new Peer(peerId, displayName, role, rtpCapabilities, channel, kind);
    if (kind === "listener") return this.addGatewayListener(peer);
    peer.handRaisedAt = identity.handRaisedAt ?? null;
    // Phone participants send over a plain RTP transport they ask for afterwards.
    const sendTransport = kind === "browser" ? await this.createTransport(peer, "send") : null;
    const recvTransport = kind === "browser" ? await this.createTransport(peer, "recv") : null;
    const chat = await this.store.chatHistory(COLLABORATION_LIMITS.chatHistory).catch((err) => {
      this.log.error({ err }, "could not load chat history");
      return [] as ChatMessage[];
    });
    if (this.closed) {
      peer.close();
      throw new SignalingError("ROOM_NOT_FOUND", "the room closed while joining");
    }
    // A ghost of the same peer (its old connection not yet noticed as dropped) goes first.
    if (this.peers.has(peerId)) this.leave(peerId);
    const rejoinKey = randomBytes(24).toString("base64url");
    this.rejoinKeys.set(peerId, {
      key: rejoinKey,
      displayName,
      role,
      handRaisedAt: null,
      expiresAt: Number.POSITIVE_INFINITY,
    });
    const others = [...this.peers.values()];
    this.peers.set(peer.id, peer);
    this.disarmEmptyTimer();
    this.broadcast({ method: "peerJoined", data: peer.info() }, peer.id);
    this.emit("peerJoined", peer);
    this.log.info({ peerId, peers: this.peers.size }, "peer joined");
    return {
      peerId,
      displayName,
      role,
      roomName: this.options.name,
      routerRtpCapabilities: this.router
        .rtpCapabilities as ResponseData<"join">["routerRtpCapabilities"],
      sendTransport: sendTransport && transportOptions(sendTransport),
      recvTransport: recvTransport && transportOptions(recvTransport),
      peers: others.map((p) => p.info()),
      rejoinKey,
      locked: this.locked,
      handRaisedAt: peer.handRaisedAt,
      chat,
      lobby: role === "moderator" ? this.lobby.entries() : [],
    };
  }

  /**
   * Who `peerId` was, if `key` is the one it was given and it left less than the rejoin
   * window ago (or is still here as a ghost). Each key works once.
   */
  claimRejoin(
    peerId: string,
    key: string,
  ): { displayName: string; role: Role; handRaisedAt: number | null } | undefined {
    const entry = this.rejoinKeys.get(peerId);
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    const a = Buffer.from(entry.key);
    const b = Buffer.from(key);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    this.rejoinKeys.delete(peerId);
    const live = this.peers.get(peerId);
    return {
      displayName: entry.displayName,
      role: entry.role,
      handRaisedAt: live ? live.handRaisedAt : entry.handRaisedAt,
    };
  }

  /** Creates consumers on `peer` for every producer of the others. Call after join's answer. */
  consumeExisting(peerId: string): void {
    const peer = this.peers.get(peerId) ?? this.gatewayListeners.get(peerId);
    if (!peer) return;
    for (const other of this.peers.values()) {
      if (other === peer || !wants(peer, other)) continue;
      for (const producer of other.producers.values()) {
        if (peer.kind !== "listener" || producer.kind === "audio") {
          void this.createConsumer(peer, producer);
        }
      }
    }
  }

  /**
   * Gateway participants: a plain RTP transport connected to the gateway's `ip:port`.
   * A listener's receive transport gets consumers for all the room's browser audio.
   */
  async createPlainTransport(
    peerId: string,
    data: { direction: "send" | "recv"; ip: string; port: number },
  ): Promise<ResponseData<"createPlainTransport">> {
    const peer = this.peer(peerId);
    const allowed = peer.kind === "phone" ? "send" : peer.kind === "listener" ? "recv" : null;
    if (allowed !== data.direction) {
      throw new SignalingError(
        "FORBIDDEN",
        allowed ? `this participant may only ${allowed}` : "plain RTP is for the phone gateway",
      );
    }
    if ([...peer.transports.values()].some((t) => t.appData.direction === data.direction)) {
      throw new SignalingError("INVALID_REQUEST", `a ${data.direction} transport exists already`);
    }
    const transport = await this.router.createPlainTransport<TransportAppData>({
      listenInfo: {
        protocol: "udp",
        ip: this.options.plainListenIp ?? "127.0.0.1",
        announcedIp: this.options.plainAnnouncedAddress,
      },
      rtcpMux: true,
      comedia: false,
      appData: { peerId, direction: data.direction, plain: true },
    });
    peer.addTransport(transport);
    await transport.connect({ ip: data.ip, port: data.port });
    if (peer.isClosed) {
      transport.close();
      throw new SignalingError("NOT_JOINED", "the participant left");
    }
    if (data.direction === "recv") this.consumeExisting(peerId);
    return {
      transportId: transport.id,
      ip: this.options.plainAnnouncedAddress ?? transport.tuple.localIp,
      port: transport.tuple.localPort,
    };
  }

  private addGatewayListener(peer: Peer): ResponseData<"join"> {
    this.gatewayListeners.set(peer.id, peer);
    this.disarmEmptyTimer();
    this.log.info({ peerId: peer.id }, "gateway listener joined");
    return {
      peerId: peer.id,
      displayName: peer.displayName,
      role: peer.role,
      roomName: this.options.name,
      routerRtpCapabilities: this.router
        .rtpCapabilities as ResponseData<"join">["routerRtpCapabilities"],
      sendTransport: null,
      recvTransport: null,
      peers: [...this.peers.values()].map((p) => p.info()),
      rejoinKey: "",
      locked: this.locked,
      handRaisedAt: null,
      chat: [],
      lobby: [],
    };
  }

  /** Removes a peer; with `channel`, only if the peer is still the one on that channel. */
  leave(peerId: string, channel?: PeerChannel): void {
    const listener = this.gatewayListeners.get(peerId);
    if (listener && (!channel || listener.channel === channel)) {
      this.gatewayListeners.delete(peerId);
      listener.close();
      this.armEmptyTimer();
      return;
    }
    const peer = this.peers.get(peerId);
    if (!peer || (channel && peer.channel !== channel)) return;
    this.peers.delete(peerId);
    const entry = this.rejoinKeys.get(peerId);
    if (entry) {
      entry.handRaisedAt = peer.handRaisedAt;
      entry.expiresAt = Date.now() + (this.options.rejoinWindowMs ?? 120_000);
    }
    this.pruneRejoinKeys();
    peer.close();
    this.broadcast({ method: "peerLeft", data: { peerId } });
    this.emit("peerLeft", peer);
    this.log.info({ peerId, peers: this.peers.size }, "peer left");
    this.armEmptyTimer();
  }

  async connectTransport(peerId: string, data: ParsedRequestData<"connectTransport">) {
    const transport = this.peer(peerId).webRtcTransport(data.transportId);
    await transport.connect({ dtlsParameters: data.dtlsParameters as types.DtlsParameters });
  }

  async restartIce(peerId: string, data: ParsedRequestData<"restartIce">) {
    const iceParameters = await this.peer(peerId).webRtcTransport(data.transportId).restartIce();
    return { iceParameters };
  }

  async produce(peerId: string, data: ParsedRequestData<"produce">): Promise<string> {
    const peer = this.peer(peerId);
    const transport = peer.transport(data.transportId);
    if (transport.appData.direction !== "send") {
      throw new SignalingError("NOT_FOUND", "produce needs this peer's send transport");
    }
    const producer = await transport.produce<ProducerAppData>({
      kind: data.kind,
      rtpParameters: data.rtpParameters as types.RtpParameters,
      paused: data.paused,
      appData: { peerId, source: data.source },
    });
    if (peer.isClosed) {
      producer.close();
      throw new SignalingError("NOT_JOINED", "the peer left while producing");
    }
    peer.addProducer(producer);
    if (producer.kind === "audio" && data.source === "mic") {
      await this.activeSpeaker.addProducer({ producerId: producer.id }).catch((error) => {
        this.log.warn({ err: error }, "could not observe producer for active speaker");
      });
    }
    for (const other of this.peers.values()) {
      if (other !== peer) void this.createConsumer(other, producer);
    }
    if (producer.kind === "audio") {
      for (const listener of this.gatewayListeners.values()) {
        if (wants(listener, peer)) void this.createConsumer(listener, producer);
      }
    }
    this.log.debug({ peerId, producerId: producer.id, source: data.source }, "producer created");
    return producer.id;
  }

  closeProducer(peerId: string, producerId: string): void {
    // Consumers follow through their "producerclose" event.
    this.peer(peerId).producer(producerId).close();
  }

  async setProducerPaused(peerId: string, producerId: string, paused: boolean): Promise<void> {
    const producer = this.peer(peerId).producer(producerId);
    if (paused) await producer.pause();
    else await producer.resume();
    this.broadcast({ method: "producerPaused", data: { peerId, producerId, paused } }, peerId);
  }

  async setConsumerPaused(peerId: string, consumerId: string, paused: boolean): Promise<void> {
    const consumer = this.peer(peerId).consumer(consumerId);
    if (paused) await consumer.pause();
    else await consumer.resume();
  }

  async setConsumerPreferredLayers(
    peerId: string,
    data: ParsedRequestData<"setConsumerPreferredLayers">,
  ): Promise<void> {
    const consumer = this.peer(peerId).consumer(data.consumerId);
    if (consumer.type !== "simulcast" && consumer.type !== "svc") return;
    await consumer.setPreferredLayers({
      spatialLayer: data.spatialLayer,
      temporalLayer: data.temporalLayer,
    });
  }

  /** Removes a peer on someone else's behalf; the peer is told why before it goes. */
  remove(peerId: string, reason: string): boolean {
    const peer = this.peers.get(peerId);
    if (!peer) return false;
    peer.channel.notify({ method: "removed", data: { reason } });
    // Removed means removed: no coming back through a rejoin key.
    this.rejoinKeys.delete(peerId);
    this.leave(peerId);
    return true;
  }

  // Collaboration -------------------------------------------------------------

  async sendChat(peerId: string, text: string): Promise<ChatMessage> {
    const peer = this.peer(peerId);
    this.limit(peer);
    const message = await this.store.addChat({ peerId, displayName: peer.displayName, text });
    this.broadcast({ method: "chatMessage", data: { message } });
    return message;
  }

  setHand(peerId: string, raised: boolean): void {
    const peer = this.peer(peerId);
    const raisedAt = raised ? (peer.handRaisedAt ?? Date.now()) : null;
    if (raisedAt === peer.handRaisedAt) return;
    peer.handRaisedAt = raisedAt;
    this.broadcast({ method: "handChanged", data: { peerId, raisedAt } });
  }

  react(peerId: string, reaction: Reaction): void {
    this.limit(this.peer(peerId));
    this.broadcast({ method: "reaction", data: { peerId, reaction } });
  }

  async notesState(peerId: string): Promise<string> {
    this.peer(peerId);
    return Buffer.from(await this.notes.state()).toString("base64");
  }

  async updateNotes(peerId: string, update: string): Promise<void> {
    this.peer(peerId);
    try {
      await this.notes.apply(Buffer.from(update, "base64"));
    } catch {
      throw new SignalingError("INVALID_REQUEST", "the notes update is not a valid Yjs update");
    }
    this.broadcast({ method: "notesUpdate", data: { update } }, peerId);
  }

  // Moderation: every action checks the actor's role here, on the server. ------

  async muteParticipant(actorId: string, targetId: string, source: Source): Promise<void> {
    this.moderator(actorId, "mute others");
    if (!(await this.muteBy(targetId, source))) {
      throw new SignalingError("NOT_FOUND", "that participant is not in the room");
    }
  }

  /** Mutes every microphone but the actor's; returns how many were on. */
  async muteAll(actorId: string): Promise<number> {
    this.moderator(actorId, "mute everyone");
    let muted = 0;
    for (const peer of [...this.peers.values()]) {
      if (peer.id !== actorId) muted += await this.pauseSources(peer, "mic");
    }
    return muted;
  }

  removeParticipant(actorId: string, targetId: string): void {
    const actor = this.moderator(actorId, "remove participants");
    if (targetId === actorId) throw new SignalingError("INVALID_REQUEST", "leave instead");
    if (!this.remove(targetId, `${actor.displayName} removed you from the meeting`)) {
      throw new SignalingError("NOT_FOUND", "that participant is not in the room");
    }
  }

  async setLocked(actorId: string, locked: boolean): Promise<void> {
    const actor = this.moderator(actorId, "lock the room");
    await this.store.setLocked(locked);
    this.locked = locked;
    this.broadcast({ method: "roomLockChanged", data: { locked, by: actor.displayName } });
  }

  end(actorId: string): void {
    const actor = this.moderator(actorId, "end the meeting");
    this.close(`${actor.displayName} ended the meeting`);
  }

  /** Throws FORBIDDEN unless `peerId` is a moderator here. */
  assertModerator(peerId: string, action: string): void {
    this.moderator(peerId, action);
  }

  /** The gateway's listener reports a phone call's progress; everyone sees it. */
  reportCall(peerId: string, call: PhoneCall): void {
    if (!this.gatewayListeners.has(peerId)) {
      throw new SignalingError("FORBIDDEN", "only the phone gateway reports calls");
    }
    this.broadcast({ method: "phoneCall", data: call });
  }

  admit(actorId: string, lobbyId: string): void {
    this.moderator(actorId, "let people in");
    this.lobby.admit(lobbyId);
  }

  deny(actorId: string, lobbyId: string): void {
    this.moderator(actorId, "turn people away");
    this.lobby.deny(lobbyId);
  }

  /**
   * Pauses a peer's producers of `source` on someone else's behalf: the owner is told
   * (so its UI shows it muted) and so is everyone else.
   */
  async muteBy(peerId: string, source: Source): Promise<boolean> {
    const peer = this.peers.get(peerId);
    if (!peer) return false;
    await this.pauseSources(peer, source);
    return true;
  }

  private async pauseSources(peer: Peer, source: Source): Promise<number> {
    let paused = 0;
    for (const producer of [...peer.producers.values()]) {
      if (producer.appData.source !== source || producer.paused) continue;
      await this.setProducerPaused(peer.id, producer.id, true);
      peer.channel.notify({
        method: "mutedByModerator",
        data: { producerId: producer.id, source },
      });
      paused++;
    }
    return paused;
  }

  /** Closes every peer's media and the router. Idempotent. */
  close(reason = "closed"): void {
    if (this.closed) return;
    this.closed = true;
    this.disarmEmptyTimer();
    this.lobby.denyAll(new SignalingError("ROOM_NOT_FOUND", "the meeting has ended"));
    void this.notes.close();
    this.rejoinKeys.clear();
    for (const peer of [...this.peers.values(), ...this.gatewayListeners.values()]) {
      peer.channel.notify({ method: "roomClosed", data: { reason } });
      peer.close();
    }
    this.peers.clear();
    this.gatewayListeners.clear();
    this.router.close();
    this.log.info({ reason }, "room closed");
    this.emit("close");
  }

  private moderator(peerId: string, action: string): Peer {
    const peer = this.peer(peerId);
    if (peer.role !== "moderator") {
      throw new SignalingError("FORBIDDEN", `only moderators can ${action}`);
    }
    return peer;
  }

  private limit(peer: Peer): void {
    if (!peer.messageLimiter.take()) {
      throw new SignalingError("RATE_LIMITED", "slow down: too many messages");
    }
  }

  private pruneRejoinKeys(): void {
    const now = Date.now();
    for (const [id, entry] of this.rejoinKeys)
      if (entry.expiresAt < now) this.rejoinKeys.delete(id);
  }

  private peer(peerId: string): Peer {
    const peer = this.peers.get(peerId) ?? this.gatewayListeners.get(peerId);
    if (!peer) throw new SignalingError("NOT_JOINED", "join a room first");
    return peer;
  }

  private async createTransport(peer: Peer, direction: "send" | "recv") {
    const transport = await this.router.createWebRtcTransport<TransportAppData>({
      webRtcServer: this.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: this.options.initialOutgoingBitrate,
      appData: { peerId: peer.id, direction },
    });
    transport.on("dtlsstatechange", (state) => {
      if (state === "failed" || state === "closed") {
        this.log.warn({ peerId: peer.id, direction, state }, "transport DTLS state");
      }
    });
    transport.on("icestatechange", (state) => {
      if (state === "disconnected")
        this.log.info({ peerId: peer.id, direction }, "ICE disconnected");
    });
    peer.addTransport(transport);
    return transport;
  }

  /**
   * Creates a paused consumer of `producer` on `peer`'s receive transport, tells the
   * client, and resumes it once the client has set it up (so the first keyframe is not
   * lost while the client is still negotiating).
   */
  private async createConsumer(
    peer: Peer,
    producer: types.Producer<ProducerAppData>,
  ): Promise<void> {
    if (peer.isClosed || producer.closed) return;
    if (
      !this.router.canConsume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities })
    ) {
      this.log.warn({ peerId: peer.id, producerId: producer.id }, "peer cannot consume producer");
      return;
    }
    const recv = [...peer.transports.values()].find((t) => t.appData.direction === "recv");
    if (!recv) return;
    let consumer: types.Consumer;
    try {
      consumer = await recv.consume({
        producerId: producer.id,
        rtpCapabilities: peer.rtpCapabilities,
        paused: true,
        appData: { peerId: peer.id },
      });
    } catch (error) {
      if (!peer.isClosed && !producer.closed) {
        this.log.error({ err: error, peerId: peer.id }, "consume failed");
      }
      return;
    }
    if (peer.isClosed) {
      consumer.close();
      return;
    }
    peer.addConsumer(consumer);
    const tellClosed = () => {
      if (!peer.isClosed) {
        peer.channel.notify({ method: "consumerClosed", data: { consumerId: consumer.id } });
      }
    };
    consumer.on("producerclose", () => {
      consumer.close();
      tellClosed();
    });
    consumer.on("layerschange", (layers) => {
      peer.channel.notify({
        method: "consumerLayersChanged",
        data: {
          consumerId: consumer.id,
          spatialLayer: layers?.spatialLayer ?? null,
          temporalLayer: layers?.temporalLayer ?? null,
        },
      });
    });
    const data: NewConsumer = {
      peerId: producer.appData.peerId,
      producerId: producer.id,
      consumerId: consumer.id,
      kind: consumer.kind,
      source: producer.appData.source,
      rtpParameters: consumer.rtpParameters as NewConsumer["rtpParameters"],
      producerPaused: consumer.producerPaused,
    };
    const accepted = await peer.channel.request({ method: "newConsumer", data });
    if (consumer.closed) return;
    if (!accepted) {
      this.log.warn({ peerId: peer.id, consumerId: consumer.id }, "client refused consumer");
      consumer.close();
      return;
    }
    await consumer.resume().catch(() => undefined);
  }

  private broadcastToModerators(notification: Notification): void {
    for (const peer of this.peers.values()) {
      if (peer.role === "moderator") peer.channel.notify(notification);
    }
  }

  private broadcast(notification: Notification, exceptPeerId?: string): void {
    for (const peer of this.peers.values()) {
      if (peer.id !== exceptPeerId) peer.channel.notify(notification);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new SignalingError("ROOM_NOT_FOUND", "the room is closed");
  }

  private armEmptyTimer(): void {
    // A gateway listener keeps the room open while its dial-out rings.
    if (this.peers.size > 0 || this.lobby.size > 0 || this.gatewayListeners.size > 0) return;
    if (this.closed) return;
    this.disarmEmptyTimer();
    this.emptyTimer = setTimeout(() => this.close("empty"), this.options.emptyRoomGraceMs);
    this.emptyTimer.unref();
  }

  private disarmEmptyTimer(): void {
    if (this.emptyTimer) clearTimeout(this.emptyTimer);
    this.emptyTimer = undefined;
  }
}

/**
 * Whether `consumer` receives `producer`'s media: phone participants receive nothing (the
 * gateway mixes for them from its listener), and a listener skips phone participants
 * (the gateway mixes callers among themselves locally).
 */
function wants(consumer: Peer, producer: Peer): boolean {
  if (consumer.kind === "phone") return false;
  if (consumer.kind === "listener") return producer.kind === "browser";
  return true;
}

function transportOptions(t: types.WebRtcTransport): TransportOptions {
  return {
    id: t.id,
    iceParameters: t.iceParameters,
    iceCandidates: t.iceCandidates as TransportOptions["iceCandidates"],
    dtlsParameters: t.dtlsParameters as TransportOptions["dtlsParameters"],
  };
}
