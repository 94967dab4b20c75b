/** WAV files in and out: 8 kHz mono prompts (µ-law, A-law or 16-bit PCM), recordings. */
import alawmulaw from "alawmulaw";

// Its package ships a UMD bundle as "main": Node sees only a default export.
const { alaw, mulaw } = alawmulaw;

export function decodeWav(buf: Uint8Array): Int16Array {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tag = (o: number) => String.fromCharCode(buf[o]!, buf[o + 1]!, buf[o + 2]!, buf[o + 3]!);
  if (buf.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a WAV file");
  let format = 0;
  let channels = 0;
  let rate = 0;
  let bits = 0;
  let o = 12;
  while (o + 8 <= buf.length) {
    const id = tag(o);
    const size = v.getUint32(o + 4, true);
    const body = o + 8;
    if (id === "fmt ") {
      format = v.getUint16(body, true);
      channels = v.getUint16(body + 2, true);
      rate = v.getUint32(body + 4, true);
      bits = v.getUint16(body + 14, true);
    } else if (id === "data") {
      if (rate !== 8000 || channels !== 1)
        throw new Error(`WAV must be 8 kHz mono (got ${rate} Hz, ${channels} ch)`);
      const data = buf.subarray(body, Math.min(buf.length, body + size));
      if (format === 7 || format === 6) {
        return format === 7 ? mulaw.decode(data) : alaw.decode(data);
      }
      if (format === 1 && bits === 16) {
        const out = new Int16Array(data.length >> 1);
        for (let i = 0; i < out.length; i++) out[i] = v.getInt16(body + 2 * i, true);
        return out;
      }
      throw new Error(`unsupported WAV format ${format}/${bits} bits`);
    }
    o = body + size + (size & 1);
  }
  throw new Error("WAV without data chunk");
}

/** Writes mono 16-bit PCM WAV (8 kHz by default: recordings, prompts for browsers). */
export function encodeWavPcm16(pcm: Int16Array, rate = 8000): Uint8Array {
  const out = new Uint8Array(44 + pcm.length * 2);
  const v = new DataView(out.buffer);
  const put = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) out[o + i] = s.charCodeAt(i);
  };
  put(0, "RIFF");
  v.setUint32(4, 36 + pcm.length * 2, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, "data");
  v.setUint32(40, pcm.length * 2, true);
  for (let i = 0; i < pcm.length; i++) v.setInt16(44 + 2 * i, pcm[i]!, true);
  return out;
}
