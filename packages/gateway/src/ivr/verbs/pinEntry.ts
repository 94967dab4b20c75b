import type { VerbHandler } from "../types";
import { collectDigits } from "./gather";

/**
 * Asks for a meeting PIN up to `attempts` times and looks it up with the injected
 * `hooks.lookupRoom`; sets `ctx.room` on success. After the last failure runs `onFailure`
 * and stops the flow.
 */
export const pinEntry: VerbHandler<"pinEntry"> = {
  name: "pinEntry",
  async run(verb, ctx) {
    for (let attempt = 1; attempt <= verb.attempts && !ctx.signal.aborted; attempt++) {
      const pin = await collectDigits(ctx, {
        prompt: attempt === 1 ? verb.prompt : verb.invalidPrompt,
        ...(verb.finishOnKey !== undefined && { finishOnKey: verb.finishOnKey }),
        maxDigits: verb.maxDigits ?? 12,
        ...(verb.timeoutMs !== undefined && { timeoutMs: verb.timeoutMs }),
      });
      if (ctx.signal.aborted) return "stop";
      const room = pin.length > 0 ? await ctx.hooks.lookupRoom(pin) : null;
      if (room) {
        ctx.room = room;
        ctx.log.info({ room: room.id, attempt }, "PIN accepted");
        return "continue";
      }
      ctx.log.info({ attempt, digits: pin.length }, "PIN refused");
      ctx.digits.clear();
    }
    if (!ctx.signal.aborted) await ctx.run(verb.onFailure);
    return "stop";
  },
};
