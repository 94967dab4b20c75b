import { EventEmitter } from "node:events";
import type {
  Notification,
  ParsedRequestData,
  ParticipantKind,
  ResponseData,
  Role,
} from "@switchboard/protocol";
import type { types } from "mediasoup";
import { Collaboration } from "./Collaboration";
import { createConsumer } from "./consume";
import { SignalingError } from "./errors";
import type { Logger } from "./logger";
import { Moderation } from "./Moderation";
import { mediaCodecs } from "./mediaCodecs";
import { Peer, type PeerChannel, type ProducerAppData } from "./Peer";
import { PEER_KINDS } from "./PeerKind";
import { RejoinKeys } from "./RejoinKeys";
import type { RoomContext } from "./RoomContext";
import type { RoomStore } from "./RoomStore";
import { createPlainTransport, createWebRtcTransport, transportOptions } from "./transports";
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

interface RoomEvents {
  /** The room closed (empty past its grace period, or shut down). */
  close: [];
  peerJoined: [Peer];
  peerLeft: [Peer];
}

type JoinResponse = ResponseData<"join">;

/**
 * One live room's media graph: a mediasoup Router on one worker, an ActiveSpeakerObserver,
 * and the peers in it. The Room creates transports (as each peer's kind says), producers
 * and consumers, and tells peers about each other. Its other parts live beside it and
 * close with it: {@link moderation} (lock, lobby, moderators' actions),
 * {@link collaboration} (chat, hands, reactions, notes) and {@link rejoinKeys}.
 */
export class Room extends EventEmitter<RoomEvents> implements RoomContext {
  /** The peers others see: browsers and phone callers. */
  readonly peers = new Map<string, Peer>();
  /** Hidden peers (the gateway's listeners): they receive audio, nobody sees them. */
  readonly gatewayListeners = new Map<string, Peer>();
  readonly startedAt = Date.now();
  readonly moderation: Moderation;
  readonly collaboration: Collaboration;
  readonly rejoinKeys: RejoinKeys;
  private emptyTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly log: Logger;

  private constructor(
    readonly options: RoomOptions,
    readonly router: types.Router,
    private readonly webRtcServer: types.WebRtcServer,
    private readonly activeSpeaker: types.ActiveSpeakerObserver,
    store: RoomStore,
  ) {
    super();
    this.log = options.log.child({ room: options.slug });
    this.collaboration = new Collaboration(this, store, this.log);
    this.moderation = new Moderation(this, store, {
      locked: options.locked ?? false,
      onWaiting: (waiting) => (waiting > 0 ? this.disarmEmptyTimer() : this.armEmptyTimer()),
    });
    this.rejoinKeys = new RejoinKeys(options.rejoinWindowMs ?? 120_000, (id) => this.peers.get(id));
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

  get locked(): boolean {
    return this.moderation.locked;
  }

  /**
   * Adds a peer: creates the transports its kind gets at join and returns everything the
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
  ): Promise<JoinResponse> {
    this.assertOpen();
    const { displayName, role } = identity;
    const traits = PEER_KINDS[identity.kind ?? "browser"];
    const peer = new Peer(peerId, displayName, role, rtpCapabilities, channel, traits);
    if (!traits.listed) return this.addHidden(peer);
    peer.handRaisedAt = identity.handRaisedAt ?? null;
    const webRtc = (direction: "send" | "recv") =>
      createWebRtcTransport(this.router, this.webRtcServer, peer, direction, {
        initialOutgoingBitrate: this.options.initialOutgoingBitrate,
        log: this.log,
      });
    const send = traits.webRtcTransports ? await webRtc("send") : null;
    const recv = traits.webRtcTransports ? await webRtc("recv") : null;
    const chat = await this.collaboration.history();
    if (this.closed) {
      peer.close();
      throw new SignalingError("ROOM_NOT_FOUND", "the room closed while joining");
    }
    // A ghost of the same peer (its old connection not yet noticed as dropped) goes first.
    if (this.peers.has(peerId)) this.leave(peerId);
    const rejoinKey = this.rejoinKeys.issue(peer);
    const others = [...this.peers.values()];
    this.peers.set(peer.id, peer);
    this.disarmEmptyTimer();
    this.broadcast({ method: "peerJoined", data: peer.info() }, peer.id);
    this.emit("peerJoined", peer);
    this.log.info({ peerId, peers: this.peers.size }, "peer joined");
    return {
      ...this.joinAnswer(peer, others),
      sendTransport: send && transportOptions(send),
      recvTransport: recv && transportOptions(recv),
      rejoinKey,
      handRaisedAt: peer.handRaisedAt,
      chat,
      lobby: role === "moderator" ? this.moderation.lobby.entries() : [],
    };
  }

  /** Creates consumers on `peer` for every producer of the others. Call after join's answer. */
  consumeExisting(peerId: string): void {
    const peer = this.find(peerId);
    if (!peer) return;
    for (const other of this.peers.values()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) {
        if (peer.traits.consumes(other.traits, producer.kind)) {
          void createConsumer(this.router, peer, producer, this.log);
        }
      }
    }
  }

