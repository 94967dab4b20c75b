/**
 * Records what the caller says into a WAV file (8 kHz, 16-bit mono) on disk: stops at the
 * maximum length, after `silenceMs` of silence (trailing silence is cut off), when `signal`
 * aborts (a finish key, a hangup), and returns what was written. A recording with no speech
 * at all is deleted and reported as null.
 */
import { type FileHandle, open, rm } from "node:fs/promises";
import type { CallMedia } from "./CallMedia";

export interface RecordingOptions {
  path: string;
  maxMs: number;
  /** 0 = never stop on silence. */
  silenceMs: number;
  /** RMS (of 32768) above which a frame counts as speech (default 300). */
  speechLevel?: number;
}

export interface Recording {
  path: string;
  durationMs: number;
  bytes: number;
}

const RATE = 8000;

export function wavHeader(dataBytes: number): Uint8Array {
  const h = new DataView(new ArrayBuffer(44));
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) h.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, "RIFF");
  h.setUint32(4, 36 + dataBytes, true);
  text(8, "WAVE");
  text(12, "fmt ");
  h.setUint32(16, 16, true);
  h.setUint16(20, 1, true);
  h.setUint16(22, 1, true);
  h.setUint32(24, RATE, true);
  h.setUint32(28, RATE * 2, true);
  h.setUint16(32, 2, true);
  h.setUint16(34, 16, true);
  text(36, "data");
  h.setUint32(40, dataBytes, true);
  return new Uint8Array(h.buffer);
}

export async function recordCaller(
  media: CallMedia,
  o: RecordingOptions,
  signal: AbortSignal,
): Promise<Recording | null> {
  const file: FileHandle = await open(o.path, "w");
  const level = o.speechLevel ?? 300;
  let samples = 0;
  let lastSpeech = -1;
  let silentSince = 0;
  let writing = Promise.resolve();
  let onSpeech = () => {};
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  try {
    await file.write(wavHeader(0), 0, 44, 0);
    const maxSamples = (o.maxMs * RATE) / 1000;
    const silenceSamples = (o.silenceMs * RATE) / 1000;
    const removeTap = media.addTap({
      onAudio: (_p, _law, pcm, count) => {
        if (samples >= maxSamples) return;
        const n = Math.min(count, maxSamples - samples);
        let energy = 0;
        for (let i = 0; i < n; i++) energy += (pcm[i] as number) * (pcm[i] as number);
        const speech = Math.sqrt(energy / Math.max(1, n)) > level;
        const chunk = Buffer.from(Int16Array.from(pcm.subarray(0, n)).buffer);
        const at = 44 + samples * 2;
        writing = writing.then(() => file.write(chunk, 0, chunk.length, at).then(() => {}));
        samples += n;
        if (speech) {
          lastSpeech = samples;
          silentSince = samples;
          onSpeech();
        }
        if (samples >= maxSamples) stop();
        else if (silenceSamples > 0 && samples - silentSince >= silenceSamples) stop();
      },
    });
    const timer = setTimeout(stop, o.maxMs + 1000);
    // Phones with voice activity detection send nothing while silent: count time, not packets.
    let quiet: NodeJS.Timeout | undefined;
    const armQuiet = () => {
      if (o.silenceMs <= 0) return;
      clearTimeout(quiet);
      quiet = setTimeout(stop, o.silenceMs);
    };
    armQuiet();
    onSpeech = armQuiet;
    const onAbort = () => stop();
    signal.addEventListener("abort", onAbort, { once: true });
    if (signal.aborted || media.isClosed) stop();
    await stopped;
    clearTimeout(timer);
    clearTimeout(quiet);
    signal.removeEventListener("abort", onAbort);
    removeTap();
    await writing;
    if (lastSpeech < 0) {
      await file.close();
      await rm(o.path, { force: true });
      return null;
    }
    // Keep 200 ms after the last speech; cut the silence that ended the recording.
    const kept = Math.min(samples, lastSpeech + RATE / 5);
    await file.truncate(44 + kept * 2);
    await file.write(wavHeader(kept * 2), 0, 44, 0);
    await file.close();
    return { path: o.path, durationMs: Math.round((kept * 1000) / RATE), bytes: 44 + kept * 2 };
  } catch (err) {
    await file.close().catch(() => {});
    await rm(o.path, { force: true });
    throw err;
  }
}
