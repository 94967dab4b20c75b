import type { VerbHandler } from "../types";

/** Joins the room found earlier in the flow (`ctx.room`) until the call leaves it. */
export const conference: VerbHandler<"conference"> = {
  name: "conference",
  async run(_verb, ctx) {
    const room = ctx.room;
    if (!room) {
      ctx.log.warn("conference verb without a room");
      return "stop";
    }
    ctx.hooks.onJoined?.(ctx.call, room);
    await ctx.hooks.joinRoom(ctx.call, room);
    return ctx.signal.aborted ? "stop" : "continue";
  },
};
