/** Frame sources for the media graph: clips in sequence (looped or not) and generated tones. */
import type { Tone } from "@switchboard/flows";
import type { FrameSource } from "./CallMedia";

/** Plays samples 160 at a time (pads the last frame with silence). */
export class PcmPlayer implements FrameSource {
  private pos = 0;
  constructor(private readonly pcm: Int16Array) {}
  next(out: Int16Array): boolean {
    if (this.pos >= this.pcm.length) return false;
    const n = Math.min(out.length, this.pcm.length - this.pos);
    out.set(this.pcm.subarray(this.pos, this.pos + n));
    if (n < out.length) out.fill(0, n);
    this.pos += n;
    return true;
  }
}

/** Clips one after another, the whole list `loops` times (0 = forever). */
export class ClipSequence implements FrameSource {
  private clip = 0;
  private pos = 0;
  private round = 0;

  constructor(
    private readonly clips: readonly Int16Array[],
    private readonly loops = 1,
  ) {}

  next(out: Int16Array): boolean {
    const total = this.clips.reduce((n, c) => n + c.length, 0);
    if (total === 0) return false;
    let filled = 0;
    while (filled < out.length) {
      if (this.clip >= this.clips.length) {
        this.round++;
        if (this.loops !== 0 && this.round >= this.loops) break;
        this.clip = 0;
        this.pos = 0;
      }
      const c = this.clips[this.clip] as Int16Array;
      const n = Math.min(out.length - filled, c.length - this.pos);
      out.set(c.subarray(this.pos, this.pos + n), filled);
      filled += n;
      this.pos += n;
      if (this.pos >= c.length) {
        this.clip++;
        this.pos = 0;
      }
    }
    if (filled === 0) return false;
    if (filled < out.length) out.fill(0, filled);
    return true;
  }
}

const RATE = 8000;

/** Two sine waves on/off in a cadence; `cycles` times (0 = forever). */
class ToneSource implements FrameSource {
  private t = 0;
  private readonly period: number;

  constructor(
    private readonly freqs: readonly number[],
    private readonly onMs: number,
    offMs: number,
    private readonly cycles: number,
    private readonly amplitude = 6000,
  ) {
    this.period = ((onMs + offMs) * RATE) / 1000;
  }

  next(out: Int16Array): boolean {
    if (this.cycles !== 0 && this.t >= this.period * this.cycles) return false;
    const on = (this.onMs * RATE) / 1000;
    for (let i = 0; i < out.length; i++, this.t++) {
      if (this.t % this.period >= on) {
        out[i] = 0;
        continue;
      }
      let v = 0;
      for (const f of this.freqs) v += Math.sin((2 * Math.PI * f * this.t) / RATE);
      out[i] = Math.round((v / this.freqs.length) * this.amplitude);
    }
    return true;
  }
}

/**
 * The tones a flow can play: a voicemail beep (1 kHz, 400 ms), ringback and busy in the
 * North American cadences (440+480 Hz 2 s on 4 s off; 480+620 Hz 0.5 s on/off).
 */
export function toneSource(tone: Tone, loops = 1): FrameSource {
  switch (tone) {
    case "beep":
      return new ToneSource([1000], 400, 100, loops);
    case "ringback":
      return new ToneSource([440, 480], 2000, 4000, loops);
    case "busy":
      return new ToneSource([480, 620], 500, 500, loops === 0 ? 0 : loops * 4);
  }
}

/** Sources one after another (e.g. the prompts of a menu). */
export class SourceChain implements FrameSource {
  private i = 0;
  constructor(private readonly sources: FrameSource[]) {}
  next(out: Int16Array): boolean {
    while (this.i < this.sources.length) {
      if ((this.sources[this.i] as FrameSource).next(out)) return true;
      this.i++;
    }
    return false;
  }
}

const rendered = new Map<Tone, Int16Array>();

/** One cycle of a tone as samples (cached): loop it with ClipSequence. */
export function renderTone(tone: Tone): Int16Array {
  let pcm = rendered.get(tone);
  if (!pcm) {
    const src = toneSource(tone, 1);
    const frames: Int16Array[] = [];
    const f = new Int16Array(160);
    while (src.next(f)) frames.push(f.slice());
    pcm = new Int16Array(frames.length * 160);
    for (const [i, fr] of frames.entries()) pcm.set(fr, i * 160);
    rendered.set(tone, pcm);
  }
  return pcm;
}
