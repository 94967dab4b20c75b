/** The flow services that need nothing but the call itself: echo and voicemail recording. */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Echo, Recorder, RecordRequest } from "@switchboard/flows";
import type { Call } from "../Call";
import { echo } from "../media/Echo";
import { type Recording, recordCaller } from "../media/Recorder";

export function callEcho(call: Call): Echo {
  return { echo: (signal) => echo(call.media, signal) };
}

export interface RecordingStore {
  /** Keeps a finished recording (e.g. reads the file into the database); returns its id. */
  save(rec: Recording, mailbox: string, call: Call): Promise<string>;
}

/** Records into `dir` (one WAV per message), then hands the file to `store`. */
export function callRecorder(call: Call, o: { dir: string; store: RecordingStore }): Recorder {
  return {
    async record(req: RecordRequest, signal, keys) {
      const stop = new AbortController();
      const onAbort = () => stop.abort();
      signal.addEventListener("abort", onAbort, { once: true });
      if (req.finishOnKey) {
        const key = req.finishOnKey;
        void (async () => {
          while (!stop.signal.aborted) {
            const d = await keys.next(req.maxMs + 1000, stop.signal);
            if (d === key) stop.abort();
          }
        })();
      }
      try {
        const path = join(o.dir, `${Date.now()}-${randomBytes(6).toString("hex")}.wav`);
        const rec = await recordCaller(
          call.media,
          { path, maxMs: req.maxMs, silenceMs: req.silenceMs },
          stop.signal,
        );
        if (!rec) return null;
        const id = await o.store.save(rec, req.mailbox, call);
        return { id, durationMs: rec.durationMs };
      } finally {
        stop.abort();
        signal.removeEventListener("abort", onAbort);
      }
    },
  };
}
