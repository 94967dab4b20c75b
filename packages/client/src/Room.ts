import {
  type ClientToServerEvents,
  type Notification,
  NotificationSchema,
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
import { SwitchboardError } from "./errors";
import { RemoteParticipant, RemoteTrack } from "./Participant";
import { TypedEmitter } from "./TypedEmitter";

export type ConnectionState = "idle" | "connecting" | "connected" | "disconnected" | "failed";

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
}

export interface RoomOptions {
  /** Signaling URL of the SFU, e.g. http://localhost:4001 */
  url: string;
  /** Time to wait for the server on connect and per request (ms). */
  timeoutMs?: number;
}

/** Camera simulcast: three layers, quarter, half and full resolution. */
const CAMERA_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: "r0", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: "r1", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: "r2", scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

type SfuSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A connection to one Switchboard room: signaling over socket.io, media through
 * mediasoup-client. `connect()` loads the device (can run before the user clicks Join),
 * `join()` enters the room, `publish()` sends a track; remote media arrives as
 * `trackSubscribed` events.
 */
export class Room extends TypedEmitter<RoomEvents> {
  readonly participants = new Map<string, RemoteParticipant>();
  /** Local producers by source. */
  readonly localProducers = new Map<Source, types.Producer>();
  /** Request/response round trips made so far (for benchmarks). */
  requestCount = 0;
  peerId: string | undefined;
  roomName: string | undefined;
  /** Our name as others see it and our role, as the server decided at join. */
  displayName: string | undefined;
  role: "moderator" | "guest" | undefined;
  activeSpeakerId: string | null = null;
  private state: ConnectionState = "idle";
  private socket: SfuSocket | undefined;
  private device: Device | undefined;
  private sendTransport: types.Transport | undefined;
  private recvTransport: types.Transport | undefined;
  private readonly timeoutMs: number;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: RoomOptions) {
    super();
    this.timeoutMs = options.timeoutMs ?? 10_000;
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
   * moderator role. Resolves once both transports exist.
   */
  async join(room: string, displayName: string, options: { token?: string } = {}): Promise<void> {
    await this.connect();
    const res = await this.request("join", {
      room,
      displayName,
      ...(options.token ? { token: options.token } : {}),
      rtpCapabilities: this.loadedDevice()
        .rtpCapabilities as RequestData<"join">["rtpCapabilities"],
    });
    this.peerId = res.peerId;
    this.roomName = res.roomName;
    this.displayName = res.displayName;
    this.role = res.role;
    const device = this.loadedDevice();
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
      ...(source === "mic"
        ? { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } }
        : {}),
    });
    // The server created it paused already; pause locally to stop sending.
    if (options.paused) producer.pause();
    this.localProducers.set(source, producer);
    return producer;
  }

  /** Pauses or resumes a published source; others see it as muted. */
  async setMuted(source: Source, muted: boolean): Promise<void> {
    const producer = this.localProducers.get(source);
    if (!producer || producer.closed || producer.paused === muted) return;
    if (muted) producer.pause();
    else producer.resume();
    await this.request(muted ? "pauseProducer" : "resumeProducer", { producerId: producer.id });
  }

  /** Stops publishing `source`. */
  async unpublish(source: Source): Promise<void> {
    const producer = this.localProducers.get(source);
    if (!producer) return;
    this.localProducers.delete(source);
    producer.close();
    await this.request("closeProducer", { producerId: producer.id });
  }

  /** Chooses the simulcast layer the SFU forwards for a remote video track. */
  async setPreferredLayer(track: RemoteTrack, spatialLayer: number): Promise<void> {
    await this.request("setConsumerPreferredLayers", { consumerId: track.id, spatialLayer });
  }

  /** Leaves the room and closes the connection. */
  async leave(): Promise<void> {
    const socket = this.socket;
    if (socket?.connected && this.peerId) {
      await this.request("leave", {}).catch(() => undefined);
    }
    this.teardown();
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

  /** Sends one typed request and waits for its typed answer. */
  async request<M extends RequestMethod>(
    method: M,
    data: RequestData<M>,
  ): Promise<ResponseData<M>> {
    const socket = this.socket;
    if (!socket?.connected)
      throw new SwitchboardError("DISCONNECTED", "not connected to the server");
    this.requestCount++;
    let res: Response;
    try {
      res = (await socket
        .timeout(this.timeoutMs)
        .emitWithAck("request", { method, data } as never)) as Response;
    } catch {
      throw new SwitchboardError("TIMEOUT", `the server did not answer "${method}" in time`);
    }
    if (!res.ok) throw SwitchboardError.fromProtocol(res.error);
    return requestSchemas[method].response.parse(res.data) as ResponseData<M>;
  }

  private async doConnect(): Promise<void> {
    this.setState("connecting");
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
      if (this.state === "connected" || this.state === "connecting") {
        this.teardown();
        this.setState("disconnected");
      }
    });
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
        if (!participant) break;
        this.participants.delete(participant.id);
        for (const track of participant.tracks.values()) {
          track.consumer.close();
          this.emit("trackUnsubscribed", track, participant);
        }
        participant.tracks.clear();
        if (this.activeSpeakerId === participant.id) this.setActiveSpeaker(null);
        this.emit("participantLeft", participant);
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
        this.teardown();
        this.setState("disconnected");
        this.emit("roomClosed", n.data.reason);
        break;
      case "removed":
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
    }
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

  private teardown(): void {
    for (const producer of this.localProducers.values()) producer.close();
    this.localProducers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = undefined;
    this.recvTransport = undefined;
    for (const participant of this.participants.values()) {
      for (const track of participant.tracks.values()) track.consumer.close();
    }
    this.participants.clear();
    this.peerId = undefined;
    this.connecting = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.removeAllListeners();
    socket?.disconnect();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit("connectionStateChanged", state);
  }
}
