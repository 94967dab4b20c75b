/**
 * Turns a flow's prompts into audio: typed text through the speech cache (espeak-ng, made
 * when the flow was saved, or on first use), files by name (uploads, then the built-in
 * prompts), generated tones. A prompt that cannot be had is a typed error, not silence.
 */
import type { Prompt } from "@switchboard/flows";
import type { FrameSource } from "../media/CallMedia";
import { ClipSequence, renderTone } from "../media/players";

export interface AudioFiles {
  /** 8 kHz samples of the file with this name, or null. */
  get(name: string): Promise<Int16Array | null>;
}

export interface SpeechCache {
  /** 8 kHz samples of `text` spoken with `voice` (cached by both). */
  speak(text: string, voice: string): Promise<Int16Array>;
}

export class PromptUnavailableError extends Error {
  constructor(
    readonly prompt: Prompt,
    why: string,
  ) {
    super(why);
    this.name = "PromptUnavailableError";
  }
}

export const DEFAULT_VOICE = "en-us";

export class PromptAudio {
  constructor(private readonly o: { files: AudioFiles; speech: SpeechCache }) {}

  async resolve(p: Prompt): Promise<Int16Array> {
    if ("tone" in p) return renderTone(p.tone);
    if ("file" in p) {
      const pcm = await this.o.files.get(p.file);
      if (!pcm) throw new PromptUnavailableError(p, `no audio file named "${p.file}"`);
      return pcm;
    }
    try {
      return await this.o.speech.speak(p.say, p.voice ?? DEFAULT_VOICE);
    } catch (err) {
      throw new PromptUnavailableError(p, `could not speak the text: ${(err as Error).message}`);
    }
  }

  /** The prompts in order, the whole list `loops` times (0 = forever). */
  async source(prompts: Prompt[], loops = 1): Promise<FrameSource> {
    const clips = await Promise.all(prompts.map((p) => this.resolve(p)));
    return new ClipSequence(clips, loops);
  }
}
