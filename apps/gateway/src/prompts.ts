/**
 * The gateway's prompt audio: typed text from the database's speech cache (the dashboard
 * fills it when a flow is saved; spoken here with espeak-ng and stored on first use
 * otherwise), files uploaded in the dashboard, then the built-in prompts.
 */
import { audioFileSamples, cachedPrompt, cachePrompt, type Db } from "@switchboard/db";
import { BuiltinPrompts, PromptAudio } from "@switchboard/gateway";
import { promptKey, synthesize } from "@switchboard/tts";
import type { Logger } from "pino";

/** A small LRU of decoded audio, so a busy menu does not read the database per call. */
class AudioCache {
  private readonly entries = new Map<string, Int16Array>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}
  get(key: string): Int16Array | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }
  set(key: string, v: Int16Array): void {
    this.entries.delete(key);
    this.entries.set(key, v);
    this.bytes += v.byteLength;
    for (const [k, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= old.byteLength;
    }
  }
  delete(key: string): void {
    const v = this.entries.get(key);
    if (v) this.bytes -= v.byteLength;
    this.entries.delete(key);
  }
}

export async function gatewayPrompts(db: Db, log: Logger): Promise<PromptAudio> {
  const builtins = await BuiltinPrompts.load();
  const cache = new AudioCache(64 * 1024 * 1024);
  const speaking = new Map<string, Promise<Int16Array>>();
  return new PromptAudio({
    files: {
      async get(name) {
        // Uploads change: look them up each time (cached briefly), then the built-ins.
        const key = `file:${name}`;
        const hit = cache.get(key);
        if (hit) return hit;
        const uploaded = await audioFileSamples(db, name);
        if (uploaded) {
          cache.set(key, uploaded);
          setTimeout(() => cache.delete(key), 30_000).unref();
          return uploaded;
        }
        return builtins.get(name);
      },
    },
    speech: {
      async speak(text, voice) {
        const key = promptKey(text, voice);
        const hit = cache.get(key);
        if (hit) return hit;
        let pending = speaking.get(key);
        if (!pending) {
          pending = (async () => {
            const stored = await cachedPrompt(db, key);
            if (stored) return stored;
            log.info({ key, voice }, "speaking a prompt not in the cache");
            const pcm = await synthesize(text, voice);
            await cachePrompt(db, { key, text, voice, pcm }).catch((err: unknown) =>
              log.warn({ err }, "could not store a spoken prompt"),
            );
            return pcm;
          })().finally(() => speaking.delete(key));
          speaking.set(key, pending);
        }
        const pcm = await pending;
        cache.set(key, pcm);
        return pcm;
      },
    },
  });
}