  /**
   * Gateway participants: a plain RTP transport connected to the gateway's `ip:port`, in
   * the one direction the peer's kind allows. A receive transport gets its consumers.
   */
  async createPlainTransport(
    peerId: string,
    data: { direction: "send" | "recv"; ip: string; port: number },
  ): Promise<ResponseData<"createPlainTransport">> {
    const peer = this.peer(peerId);
    const allowed = peer.traits.plainTransport;
    if (allowed !== data.direction) {
      throw new SignalingError(
        "FORBIDDEN",
        allowed ? `this participant may only ${allowed}` : "plain RTP is for the phone gateway",
      );
    }
    if ([...peer.transports.values()].some((t) => t.appData.direction === data.direction)) {
      throw new SignalingError("INVALID_REQUEST", `a ${data.direction} transport exists already`);
    }
    const transport = await createPlainTransport(this.router, peer, data.direction, {
      listenIp: this.options.plainListenIp ?? "127.0.0.1",
      announcedAddress: this.options.plainAnnouncedAddress,
    });
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

  /** Removes a peer; with `channel`, only if the peer is still the one on that channel. */
  leave(peerId: string, channel?: PeerChannel): void {
    const hidden = this.gatewayListeners.get(peerId);
    if (hidden && (!channel || hidden.channel === channel)) {
      this.gatewayListeners.delete(peerId);
      hidden.close();
      this.armEmptyTimer();
      return;
    }
    const peer = this.peers.get(peerId);
    if (!peer || (channel && peer.channel !== channel)) return;
    this.peers.delete(peerId);
    this.rejoinKeys.left(peer);
    peer.close();
    this.broadcast({ method: "peerLeft", data: { peerId } });
    this.emit("peerLeft", peer);
    this.log.info({ peerId, peers: this.peers.size }, "peer left");
    this.armEmptyTimer();
  }

  /** Removes a peer on someone else's behalf; the peer is told why before it goes. */
  remove(peerId: string, reason: string): boolean {
    const peer = this.peers.get(peerId);
    if (!peer) return false;
    peer.channel.notify({ method: "removed", data: { reason } });
    // Removed means removed: no coming back through a rejoin key.
    this.rejoinKeys.revoke(peerId);
    this.leave(peerId);
    return true;
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
    for (const other of [...this.peers.values(), ...this.gatewayListeners.values()]) {
      if (other !== peer && other.traits.consumes(peer.traits, producer.kind)) {
        void createConsumer(this.router, other, producer, this.log);
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

  /** Closes every peer's media, the room's parts and the router. Idempotent. */
  close(reason = "closed"): void {
    if (this.closed) return;
    this.closed = true;
    this.disarmEmptyTimer();
    this.moderation.close();
    this.collaboration.close();
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

  /** The peer `peerId`, listed or hidden, if it is here. */
  find(peerId: string): Peer | undefined {
    return this.peers.get(peerId) ?? this.gatewayListeners.get(peerId);
  }

  peer(peerId: string): Peer {
    const peer = this.find(peerId);
    if (!peer) throw new SignalingError("NOT_JOINED", "join a room first");
    return peer;
  }

  broadcast(notification: Notification, exceptPeerId?: string): void {
    for (const peer of this.peers.values()) {
      if (peer.id !== exceptPeerId) peer.channel.notify(notification);
    }
  }

  /** A hidden peer: no transports yet, no tile, no rejoin key, no chat. */
  private addHidden(peer: Peer): JoinResponse {
    this.gatewayListeners.set(peer.id, peer);
    this.disarmEmptyTimer();
    this.log.info({ peerId: peer.id, kind: peer.kind }, "hidden peer joined");
    return {
      ...this.joinAnswer(peer, [...this.peers.values()]),
      sendTransport: null,
      recvTransport: null,
      rejoinKey: "",
      handRaisedAt: null,
      chat: [],
      lobby: [],
    };
  }

  private joinAnswer(peer: Peer, others: Peer[]) {
    return {
      peerId: peer.id,
      displayName: peer.displayName,
      role: peer.role,
      roomName: this.options.name,
      routerRtpCapabilities: this.router.rtpCapabilities as JoinResponse["routerRtpCapabilities"],
      peers: others.map((p) => p.info()),
      locked: this.moderation.locked,
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new SignalingError("ROOM_NOT_FOUND", "the room is closed");
  }

  private armEmptyTimer(): void {
    // Anyone in the room, waiting in its lobby or listening (a dial-out rings) keeps it open.
    if (this.peers.size > 0 || this.moderation.lobby.size > 0 || this.gatewayListeners.size > 0) {
      return;
    }
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
