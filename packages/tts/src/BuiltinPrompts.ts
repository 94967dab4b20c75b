/**
 * The prompts that ship with Switchboard (packages/tts/prompts: 8 kHz WAVs made by
 * scripts/build-prompts.sh from prompts.json and committed), available to flows as files
 * by name ("welcome", "enter-pin", "invalid-pin", "goodbye"): the gateway plays them, the
 * dashboard's simulator fetches them.
 */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { decodeWav } from "./wav";

export const DEFAULT_PROMPTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../prompts");

const promptsFile = z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().min(1));

export class BuiltinPrompts {
  private constructor(
    private readonly audio: Map<string, Int16Array>,
    /** What each prompt says. */
    readonly texts: Record<string, string>,
  ) {}

  /** Loads every prompt listed in `<dir>/prompts.json` from `<dir>/<name>.wav`. */
  static async load(dir = DEFAULT_PROMPTS_DIR): Promise<BuiltinPrompts> {
    const texts = promptsFile.parse(JSON.parse(await readFile(join(dir, "prompts.json"), "utf8")));
    const audio = new Map<string, Int16Array>();
    for (const name of Object.keys(texts))
      audio.set(name, decodeWav(new Uint8Array(await readFile(join(dir, `${name}.wav`)))));
    return new BuiltinPrompts(audio, texts);
  }

  /** For tests: prompts from samples. */
  static fromSamples(entries: Record<string, Int16Array>): BuiltinPrompts {
    return new BuiltinPrompts(new Map(Object.entries(entries)), {});
  }

  get(name: string): Int16Array | null {
    return this.audio.get(name) ?? null;
  }

  get names(): string[] {
    return [...this.audio.keys()];
  }
}
