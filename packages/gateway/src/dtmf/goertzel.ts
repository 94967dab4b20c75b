/**
 * In-band DTMF detection (fallback when the peer sends tones in the audio): Goertzel filters
 * over 205-sample blocks at 8 kHz for the 8 DTMF frequencies, with energy, dominance and twist
 * checks, and debounce (a digit must hold for 2 blocks ≈ 51 ms and is reported once until the
 * tone stops).
 */
import type { DtmfDigit } from "./rfc4733";

const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477, 1633];
const KEYS: DtmfDigit[][] = [
  ["1", "2", "3", "A"],
  ["4", "5", "6", "B"],
  ["7", "8", "9", "C"],
  ["*", "0", "#", "D"],
];
export const GOERTZEL_BLOCK = 205;
const RATE = 8000;
const COEFFS = [...ROWS, ...COLS].map((f) => 2 * Math.cos((2 * Math.PI * f) / RATE));

export interface GoertzelOptions {
  /** Minimum amplitude of each tone (int16 units; default 400 ≈ −38 dBFS). */
  minAmplitude?: number;
  /** Share of the block's energy the two tones must hold (default 0.6). */
  minToneShare?: number;
  /** Max row/column power ratio in dB: normal twist (row louder) 8, reverse 4. */
  normalTwistDb?: number;
  reverseTwistDb?: number;
  /** Blocks a digit must hold before it is reported (default 2). */
  holdBlocks?: number;
}

export class GoertzelDetector {
  private readonly block = new Float64Array(GOERTZEL_BLOCK);
  private readonly power = new Float64Array(8);
  private filled = 0;
  private candidate: DtmfDigit | null = null;
  private held = 0;
  private reported: DtmfDigit | null = null;
  private readonly minPower: number;
  private readonly minShare: number;
  private readonly normalTwist: number;
  private readonly reverseTwist: number;
  private readonly holdBlocks: number;

  constructor(o: GoertzelOptions = {}) {
    const a = o.minAmplitude ?? 400;
    this.minPower = ((a * GOERTZEL_BLOCK) / 2) ** 2 * 0.5; // allow bin mismatch loss
    this.minShare = o.minToneShare ?? 0.6;
    this.normalTwist = 10 ** ((o.normalTwistDb ?? 8) / 10);
    this.reverseTwist = 10 ** ((o.reverseTwistDb ?? 4) / 10);
    this.holdBlocks = o.holdBlocks ?? 2;
  }

  /** Feeds samples; calls `onDigit` once per detected key press. */
  push(pcm: Int16Array, onDigit: (d: DtmfDigit) => void, count = pcm.length): void {
    for (let i = 0; i < count; i++) {
      this.block[this.filled++] = pcm[i]!;
      if (this.filled === GOERTZEL_BLOCK) {
        this.filled = 0;
        const d = this.analyze();
        if (d !== null && d === this.candidate) this.held++;
        else {
          this.candidate = d;
          this.held = d === null ? 0 : 1;
        }
        if (d === null) this.reported = null;
        else if (this.held >= this.holdBlocks && this.reported !== d) {
          this.reported = d;
          onDigit(d);
        }
      }
    }
  }

  /** The digit present in the current block, or null. */
  private analyze(): DtmfDigit | null {
    const x = this.block;
    let energy = 0;
    for (let i = 0; i < GOERTZEL_BLOCK; i++) energy += x[i]! * x[i]!;
    if (energy === 0) return null;
    for (let k = 0; k < 8; k++) {
      const c = COEFFS[k]!;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < GOERTZEL_BLOCK; i++) {
        const s = x[i]! + c * s1 - s2;
        s2 = s1;
        s1 = s;
      }
      this.power[k] = s1 * s1 + s2 * s2 - c * s1 * s2;
    }
    const p = this.power;
    let r = 0;
    let c = 4;
    for (let k = 1; k < 4; k++) if (p[k]! > p[r]!) r = k;
    for (let k = 5; k < 8; k++) if (p[k]! > p[c]!) c = k;
    const pr = p[r]!;
    const pc = p[c]!;
    if (pr < this.minPower || pc < this.minPower) return null;
    // Twist: the row (low) tone may be louder by 8 dB, the column tone by 4 dB.
    if (pr > pc * this.normalTwist || pc > pr * this.reverseTwist) return null;
    // Each tone must dominate its group (6 dB over the runner-up).
    for (let k = 0; k < 4; k++) if (k !== r && p[k]! * 4 > pr) return null;
    for (let k = 4; k < 8; k++) if (k !== c && p[k]! * 4 > pc) return null;
    // The two tones must carry most of the block's energy (speech and noise do not).
    const toneEnergy = (2 * (pr + pc)) / GOERTZEL_BLOCK;
    if (toneEnergy < this.minShare * energy) return null;
    return KEYS[r]![c - 4]!;
  }
}
