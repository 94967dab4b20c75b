/** An echo test: the caller hears themselves (through a small jitter buffer). */
import type { G711Law } from "../codec/g711";
import { JitterBuffer } from "../rtp/JitterBuffer";
import type { CallMedia, MediaOutput } from "./CallMedia";

/** Echoes until `signal` aborts or another output replaces it. */
export function echo(media: CallMedia, signal: AbortSignal): Promise<void> {
  if (signal.aborted || media.isClosed) return Promise.resolve();
  return new Promise((resolve) => {
    const buffer = new JitterBuffer(16, 3, 512);
    const removeTap = media.addTap({
      onAudio: (p) => buffer.push(p.sequenceNumber, p.timestamp, p.payloadType, p.payload),
    });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      removeTap();
      signal.removeEventListener("abort", finish);
      media.clearOutput(output);
      resolve();
    };
    const output: MediaOutput = {
      frame: (_law: G711Law) => {
        const f = buffer.pop();
        return f ? f.payload.subarray(0, f.length) : null;
      },
      detached: finish,
    };
    signal.addEventListener("abort", finish, { once: true });
    media.setOutput(output);
  });
}
