import { EventEmitter } from "node:events";
import type {
  NewConsumer,
  Notification,
  ParsedRequestData,
  ResponseData,
  Role,
  Source,
  TransportOptions,
} from "@switchboard/protocol";
import type { types } from "mediasoup";
import { SignalingError } from "./errors";
import type { Logger } from "./logger";
import { mediaCodecs } from "./mediaCodecs";
import { Peer, type PeerChannel, type ProducerAppData } from "./Peer";
import type { WorkerPool } from "./WorkerPool";

export interface RoomOptions {
  /** Database id of the room. */
  id: string;
  slug: string;
  name: string;
  emptyRoomGraceMs: number;
  initialOutgoingBitrate: number;
  log: Logger;
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
  readonly startedAt = Date.now();
  private emptyTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly log: Logger;

  private constructor(
    readonly options: RoomOptions,
    readonly router: types.Router,
    private readonly webRtcServer: types.WebRtcServer,
    private readonly activeSpeaker: types.ActiveSpeakerObserver,
  ) {
    super();
    this.log = options.log.child({ room: options.slug });
    activeSpeaker.on("dominantspeaker", ({ producer }) => {
      const peerId = (producer.appData as ProducerAppData).peerId;
      this.broadcast({ method: "activeSpeaker", data: { peerId } });
    });
    // A router closes with its worker; the room cannot live on without it.
    router.observer.once("close", () => this.close("router closed"));
    this.armEmptyTimer();
  }

  static async create(pool: WorkerPool, options: RoomOptions): Promise<Room> {
    const { router, webRtcServer } = await pool.createRouter(mediaCodecs);
    const activeSpeaker = await router.createActiveSpeakerObserver({ interval: 300 });
    return new Room(options, router, webRtcServer, activeSpeaker);
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
    identity: { displayName: string; role: Role },
    rtpCapabilities: types.RtpCapabilities,
    channel: PeerChannel,
  ): Promise<ResponseData<"join">> {
    this.assertOpen();
    const { displayName, role } = identity;
    const peer = new Peer(peerId, displayName, role, rtpCapabilities, channel);
    const sendTransport = await this.createTransport(peer, "send");
    const recvTransport = await this.createTransport(peer, "recv");
    if (this.closed) {
      peer.close();
      throw new SignalingError("ROOM_NOT_FOUND", "the room closed while joining");
    }
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
      sendTransport: transportOptions(sendTransport),
      recvTransport: transportOptions(recvTransport),
      peers: others.map((p) => p.info()),
    };
  }

  /** Creates consumers on `peer` for every producer of the others. Call after join's answer. */
  consumeExisting(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    for (const other of this.peers.values()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) void this.createConsumer(peer, producer);
    }
  }

  leave(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    peer.close();
    this.broadcast({ method: "peerLeft", data: { peerId } });
    this.emit("peerLeft", peer);
    this.log.info({ peerId, peers: this.peers.size }, "peer left");
    this.armEmptyTimer();
  }

  async connectTransport(peerId: string, data: ParsedRequestData<"connectTransport">) {
    const transport = this.peer(peerId).transport(data.transportId);
    await transport.connect({ dtlsParameters: data.dtlsParameters as types.DtlsParameters });
  }

  async restartIce(peerId: string, data: ParsedRequestData<"restartIce">) {
    const iceParameters = await this.peer(peerId).transport(data.transportId).restartIce();
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
    this.leave(peerId);
    return true;
  }

  /**
   * Pauses a peer's producers of `source` on someone else's behalf: the owner is told
   * (so its UI shows it muted) and so is everyone else.
   */
  async muteBy(peerId: string, source: Source): Promise<boolean> {
    const peer = this.peers.get(peerId);
    if (!peer) return false;
    for (const producer of peer.producers.values()) {
      if (producer.appData.source !== source || producer.paused) continue;
      await this.setProducerPaused(peerId, producer.id, true);
      peer.channel.notify({
        method: "mutedByModerator",
        data: { producerId: producer.id, source },
      });
    }
    return true;
  }

  /** Closes every peer's media and the router. Idempotent. */
  close(reason = "closed"): void {
    if (this.closed) return;
    this.closed = true;
    this.disarmEmptyTimer();
    for (const peer of this.peers.values()) {
      peer.channel.notify({ method: "roomClosed", data: { reason } });
      peer.close();
    }
    this.peers.clear();
    this.router.close();
    this.log.info({ reason }, "room closed");
    this.emit("close");
  }

  private peer(peerId: string): Peer {
    const peer = this.peers.get(peerId);
    if (!peer) throw new SignalingError("NOT_JOINED", "join a room first");
    return peer;
  }

  private async createTransport(peer: Peer, direction: "send" | "recv") {
    const transport = await this.router.createWebRtcTransport({
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

  private broadcast(notification: Notification, exceptPeerId?: string): void {
    for (const peer of this.peers.values()) {
      if (peer.id !== exceptPeerId) peer.channel.notify(notification);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new SignalingError("ROOM_NOT_FOUND", "the room is closed");
  }

  private armEmptyTimer(): void {
    if (this.peers.size > 0 || this.closed) return;
    this.disarmEmptyTimer();
    this.emptyTimer = setTimeout(() => this.close("empty"), this.options.emptyRoomGraceMs);
    this.emptyTimer.unref();
  }

  private disarmEmptyTimer(): void {
    if (this.emptyTimer) clearTimeout(this.emptyTimer);
    this.emptyTimer = undefined;
  }
}

function transportOptions(t: types.WebRtcTransport): TransportOptions {
  return {
    id: t.id,
    iceParameters: t.iceParameters,
    iceCandidates: t.iceCandidates as TransportOptions["iceCandidates"],
    dtlsParameters: t.dtlsParameters as TransportOptions["dtlsParameters"],
  };
}
