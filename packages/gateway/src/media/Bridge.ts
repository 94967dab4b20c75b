/**
 * A two-party bridge: each call hears the other. Packets go through a small jitter buffer
 * per direction; the G.711 payload passes through untouched when both calls use the same
 * law and is transcoded (µ-law ↔ A-law) only when they differ. Key presses are relayed as
 * RFC 4733 events. Disconnecting leaves both calls up with their own outputs cleared.
 */
import { decodeG711, encodeG711, type G711Law } from "../codec/g711";
import type { DtmfSource } from "../dtmf/DtmfDetector";
import type { DtmfDigit } from "../dtmf/rfc4733";
import { JitterBuffer } from "../rtp/JitterBuffer";
import type { RtpPacket } from "../rtp/packet";
import type { CallMedia, MediaOutput } from "./CallMedia";

/** One direction: what `from` says, as `to` hears it. */
class BridgeDirection implements MediaOutput {
  private readonly buffer = new JitterBuffer(16, 2, 512);
  private readonly pcm = new Int16Array(512);
  private readonly converted = new Uint8Array(512);
  private fromLaw: G711Law = "PCMU";
  readonly removeTap: () => void;

  constructor(
    from: CallMedia,
    private readonly onDetached: () => void,
  ) {
    this.removeTap = from.addTap({
      onAudio: (p: RtpPacket, law: G711Law) => {
        this.fromLaw = law;
        this.buffer.push(p.sequenceNumber, p.timestamp, p.payloadType, p.payload);
      },
    });
  }

  frame(law: G711Law): Uint8Array | null {
    const f = this.buffer.pop();
    if (!f) return null;
    const bytes = f.payload.subarray(0, f.length);
    if (law === this.fromLaw) return bytes;
    decodeG711(this.fromLaw, bytes, this.pcm, 0, f.length);
    encodeG711(law, this.pcm, this.converted, 0, f.length);
    return this.converted.subarray(0, f.length);
  }

  detached(): void {
    this.onDetached();
  }
}

export class Bridge {
  private readonly aHears: BridgeDirection;
  private readonly bHears: BridgeDirection;
  private readonly relays: (() => void)[] = [];
  private connected = true;

  private constructor(
    readonly a: CallMedia,
    readonly b: CallMedia,
  ) {
    this.aHears = new BridgeDirection(b, () => this.disconnect());
    this.bHears = new BridgeDirection(a, () => this.disconnect());
    a.setOutput(this.aHears);
    b.setOutput(this.bHears);
    const relay = (from: CallMedia, to: CallMedia) => {
      const onDigit = (d: DtmfDigit, _src: DtmfSource) => void to.sendDtmf(d);
      from.on("dtmf", onDigit);
      this.relays.push(() => from.off("dtmf", onDigit));
    };
    relay(a, b);
    relay(b, a);
  }

  /** Connects two calls' media; either output being replaced disconnects the bridge. */
  static connect(a: CallMedia, b: CallMedia): Bridge {
    return new Bridge(a, b);
  }

  /** Whether the two halves are both in place. */
  get isConnected(): boolean {
    return this.connected;
  }

  /** Both calls stop hearing each other (their outputs fall back to silence). */
  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.aHears.removeTap();
    this.bHears.removeTap();
    for (const off of this.relays.splice(0)) off();
    this.a.clearOutput(this.aHears);
    this.b.clearOutput(this.bHears);
  }
}
