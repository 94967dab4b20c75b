/**
 * Opus decoding straight to 8 kHz mono with npm `@evan/opus` (native prebuilt; its decoder
 * resamples internally when created at 8000 Hz). One decoder per speaker stream.
 */
import { Decoder, Encoder } from "@evan/opus";

export const SAMPLES_PER_FRAME_8K = 160;

export class OpusTo8k {
  private readonly decoder = new Decoder({ channels: 1, sample_rate: 8000 });

  /**
   * Decodes one packet into `out` (160 samples for 20 ms). Returns the sample count, 0 on a
   * corrupt packet (then `out` is zeroed). The native binding returns a fresh Uint8Array.
   */
  decode(packet: Uint8Array, out: Int16Array): number {
    let pcm: Uint8Array;
    try {
      pcm = this.decoder.decode(packet);
    } catch {
      out.fill(0);
      return 0;
    }
    const n = Math.min(out.length, pcm.length >> 1);
    if ((pcm.byteOffset & 1) === 0) out.set(new Int16Array(pcm.buffer, pcm.byteOffset, n));
    else for (let i = 0; i < n; i++) out[i] = ((pcm[2 * i]! | (pcm[2 * i + 1]! << 8)) << 16) >> 16;
    if (n < out.length) out.fill(0, n);
    return n;
  }
}

/** 48 kHz mono Opus encoder (test peers, benchmark speakers). */
export class OpusEncoder48k {
  private readonly encoder = new Encoder({ channels: 1, sample_rate: 48000, application: "voip" });

  encode(pcm48k: Int16Array): Uint8Array {
    return this.encoder.encode(pcm48k);
  }
}
