import type { DtmfDigit } from "../../dtmf/rfc4733";
import type { RoomRef, VerbContext, VerbHandler, VerbOf } from "../types";

/**
 * Collects digits into `ctx.vars[verb.into]`: plays the prompt (a key press interrupts it),
 * then reads until the finish key, `maxDigits`, or a timeout. Empty string when nothing came.
 */
export async function collectDigits<R extends RoomRef>(
  ctx: VerbContext<R>,
  o: Pick<
    VerbOf<"gather">,
    "prompt" | "finishOnKey" | "maxDigits" | "timeoutMs" | "interDigitTimeoutMs"
  >,
): Promise<string> {
  const finish: DtmfDigit = o.finishOnKey ?? "#";
  const max = o.maxDigits ?? 16;
  if (o.prompt && ctx.digits.pending === 0) {
    const playing = ctx.call.play(ctx.prompts.player(o.prompt));
    const first = await Promise.race([
      playing.then(() => null),
      ctx.digits.next(3_600_000, ctx.signal),
    ]);
    if (first !== null) {
      ctx.call.media.stopPlayback();
      return readRest(ctx, first === finish ? "" : first, first === finish, finish, max, o);
    }
  }
  return readRest(ctx, "", false, finish, max, o);
}

async function readRest<R extends RoomRef>(
  ctx: VerbContext<R>,
  got: string,
  done: boolean,
  finish: DtmfDigit,
  max: number,
  o: { timeoutMs?: number; interDigitTimeoutMs?: number },
): Promise<string> {
  let digits = got;
  while (!done && digits.length < max && !ctx.signal.aborted) {
    const d = await ctx.digits.next(
      digits.length === 0 ? (o.timeoutMs ?? 8000) : (o.interDigitTimeoutMs ?? 5000),
      ctx.signal,
    );
    if (d === null || d === finish) break;
    digits += d;
  }
  return digits;
}

export const gather: VerbHandler<"gather"> = {
  name: "gather",
  async run(verb, ctx) {
    const digits = await collectDigits(ctx, verb);
    ctx.vars.set(verb.into, digits);
    ctx.log.info({ into: verb.into, length: digits.length }, "gathered digits");
    return ctx.signal.aborted ? "stop" : "continue";
  },
};
