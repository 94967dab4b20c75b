/** Voicemail recordings (the `record` step): the WAV the recorder wrote goes into the database. */
import { readFile, rm } from "node:fs/promises";
import { type Db, saveVoicemail } from "@switchboard/db";
import { callInfo, type RecordingStore } from "@switchboard/gateway";
import type { Logger } from "pino";

export function voicemailStore(db: Db, log: Logger): RecordingStore {
  return {
    async save(rec, mailbox, call) {
      try {
        const wav = new Uint8Array(await readFile(rec.path));
        const info = callInfo(call);
        const saved = await saveVoicemail(db, {
          mailbox,
          callerNumber: info.caller || "anonymous",
          calledNumber: info.called,
          durationMs: rec.durationMs,
          wav,
        });
        log.info({ mailbox, id: saved.id, ms: rec.durationMs }, "voicemail saved");
        return saved.id;
      } finally {
        await rm(rec.path, { force: true });
      }
    },
  };
}
