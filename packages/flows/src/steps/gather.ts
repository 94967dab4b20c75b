import { collectDigits } from "../collect";
import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { branch, NEXT, type StepModule, type StepResult, StepTask } from "../task";

/**
 * A menu or a digit prompt: plays the prompt, collects digits into `var`. With branches,
 * the digits choose one; a wrong entry or silence is retried `retries` times (with the
 * invalid/timeout prompt first), then the `invalid` / `timeout` list runs.
 */
class GatherTask extends StepTask<StepOf<"gather">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    const s = this.step;
    await ctx.ensureMedia();
    const choices = s.branches.map((b) => b.digits);
    let failure: "timeout" | "invalid" = "timeout";
    for (let attempt = 0; attempt <= s.retries && !this.cancelled; attempt++) {
      const sorry = attempt === 0 ? [] : failure === "timeout" ? s.timeoutPrompt : s.invalidPrompt;
      const input = await collectDigits(ctx, {
        prompts: [...(sorry ?? []), ...s.prompt],
        finishOnKey: s.finishOnKey,
        ...(s.numDigits !== undefined && { numDigits: s.numDigits }),
        choices,
        timeoutMs: s.timeoutMs,
        interDigitTimeoutMs: s.interDigitTimeoutMs,
        signal: this.signal,
      });
      if (this.cancelled) break;
      ctx.vars.set(s.var, input);
      if (input !== "" && choices.length === 0) {
        ctx.note(`got ${input.length} digit${input.length === 1 ? "" : "s"}`);
        return NEXT;
      }
      if (choices.includes(input)) {
        ctx.note(`pressed ${input}`);
        return branch(`digits:${input}`);
      }
      failure = input === "" ? "timeout" : "invalid";
      ctx.note(failure === "timeout" ? "no input" : `${input} is not a choice`);
      ctx.digits.clear();
    }
    if (this.cancelled) return NEXT;
    return s[failure] ? branch(failure) : NEXT;
  }
}

export const gather: StepModule<"gather"> = {
  type: "gather",
  describe: (s) =>
    s.branches.length > 0
      ? `Menu: ${s.branches.map((b) => b.digits).join(", ")}`
      : `Collect digits into ${s.var}`,
  create: (step) => new GatherTask(step),
};
