/**
 * Mixes a room for its phone legs every 20 ms tick:
 * - each room speaker's Opus packet is decoded ONCE per tick (to 8 kHz), shared by all legs;
 * - phone legs' own G.711 audio is mixed too when it carries voice (energy gate);
 * - each leg gets mix-minus: everything except its own audio (and its own room speaker, if
 *   its audio also comes back from the room), clipped to int16 and G.711-encoded.
 * Legs that contributed nothing this tick hear the same full mix: it is encoded once per law
 * and shared. All buffers are preallocated: the tick allocates nothing except what the
 * native Opus binding returns.
 */
import { decodeG711, encodeG711FromMix, type G711Law } from "../codec/g711";
import { OpusTo8k, SAMPLES_PER_FRAME_8K } from "../codec/opus";
import { JitterBuffer } from "../rtp/JitterBuffer";
import type { RtpPacket } from "../rtp/packet";
import type { RoomAudioSource } from "./types";

const N = SAMPLES_PER_FRAME_8K;

export interface MixerLegOptions {
  id: string;
  law: G711Law;
  /** The room speaker that is this leg's own voice coming back (never mixed for it). */
  ownSpeakerId?: string;
  /** Receives the leg's 160-byte G.711 frame each tick (the buffer is reused: send it now). */
  output: (g711: Uint8Array) => void;
}

interface Speaker {
  id: string;
  jitter: JitterBuffer;
  decoder: OpusTo8k;
  pcm: Int16Array;
  active: boolean;
  lastHeard: number;
}

interface Leg extends MixerLegOptions {
  jitter: JitterBuffer;
  pcm: Int16Array;
  out: Uint8Array;
  contributing: boolean;
  ownSpeaker: Speaker | undefined;
}

export interface MixerTickTimings {
  decodeNs: number;
  mixNs: number;
  encodeNs: number;
}

export interface RoomMixerOptions {
  /** Leg audio below this mean absolute amplitude is not mixed (default 64 ≈ −54 dBFS). */
  voiceThreshold?: number;
  /** Forget a speaker silent for this many ticks (default 500 = 10 s). */
  speakerIdleTicks?: number;
  /** Benchmark: encode every leg separately even when it could share the full mix. */
  forcePerLegMix?: boolean;
}

export class RoomMixer {
  private readonly speakers = new Map<string, Speaker>();
  private readonly legs = new Map<string, Leg>();
  private legList: Leg[] = [];
  private readonly total = new Int32Array(N);
  private readonly minusScratch = new Int32Array(N);
  private readonly shared: Record<G711Law, Uint8Array> = {
    PCMU: new Uint8Array(N),
    PCMA: new Uint8Array(N),
  };
  private tickCount = 0;
  private readonly unsubscribers: (() => void)[] = [];
  readonly timings: MixerTickTimings = { decodeNs: 0, mixNs: 0, encodeNs: 0 };
  /** Set to measure time shares (adds a few hrtime calls per tick). */
  measure = false;

  constructor(private readonly opts: RoomMixerOptions = {}) {}

  /** Plugs a room's speakers in. */
  attachSource(source: RoomAudioSource): void {
    this.unsubscribers.push(
      source.subscribe((speakerId, p) =>
        this.pushSpeakerPacket(speakerId, p.sequenceNumber, p.timestamp, p.payload),
      ),
    );
  }

  pushSpeakerPacket(speakerId: string, seq: number, timestamp: number, opus: Uint8Array): void {
    let s = this.speakers.get(speakerId);
    if (!s) {
      s = {
        id: speakerId,
        jitter: new JitterBuffer(16, 2, 1500),
        decoder: new OpusTo8k(),
        pcm: new Int16Array(N),
        active: false,
        lastHeard: this.tickCount,
      };
      this.speakers.set(speakerId, s);
      for (const l of this.legList) if (l.ownSpeakerId === speakerId) l.ownSpeaker = s;
    }
    s.lastHeard = this.tickCount;
    s.jitter.push(seq, timestamp, 111, opus);
  }

