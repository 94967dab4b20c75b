import type { VerbHandler } from "../types";

/** Plays a prompt to the end (or until the call ends). */
export const play: VerbHandler<"play"> = {
  name: "play",
  async run(verb, ctx) {
    if (ctx.signal.aborted) return "stop";
    await ctx.call.play(ctx.prompts.player(verb.prompt));
    return ctx.signal.aborted ? "stop" : "continue";
  },
};
