/**
 * A call's media: its RTP leg, the negotiated codec, a 20 ms send clock that always sends
 * (the current audio source, else G.711 silence, so the far end never times the call out),
 * DTMF detection on what comes in, and the optional room plumbing (mixer, sink).
 */
import { EventEmitter } from "node:events";
import { decodeG711, encodeG711, G711_SILENCE, type G711Law } from "../codec/g711";
import { SAMPLES_PER_FRAME_8K } from "../codec/opus";
import { DtmfDetector, type DtmfSource } from "../dtmf/DtmfDetector";
import type { DtmfDigit } from "../dtmf/rfc4733";
import type { RoomMixer } from "../mixer/RoomMixer";
import type { RoomAudioSink } from "../mixer/types";
import type { FrameClock } from "../rtp/FrameClock";
import type { RtpPacket } from "../rtp/packet";
import type { RtpLeg } from "../rtp/RtpLeg";
import type { NegotiatedAudio } from "../sdp/negotiate";

const N = SAMPLES_PER_FRAME_8K;

/** Something that produces 8 kHz audio 20 ms at a time (a prompt, a tone…). */
export interface FrameSource {
  /** Fills `out` (160 samples); false when finished (then `out` is ignored). */
  next(out: Int16Array): boolean;
}

interface CallMediaEvents {
  dtmf: [DtmfDigit, DtmfSource];
  /** The current source finished. */
  sourceEnded: [FrameSource];
}

export class CallMedia extends EventEmitter<CallMediaEvents> {
  private negotiated: NegotiatedAudio | null = null;
  private source: FrameSource | null = null;
  private readonly pcmOut = new Int16Array(N);
  private readonly pcmIn = new Int16Array(1024);
  private readonly g711Out = new Uint8Array(N);
  private readonly silence: Record<G711Law, Uint8Array> = {
    PCMU: new Uint8Array(N).fill(G711_SILENCE.PCMU),
    PCMA: new Uint8Array(N).fill(G711_SILENCE.PCMA),
  };
  private readonly dtmf: DtmfDetector;
  private unsubscribeClock: (() => void) | null = null;
  private mixer: { mixer: RoomMixer; id: string } | null = null;
  private sink: { sink: RoomAudioSink; id: string } | null = null;
  private closed = false;

  constructor(
    readonly leg: RtpLeg,
    private readonly clock: FrameClock,
  ) {
    super();
    this.dtmf = new DtmfDetector((d, src) => this.emit("dtmf", d, src));
    leg.on("packet", (p) => this.onPacket(p));
  }

  get audio(): NegotiatedAudio | null {
    return this.negotiated;
  }

  /** Applies a (re-)negotiation: remote address, codec, direction. Starts the clock. */
  apply(n: NegotiatedAudio): void {
    this.negotiated = n;
    this.leg.setRemote(n.remoteAddress, n.remotePort);
    if (!this.unsubscribeClock && !this.closed)
      this.unsubscribeClock = this.clock.subscribe(() => this.onTick());
  }

  /** Plays `source` (replacing the current one); resolves when it ends or is replaced. */
  play(source: FrameSource): Promise<void> {
    if (this.source && this.source !== source) this.emit("sourceEnded", this.source);
    this.source = source;
    return new Promise((resolve) => {
      const done = (s: FrameSource) => {
        if (s !== source) return;
        this.off("sourceEnded", done);
        resolve();
      };
      this.on("sourceEnded", done);
    });
  }

  /** Stops the current source (its `play()` resolves). */
  stopPlayback(): void {
    const s = this.source;
    this.source = null;
    if (s) this.emit("sourceEnded", s);
  }

  /** Hands sending to a room mixer (its tick drives our leg) and feeds it our audio. */
  joinMixer(mixer: RoomMixer, id: string, ownSpeakerId?: string): void {
    this.leaveMixer();
    const n = this.negotiated;
    if (!n) throw new Error("no negotiated media");
    this.stopPlayback();
    this.mixer = { mixer, id };
    mixer.addLeg({
      id,
      law: n.codec.name,
      ...(ownSpeakerId !== undefined && { ownSpeakerId }),
      output: (g711) => this.sendFrame(g711),
    });
  }

  leaveMixer(): void {
    if (!this.mixer) return;
    this.mixer.mixer.removeLeg(this.mixer.id);
    this.mixer = null;
  }

  /** Forwards the caller's RTP to a room (as received). */
  setSink(sink: RoomAudioSink | null, id: string): void {
    this.sink?.sink.callerLeft(this.sink.id);
    this.sink = sink ? { sink, id } : null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribeClock?.();
    this.unsubscribeClock = null;
    this.stopPlayback();
    this.leaveMixer();
    this.setSink(null, "");
    this.leg.close();
    this.removeAllListeners();
  }

  private sendFrame(g711: Uint8Array): void {
    const n = this.negotiated;
    if (!n || this.closed) return;
    if (!n.send) {
      this.leg.skip(N);
      return;
    }
    this.leg.send(n.codec.pt, g711, N);
  }

  private onTick(): void {
    if (this.mixer) return; // the mixer's tick sends for us
    const n = this.negotiated;
    if (!n) return;
    const s = this.source;
    if (s) {
      if (s.next(this.pcmOut)) {
        encodeG711(n.codec.name, this.pcmOut, this.g711Out);
        this.sendFrame(this.g711Out);
        return;
      }
      this.source = null;
      this.emit("sourceEnded", s);
    }
    this.sendFrame(this.silence[n.codec.name]);
  }

  private onPacket(p: RtpPacket): void {
    const n = this.negotiated;
    if (!n) return;
    if (n.telephoneEventPt !== undefined && p.payloadType === n.telephoneEventPt) {
      this.dtmf.onEventPacket(p.timestamp, p.payload);
      return;
    }
    if (p.payloadType !== n.codec.pt) return;
    const count = Math.min(this.pcmIn.length, p.payload.length);
    decodeG711(n.codec.name, p.payload, this.pcmIn, 0, count);
    this.dtmf.onAudio(this.pcmIn, count);
    if (this.mixer)
      this.mixer.mixer.pushLegPacket(this.mixer.id, p.sequenceNumber, p.timestamp, p.payload);
    if (this.sink) this.sink.sink.sendCallerAudio(this.sink.id, p);
  }
}
