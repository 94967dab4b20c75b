/**
 * Reads digits for a menu or a PIN: plays the prompts (a key press interrupts them; digits
 * already typed skip them), then reads until the finish key, the digit count, a decided
 * menu choice, or a timeout. Nothing is left waiting afterwards.
 */
import type { StepContext } from "./context";
import type { Digit, Prompt } from "./schema";

export interface CollectOptions {
  prompts: Prompt[];
  finishOnKey: Digit | "none";
  /** Stop at this many digits. */
  numDigits?: number;
  /** Menu choices: stop as soon as the input is one and no longer choice starts with it. */
  choices?: readonly string[];
  timeoutMs: number;
  interDigitTimeoutMs: number;
  signal: AbortSignal;
}

const MAX_DIGITS = 32;

export async function collectDigits(ctx: StepContext, o: CollectOptions): Promise<string> {
  if (o.prompts.length > 0 && ctx.digits.pending === 0 && !o.signal.aborted) {
    const bargeIn = new AbortController();
    const onAbort = () => bargeIn.abort();
    o.signal.addEventListener("abort", onAbort, { once: true });
    const unwatch = ctx.digits.watch(() => bargeIn.abort());
    try {
      await ctx.call.play(o.prompts, { signal: bargeIn.signal });
    } finally {
      unwatch();
      o.signal.removeEventListener("abort", onAbort);
    }
  }
  let got = "";
  while (!o.signal.aborted && got.length < MAX_DIGITS) {
    const d = await ctx.digits.next(
      got.length === 0 ? o.timeoutMs : o.interDigitTimeoutMs,
      o.signal,
    );
    if (d === null || d === o.finishOnKey) break;
    got += d;
    if (o.numDigits !== undefined && got.length >= o.numDigits) break;
    if (o.choices && o.choices.length > 0 && o.numDigits === undefined) {
      const longer = o.choices.some((c) => c.length > got.length && c.startsWith(got));
      if (!longer) break; // a choice, or a prefix of none: decided either way
    }
  }
  return got;
}
