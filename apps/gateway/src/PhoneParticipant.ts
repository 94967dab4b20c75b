import { randomInt } from "node:crypto";
import type { Socket } from "node:dgram";
import { type RtpPacket, serializeRtp } from "@switchboard/gateway";
import type { Notification } from "@switchboard/protocol";
import { SfuSession } from "./SfuSession";
import { bindUdp } from "./udp";

const PAYLOAD_TYPE = { PCMU: 0, PCMA: 8 } as const;

export interface PhoneParticipantEvents {
  /** A moderator removed the caller, or the meeting ended: hang up. */
  onGone: (reason: string) => void;
  /** A moderator muted the caller. */
  onMutedByModerator?: () => void;
}

/**
 * A phone caller as an SFU participant: a tile in the room, and a PCMU/PCMA producer on a
 * plain RTP transport that carries the caller's audio as received (browsers decode
 * G.711, so nothing is transcoded on this path). Moderators mute and remove it like
 * anyone else.
 */
export class PhoneParticipant {
  private readonly ssrc = randomInt(1, 0xffffffff);
  private producerId: string | undefined;
  private target: { ip: string; port: number } | undefined;
  private closed = false;
  muted = false;

  private constructor(
    private readonly session: SfuSession,
    private readonly udp: Socket,
    private readonly codec: "PCMU" | "PCMA",
  ) {}

  static async open(o: {
    sfuUrl: string;
    secret: string;
    room: string;
    displayName: string;
    codec: "PCMU" | "PCMA";
    rtpAddress: string;
    events: PhoneParticipantEvents;
  }): Promise<PhoneParticipant> {
    const udp = await bindUdp(o.rtpAddress);
    let participant: PhoneParticipant | undefined;
    const onNotification = (n: Notification) => {
      if (n.method === "removed" || n.method === "roomClosed") o.events.onGone(n.data.reason);
      if (n.method === "mutedByModerator" && participant) {
        participant.muted = true;
        o.events.onMutedByModerator?.();
      }
    };
    let session: SfuSession;
    try {
      session = await SfuSession.open(o.sfuUrl, o.secret, {
        onNotification,
        onDisconnect: () => o.events.onGone("lost the connection to the SFU"),
      });
    } catch (error) {
      udp.close();
      throw error;
    }
    participant = new PhoneParticipant(session, udp, o.codec);
    try {
      await participant.start(o.room, o.displayName, o.rtpAddress);
    } catch (error) {
      participant.close();
      throw error;
    }
    return participant;
  }

  /** Sends one RTP packet of the caller's audio to the room. */
  send(packet: RtpPacket): void {
    if (this.closed || !this.target || this.muted) return;
    const out = serializeRtp({ ...packet, ssrc: this.ssrc, payloadType: PAYLOAD_TYPE[this.codec] });
    this.udp.send(out, this.target.port, this.target.ip);
  }

  /** Self-mute (`*6`): the producer is paused on the SFU, so the room sees it muted. */
  async setMuted(muted: boolean): Promise<void> {
    if (!this.producerId || this.muted === muted) return;
    this.muted = muted;
    await this.session.request(muted ? "pauseProducer" : "resumeProducer", {
      producerId: this.producerId,
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.session
      .request("leave", {})
      .catch(() => undefined)
      .finally(() => this.session.close());
    this.udp.close();
  }

  private async start(room: string, displayName: string, rtpAddress: string): Promise<void> {
    await this.session.request("join", {
      room,
      displayName,
      rtpCapabilities: { codecs: [], headerExtensions: [] },
      as: "phone",
    });
    const transport = await this.session.request("createPlainTransport", {
      direction: "send",
      ip: rtpAddress,
      port: this.udp.address().port,
    });
    this.target = { ip: transport.ip, port: transport.port };
    const { producerId } = await this.session.request("produce", {
      transportId: transport.transportId,
      kind: "audio",
      source: "mic",
      rtpParameters: {
        codecs: [
          {
            mimeType: `audio/${this.codec}`,
            payloadType: PAYLOAD_TYPE[this.codec],
            clockRate: 8000,
          },
        ],
        encodings: [{ ssrc: this.ssrc }],
      },
    });
    this.producerId = producerId;
  }
}
