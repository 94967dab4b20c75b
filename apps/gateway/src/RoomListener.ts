import type { Socket } from "node:dgram";
import { parseRtp, type RoomAudioSource, type RtpPacket } from "@switchboard/gateway";
import type { PhoneCall, RequestData } from "@switchboard/protocol";
import type { Logger } from "pino";
import { SfuSession } from "./SfuSession";
import { bindUdp, isRtcp } from "./udp";

/** What the listener can receive: Opus, which every browser sends. */
const OPUS_ONLY: RequestData<"join">["rtpCapabilities"] = {
  codecs: [
    {
      kind: "audio",
      mimeType: "audio/opus",
      clockRate: 48000,
      channels: 2,
      preferredPayloadType: 100,
    },
  ],
  headerExtensions: [],
};

type PacketHandler = (speakerId: string, packet: RtpPacket) => void;

/**
 * The gateway's ear in one room: a hidden SFU participant whose plain RTP transport
 * receives every browser's audio once, for all of the room's phone legs. Speakers are
 * told apart by the SSRC of their consumer; the speaker id is the SFU producer id.
 */
export class RoomListener implements RoomAudioSource {
  private readonly speakers = new Map<number, string>();
  private readonly consumerSsrc = new Map<string, number>();
  private handler: PacketHandler | undefined;
  private closed = false;

  private constructor(
    private readonly session: SfuSession,
    private readonly udp: Socket,
  ) {
    udp.on("message", (msg) => {
      if (!this.handler || isRtcp(msg)) return;
      const packet = parseRtp(msg);
      if (!packet) return;
      const speaker = this.speakers.get(packet.ssrc);
      if (speaker) this.handler(speaker, packet);
    });
  }

  static async open(o: {
    sfuUrl: string;
    secret: string;
    room: string;
    rtpAddress: string;
    log: Logger;
    onClosed: (reason: string) => void;
  }): Promise<RoomListener> {
    const udp = await bindUdp(o.rtpAddress);
    let listener: RoomListener | undefined;
    const pendingConsumers: Parameters<RoomListener["addConsumer"]>[0][] = [];
    let session: SfuSession;
    try {
      session = await SfuSession.open(o.sfuUrl, o.secret, {
        onNewConsumer: (c) => {
          if (c.kind !== "audio") return false;
          if (listener) listener.addConsumer(c);
          else pendingConsumers.push(c);
          return true;
        },
        onNotification: (n) => {
          if (n.method === "consumerClosed") listener?.removeConsumer(n.data.consumerId);
          if (n.method === "roomClosed") o.onClosed(n.data.reason);
        },
        onDisconnect: () => o.onClosed("lost the connection to the SFU"),
      });
    } catch (error) {
      udp.close();
      throw error;
    }
    listener = new RoomListener(session, udp);
    try {
      await session.request("join", {
        room: o.room,
        displayName: "Phone gateway",
        rtpCapabilities: OPUS_ONLY,
        as: "listener",
      });
      await session.request("createPlainTransport", {
        direction: "recv",
        ip: o.rtpAddress,
        port: udp.address().port,
      });
    } catch (error) {
      listener.close();
      throw error;
    }
    for (const c of pendingConsumers.splice(0)) listener.addConsumer(c);
    o.log.debug({ room: o.room }, "room listener ready");
    return listener;
  }

  subscribe(onPacket: PacketHandler): () => void {
    this.handler = onPacket;
    return () => {
      if (this.handler === onPacket) this.handler = undefined;
    };
  }

  /** Tells the room about a phone call's progress (ringing, answered, busy…). */
  async report(call: PhoneCall): Promise<void> {
    if (!this.closed) await this.session.request("reportCall", call);
  }

  /** Speakers currently consumed. */
  get speakerCount(): number {
    return this.speakers.size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.handler = undefined;
    this.session.close();
    this.udp.close();
  }

  private addConsumer(c: {
    consumerId: string;
    producerId: string;
    rtpParameters: { encodings?: Array<{ ssrc?: number | undefined }> | undefined };
  }): void {
    const ssrc = c.rtpParameters.encodings?.[0]?.ssrc;
    if (ssrc === undefined) return;
    this.speakers.set(ssrc, c.producerId);
    this.consumerSsrc.set(c.consumerId, ssrc);
  }

  private removeConsumer(consumerId: string): void {
    const ssrc = this.consumerSsrc.get(consumerId);
    if (ssrc === undefined) return;
    this.consumerSsrc.delete(consumerId);
    this.speakers.delete(ssrc);
  }
}
