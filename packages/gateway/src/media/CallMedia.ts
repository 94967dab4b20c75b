/**
 * A call's media and its place in the media graph. One RTP leg, the negotiated codec, and:
 * - one OUTPUT: what the caller hears, pulled every 20 ms (a player, the other side of a
 *   bridge, an echo) or sent by a driver (a room mixer); with none, G.711 silence is sent,
 *   so the far end never times the call out;
 * - any number of TAPS: where the caller's audio goes (a room, a bridge, a recorder, an
 *   echo), each packet decoded once;
 * - DTMF from RFC 4733 events and in-band tones, reported to whoever owns the call.
 * Attaching or detaching never touches the SIP dialog.
 */
import { EventEmitter } from "node:events";
import { decodeG711, encodeG711, G711_SILENCE, type G711Law } from "../codec/g711";
import { SAMPLES_PER_FRAME_8K } from "../codec/opus";
import { DtmfDetector, type DtmfSource } from "../dtmf/DtmfDetector";
import { buildTelephoneEvent, type DtmfDigit, digitToEvent } from "../dtmf/rfc4733";
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

/** What the caller hears. */
export interface MediaOutput {
  /** The frame (160 bytes of G.711 in `law`) to send this tick; null sends silence. */
  frame(law: G711Law): Uint8Array | null;
  /** Someone else sends for this call every tick (a room mixer): the clock sends nothing. */
  readonly driven?: boolean;
  /** This output was replaced by another one, or the call's media closed. */
  detached?(): void;
}

/** Where the caller's audio goes. */
export interface MediaTap {
  /** One received audio packet: as sent (G.711 in `law`) and decoded (`pcm[0..count)`). */
  onAudio(packet: RtpPacket, law: G711Law, pcm: Int16Array, count: number): void;
}

interface CallMediaEvents {
  dtmf: [DtmfDigit, DtmfSource];
}

export class CallMedia extends EventEmitter<CallMediaEvents> {
  private negotiated: NegotiatedAudio | null = null;
  private out: MediaOutput | null = null;
  private readonly taps = new Set<MediaTap>();
  private readonly pcmIn = new Int16Array(1024);
  private readonly silence: Record<G711Law, Uint8Array> = {
    PCMU: new Uint8Array(N).fill(G711_SILENCE.PCMU),
    PCMA: new Uint8Array(N).fill(G711_SILENCE.PCMA),
  };
  private readonly dtmf: DtmfDetector;
  private unsubscribeClock: (() => void) | null = null;
  private dtmfOut: { event: number; sent: number; ticks: number } | null = null;
  private readonly dtmfQueue: DtmfDigit[] = [];
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

  get law(): G711Law {
    return this.negotiated?.codec.name ?? "PCMU";
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Applies a (re-)negotiation: remote address, codec, direction. Starts the clock. */
  apply(n: NegotiatedAudio): void {
    this.negotiated = n;
    this.leg.setRemote(n.remoteAddress, n.remotePort);
    if (!this.unsubscribeClock && !this.closed)
      this.unsubscribeClock = this.clock.subscribe(() => this.onTick());
  }

  get output(): MediaOutput | null {
    return this.out;
  }

  /** Makes `output` what the caller hears (the previous one is told it was detached). */
  setOutput(output: MediaOutput | null): void {
    if (this.out === output) return;
    const previous = this.out;
    this.out = this.closed ? null : output;
    previous?.detached?.();
  }

  /** Detaches `output` if it is still the current one. */
  clearOutput(output: MediaOutput): void {
    if (this.out === output) this.setOutput(null);
  }

  /** Sends the caller's audio to `tap` too; returns the function that removes it. */
  addTap(tap: MediaTap): () => void {
    if (this.closed) return () => {};
    this.taps.add(tap);
    return () => this.taps.delete(tap);
  }

  get tapCount(): number {
    return this.taps.size;
  }

  /**
   * Plays `source` as the output until it ends ("done"), or it is replaced, `signal` aborts
   * or the call ends ("stopped").
   */
  play(source: FrameSource, signal?: AbortSignal): Promise<"done" | "stopped"> {
    if (this.closed || signal?.aborted) return Promise.resolve("stopped");
    return new Promise((resolve) => {
      const pcm = new Int16Array(N);
      const g711 = new Uint8Array(N);
      let settled = false;
      const finish = (how: "done" | "stopped") => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        this.clearOutput(player);
        resolve(how);
      };
      const onAbort = () => finish("stopped");
      const player: MediaOutput = {
        frame: (law) => {
          if (settled) return null;
          if (!source.next(pcm)) {
            finish("done");
            return null;
          }
          encodeG711(law, pcm, g711);
          return g711;
        },
        detached: () => finish("stopped"),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.setOutput(player);
    });
  }

  /** Sends a frame now (for drivers such as a room mixer: they call this every tick). */
  sendFrame(g711: Uint8Array): void {
    const n = this.negotiated;
    if (!n || this.closed) return;
    if (this.sendingDtmf()) return;
    if (!n.send) {
      this.leg.skip(N);
      return;
    }
    this.leg.send(n.codec.pt, g711, N);
  }

  /**
   * Sends a key press to the caller as RFC 4733 events (when negotiated; 100 ms, then three
   * end packets). Returns false when the peer takes no events.
   */
  sendDtmf(digit: DtmfDigit): boolean {
    if (this.negotiated?.telephoneEventPt === undefined || this.closed) return false;
    this.dtmfQueue.push(digit);
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribeClock?.();
    this.unsubscribeClock = null;
    this.setOutput(null);
    this.taps.clear();
    this.leg.close();
    this.removeAllListeners();
  }

  private onTick(): void {
    const n = this.negotiated;
    if (!n || this.closed) return;
    const out = this.out;
    if (out?.driven) {
      // The driver sends; a pending key press still goes out on the clock.
      this.sendingDtmf();
      return;
    }
    const frame = out?.frame(n.codec.name) ?? null;
    this.sendFrame(frame ?? this.silence[n.codec.name]);
  }

  /** Sends the current DTMF event packet instead of audio; true while one is going out. */
  private sendingDtmf(): boolean {
    const pt = this.negotiated?.telephoneEventPt;
    if (pt === undefined) return false;
    if (!this.dtmfOut) {
      const next = this.dtmfQueue.shift();
      if (next === undefined) return false;
      this.dtmfOut = { event: digitToEvent(next), sent: 0, ticks: 5 };
    }
    const d = this.dtmfOut;
    d.sent++;
    const end = d.sent > d.ticks;
    const payload = buildTelephoneEvent({
      event: d.event,
      end,
      volume: 10,
      duration: Math.min(d.sent, d.ticks) * N,
    });
    // One timestamp for the whole event; the audio clock moves on only after it.
    this.leg.send(pt, payload, 0, d.sent === 1);
    if (d.sent >= d.ticks + 3) {
      this.leg.skip(N * d.sent);
      this.dtmfOut = null;
    }
    return true;
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
    for (const tap of this.taps) tap.onAudio(p, n.codec.name, this.pcmIn, count);
  }
}
