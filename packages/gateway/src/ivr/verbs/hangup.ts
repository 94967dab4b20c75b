import type { VerbHandler } from "../types";

/** Hangs up (BYE) and stops the flow. */
export const hangup: VerbHandler<"hangup"> = {
  name: "hangup",
  async run(_verb, ctx) {
    await ctx.call.hangup();
    return "stop";
  },
};
