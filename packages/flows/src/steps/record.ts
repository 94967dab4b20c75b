import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { RecorderService } from "../services";
import { NEXT, type StepModule, type StepResult, StepTask } from "../task";

/** Voicemail: an optional prompt, a beep, then the caller's message into a mailbox. */
class RecordTask extends StepTask<StepOf<"record">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    const s = this.step;
    const recorder = ctx.services.get(RecorderService);
    await ctx.ensureMedia();
    const intro = [...(s.prompt ? [s.prompt] : []), ...(s.beep ? [{ tone: "beep" as const }] : [])];
    if (intro.length > 0) await ctx.call.play(intro, { signal: this.signal });
    if (this.cancelled) return NEXT;
    ctx.digits.clear();
    const mailbox = ctx.expand(s.mailbox);
    const saved = await recorder.record(
      { mailbox, maxMs: s.maxMs, silenceMs: s.silenceMs, finishOnKey: s.finishOnKey },
      this.signal,
      ctx.digits,
    );
    ctx.vars.set(s.var, saved?.id ?? "");
    ctx.note(
      saved
        ? `recorded ${(saved.durationMs / 1000).toFixed(1)} s for ${mailbox}`
        : "nothing recorded",
    );
    return NEXT;
  }
}

export const record: StepModule<"record"> = {
  type: "record",
  describe: (s) => `Record a message for ${s.mailbox}`,
  create: (step) => new RecordTask(step),
};
