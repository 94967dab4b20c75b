import type {
  Notification,
  ParticipantKind,
  PeerInfo,
  Role,
  ServerRequest,
  Source,
} from "@switchboard/protocol";
import type { types } from "mediasoup";
import { SignalingError } from "./errors";
import { BROWSER, type PeerKind } from "./PeerKind";

/** How a Room reaches a peer's client; socket.io in production, anything in tests. */
export interface PeerChannel {
  notify(notification: Notification): void;
  /** Resolves true when the client acknowledged, false on timeout or refusal. */
  request(request: ServerRequest): Promise<boolean>;
}

export interface TransportAppData extends types.AppData {
  peerId: string;
  direction: "send" | "recv";
  plain?: boolean;
}

export interface ProducerAppData extends types.AppData {
  peerId: string;
  source: Source;
}

/**
 * One participant in one room: its transports (as its kind says) and the producers and
 * consumers on them. Closing the peer closes every one of them (mediasoup closes
 * producers and consumers with their transport).
 */
export class Peer {
  readonly joinedAt = Date.now();
  /** WebRTC transports for browsers, plain RTP transports for the gateway's participants. */
  readonly transports = new Map<string, types.Transport<TransportAppData>>();
  readonly producers = new Map<string, types.Producer<ProducerAppData>>();
  readonly consumers = new Map<string, types.Consumer>();
  /** When the hand went up (ms), null when down. */
  handRaisedAt: number | null = null;
  private closed = false;

  constructor(
    readonly id: string,
    readonly displayName: string,
    readonly role: Role,
    readonly rtpCapabilities: types.RtpCapabilities,
    readonly channel: PeerChannel,
    /** What this participant is to the room: its transports, what it consumes. */
    readonly traits: PeerKind = BROWSER,
  ) {}

  get kind(): ParticipantKind {
    return this.traits.name;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  addTransport(transport: types.Transport<TransportAppData>): void {
    this.transports.set(transport.id, transport);
    transport.observer.once("close", () => this.transports.delete(transport.id));
  }

  addProducer(producer: types.Producer<ProducerAppData>): void {
    this.producers.set(producer.id, producer);
    producer.observer.once("close", () => this.producers.delete(producer.id));
  }

  addConsumer(consumer: types.Consumer): void {
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once("close", () => this.consumers.delete(consumer.id));
  }

  transport(id: string): types.Transport<TransportAppData> {
    return this.mustGet(this.transports, id, "transport");
  }

  /** A WebRTC transport of this peer (DTLS connect, ICE restart). */
  webRtcTransport(id: string): types.WebRtcTransport<TransportAppData> {
    const transport = this.transport(id);
    if (transport.appData.plain) {
      throw new SignalingError("NOT_FOUND", `transport ${id} is not a WebRTC transport`);
    }
    return transport as types.WebRtcTransport<TransportAppData>;
  }

  producer(id: string): types.Producer<ProducerAppData> {
    return this.mustGet(this.producers, id, "producer");
  }

  consumer(id: string): types.Consumer {
    return this.mustGet(this.consumers, id, "consumer");
  }

  info(): PeerInfo {
    return {
      id: this.id,
      displayName: this.displayName,
      role: this.role,
      kind: this.traits.shownAs,
      joinedAt: this.joinedAt,
      handRaisedAt: this.handRaisedAt,
      producers: [...this.producers.values()].map((p) => ({
        id: p.id,
        kind: p.kind,
        source: p.appData.source,
        paused: p.paused,
      })),
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }

  private mustGet<T>(map: Map<string, T>, id: string, what: string): T {
    const item = map.get(id);
    if (!item) throw new SignalingError("NOT_FOUND", `no ${what} ${id} for this peer`);
    return item;
  }
}
