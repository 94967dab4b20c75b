/**
 * G.711 µ-law / A-law. npm `alawmulaw` is the reference (per-sample functions); its array
 * functions allocate a new array per call, so the hot path uses 64 Ki/256-entry lookup tables
 * built once from it and writes into caller-owned buffers.
 */
import alawmulaw from "alawmulaw";

// Its package ships a UMD bundle as "main": Node sees only a default export.
const { alaw, mulaw } = alawmulaw;

export type G711Law = "PCMU" | "PCMA";

const MULAW_ENC = new Uint8Array(65536);
const ALAW_ENC = new Uint8Array(65536);
const MULAW_DEC = new Int16Array(256);
const ALAW_DEC = new Int16Array(256);
for (let i = 0; i < 65536; i++) {
  const s = i < 32768 ? i : i - 65536;
  MULAW_ENC[i] = mulaw.encodeSample(s);
  ALAW_ENC[i] = alaw.encodeSample(s);
}
for (let i = 0; i < 256; i++) {
  MULAW_DEC[i] = mulaw.decodeSample(i);
  ALAW_DEC[i] = alaw.decodeSample(i);
}

/** The G.711 byte for digital silence. */
export const G711_SILENCE: Record<G711Law, number> = { PCMU: 0xff, PCMA: 0xd5 };

/** Encodes `pcm[0..count)` into `out` starting at `outOffset`. No allocation. */
export function encodeG711(
  law: G711Law,
  pcm: Int16Array,
  out: Uint8Array,
  outOffset = 0,
  count = pcm.length,
): void {
  const t = law === "PCMU" ? MULAW_ENC : ALAW_ENC;
  for (let i = 0; i < count; i++) out[outOffset + i] = t[pcm[i]! & 0xffff]!;
}

/** Decodes `g711[offset..offset+count)` into `out`. No allocation. */
export function decodeG711(
  law: G711Law,
  g711: Uint8Array,
  out: Int16Array,
  offset = 0,
  count = g711.length - offset,
): void {
  const t = law === "PCMU" ? MULAW_DEC : ALAW_DEC;
  for (let i = 0; i < count; i++) out[i] = t[g711[offset + i]!]!;
}

/** Encodes from a clamped Int32 mix buffer (mix-minus output) in one pass. */
export function encodeG711FromMix(
  law: G711Law,
  mix: Int32Array,
  minus: Int16Array | Int32Array | null,
  out: Uint8Array,
  outOffset: number,
  count: number,
): void {
  const t = law === "PCMU" ? MULAW_ENC : ALAW_ENC;
  if (minus) {
    for (let i = 0; i < count; i++) {
      const v = Math.max(-32768, Math.min(32767, mix[i]! - minus[i]!));
      out[outOffset + i] = t[v & 0xffff]!;
    }
  } else {
    for (let i = 0; i < count; i++) {
      const v = Math.max(-32768, Math.min(32767, mix[i]!));
      out[outOffset + i] = t[v & 0xffff]!;
    }
  }
}
