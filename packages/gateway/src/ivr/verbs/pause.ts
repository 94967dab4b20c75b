import { setTimeout as sleep } from "node:timers/promises";
import type { VerbHandler } from "../types";

/** Waits (silence is still sent by the call's media clock). */
export const pause: VerbHandler<"pause"> = {
  name: "pause",
  async run(verb, ctx) {
    await sleep(verb.ms, undefined, { signal: ctx.signal }).catch(() => {});
    return ctx.signal.aborted ? "stop" : "continue";
  },
};
