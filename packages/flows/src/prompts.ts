/** Every typed prompt of a flow (so they can be spoken ahead of the first call). */
import { walkSteps } from "./program";
import type { FlowDocument, Prompt } from "./schema";

export interface SpokenPrompt {
  text: string;
  voice: string | undefined;
}

export function promptsOf(flow: FlowDocument): Prompt[] {
  const out: Prompt[] = [];
  for (const { step } of walkSteps(flow.steps)) {
    switch (step.type) {
      case "say":
        out.push({ say: step.text, ...(step.voice && { voice: step.voice }) });
        break;
      case "play":
        out.push(step.file !== undefined ? { file: step.file } : { tone: step.tone ?? "beep" });
        break;
      case "gather":
        out.push(...step.prompt, ...(step.invalidPrompt ?? []), ...(step.timeoutPrompt ?? []));
        break;
      case "conference":
        if (step.pinPrompt) out.push(step.pinPrompt);
        if (step.invalidPinPrompt) out.push(step.invalidPinPrompt);
        break;
      case "record":
        if (step.prompt) out.push(step.prompt);
        break;
    }
  }
  return out;
}

/** The distinct typed texts (with their voices); texts with {{variables}} are left out. */
export function spokenPrompts(flow: FlowDocument): SpokenPrompt[] {
  const seen = new Set<string>();
  const out: SpokenPrompt[] = [];
  for (const p of promptsOf(flow)) {
    if (!("say" in p) || /\{\{/.test(p.say)) continue;
    const key = `${p.voice ?? ""}\n${p.say}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: p.say, voice: p.voice });
  }
  return out;
}

/** The audio files a flow plays (to check they exist). */
export function filesOf(flow: FlowDocument): string[] {
  return [...new Set(promptsOf(flow).flatMap((p) => ("file" in p ? [p.file] : [])))];
}
