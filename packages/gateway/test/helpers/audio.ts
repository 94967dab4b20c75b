/** Hearing tests: how much of a signal's energy sits at one frequency (Goertzel). */
import { execFileSync } from "node:child_process";

/** Energy share (0..1) of `freq` in `pcm`, over 20 ms blocks that are not silent. */
export function toneShare(pcm: Int16Array, freq: number, rate = 8000): number {
  const n = Math.round(rate / 50);
  const k = Math.round((n * freq) / rate);
  const w = (2 * Math.PI * k) / n;
  const coeff = 2 * Math.cos(w);
  let atFreq = 0;
  let total = 0;
  for (let start = 0; start + n <= pcm.length; start += n) {
    let s1 = 0;
    let s2 = 0;
    let energy = 0;
    for (let i = 0; i < n; i++) {
      const x = (pcm[start + i] as number) / 32768;
      energy += x * x;
      const s0 = x + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    if (energy < 1e-4 * n) continue;
    const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    atFreq += (2 * power) / n;
    total += energy;
  }
  return total === 0 ? 0 : Math.min(1, atFreq / total);
}

/** A µ-law WAV of a sine tone for SIPp's rtp_stream (made with sox). */
export function toneWav(path: string, freq: number, seconds: number): void {
  execFileSync("sox", [
    "-n",
    "-r",
    "8000",
    "-c",
    "1",
    "-e",
    "mu-law",
    "-t",
    "wav",
    path,
    "synth",
    String(seconds),
    "sine",
    String(freq),
    "vol",
    "0.5",
  ]);
}