  addLeg(o: MixerLegOptions): void {
    const leg: Leg = {
      ...o,
      jitter: new JitterBuffer(16, 2, 512),
      pcm: new Int16Array(N),
      out: new Uint8Array(N),
      contributing: false,
      ownSpeaker: o.ownSpeakerId ? this.speakers.get(o.ownSpeakerId) : undefined,
    };
    this.legs.set(o.id, leg);
    this.legList = [...this.legs.values()];
  }

  removeLeg(id: string): void {
    if (this.legs.delete(id)) this.legList = [...this.legs.values()];
  }

  /** A leg's received G.711 RTP payload (160 bytes for 20 ms). */
  pushLegPacket(id: string, seq: number, timestamp: number, g711: Uint8Array): void {
    this.legs.get(id)?.jitter.push(seq, timestamp, 0, g711);
  }

  get legCount(): number {
    return this.legs.size;
  }

  get speakerCount(): number {
    return this.speakers.size;
  }

  close(): void {
    for (const u of this.unsubscribers.splice(0)) u();
    this.legs.clear();
    this.legList = [];
    this.speakers.clear();
  }

  /** One 20 ms step: decode, mix, mix-minus, encode, output. */
  tick(): void {
    this.tickCount++;
    const measure = this.measure;
    let t0 = measure ? process.hrtime.bigint() : 0n;
    const total = this.total;
    total.fill(0);
    const idle = this.opts.speakerIdleTicks ?? 500;
    // 1. Each speaker decoded once.
    for (const s of this.speakers.values()) {
      const f = s.jitter.pop();
      if (f) {
        s.active = s.decoder.decode(f.payload.subarray(0, f.length), s.pcm) > 0;
      } else {
        s.active = false;
        if (this.tickCount - s.lastHeard > idle) {
          this.speakers.delete(s.id);
          for (const l of this.legList) if (l.ownSpeaker === s) l.ownSpeaker = undefined;
        }
      }
    }
    let t1 = measure ? process.hrtime.bigint() : 0n;
    if (measure) this.timings.decodeNs += Number(t1 - t0);
    // 2. Sum speakers and voiced legs.
    for (const s of this.speakers.values()) {
      if (!s.active) continue;
      const p = s.pcm;
      for (let i = 0; i < N; i++) total[i]! += p[i]!;
    }
    const threshold = (this.opts.voiceThreshold ?? 64) * N;
    for (const l of this.legList) {
      l.contributing = false;
      const f = l.jitter.pop();
      if (!f) continue;
      decodeG711(l.law, f.payload, l.pcm, 0, Math.min(N, f.length));
      const p = l.pcm;
      let e = 0;
      for (let i = 0; i < N; i++) e += p[i]! < 0 ? -p[i]! : p[i]!;
      if (e < threshold) continue;
      l.contributing = true;
      for (let i = 0; i < N; i++) total[i]! += p[i]!;
    }
    t0 = measure ? process.hrtime.bigint() : 0n;
    if (measure) this.timings.mixNs += Number(t0 - t1);
    // 3. Shared full mix per law, then per-leg mix-minus where needed.
    const force = this.opts.forcePerLegMix === true;
    let sharedU = false;
    let sharedA = false;
    for (const l of this.legList) {
      const own = l.ownSpeaker?.active ? l.ownSpeaker.pcm : null;
      if (!force && !l.contributing && !own) {
        if (l.law === "PCMU" && !sharedU) {
          encodeG711FromMix("PCMU", total, null, this.shared.PCMU, 0, N);
          sharedU = true;
        } else if (l.law === "PCMA" && !sharedA) {
          encodeG711FromMix("PCMA", total, null, this.shared.PCMA, 0, N);
          sharedA = true;
        }
        l.output(this.shared[l.law]);
        continue;
      }
      if (l.contributing && own) {
        const p = l.pcm;
        const both = this.minusScratch;
        for (let i = 0; i < N; i++) both[i] = p[i]! + own[i]!;
        encodeG711FromMix(l.law, total, both, l.out, 0, N);
      } else {
        encodeG711FromMix(l.law, total, l.contributing ? l.pcm : own, l.out, 0, N);
      }
      l.output(l.out);
    }
    t1 = measure ? process.hrtime.bigint() : 0n;
    if (measure) this.timings.encodeNs += Number(t1 - t0);
  }
}

export type { RtpPacket };
