/** Prompt audio: the committed WAVs in packages/gateway/prompts, decoded once at start. */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { FrameSource } from "../call/CallMedia";
import { decodeWav } from "./wav";

export const DEFAULT_PROMPTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../prompts");

const promptsFile = z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().min(1));

/** Plays samples 160 at a time (pads the last frame with silence). */
export class PcmPlayer implements FrameSource {
  private pos = 0;
  constructor(private readonly pcm: Int16Array) {}
  next(out: Int16Array): boolean {
    if (this.pos >= this.pcm.length) return false;
    const n = Math.min(out.length, this.pcm.length - this.pos);
    out.set(this.pcm.subarray(this.pos, this.pos + n));
    if (n < out.length) out.fill(0, n);
    this.pos += n;
    return true;
  }
}

export class PromptLibrary {
  private constructor(
    private readonly audio: Map<string, Int16Array>,
    readonly texts: Record<string, string>,
  ) {}

  /** Loads every prompt listed in `<dir>/prompts.json` from `<dir>/<name>.wav`. */
  static async load(dir = DEFAULT_PROMPTS_DIR): Promise<PromptLibrary> {
    const texts = promptsFile.parse(JSON.parse(await readFile(join(dir, "prompts.json"), "utf8")));
    const audio = new Map<string, Int16Array>();
    for (const name of Object.keys(texts)) {
      audio.set(name, decodeWav(new Uint8Array(await readFile(join(dir, `${name}.wav`)))));
    }
    return new PromptLibrary(audio, texts);
  }

  /** For tests: prompts from samples. */
  static fromSamples(entries: Record<string, Int16Array>): PromptLibrary {
    return new PromptLibrary(new Map(Object.entries(entries)), {});
  }

  has(name: string): boolean {
    return this.audio.has(name);
  }

  player(name: string): FrameSource {
    const pcm = this.audio.get(name);
    if (!pcm) throw new Error(`unknown prompt: ${name}`);
    return new PcmPlayer(pcm);
  }

  durationMs(name: string): number {
    return ((this.audio.get(name)?.length ?? 0) / 8000) * 1000;
  }
}
