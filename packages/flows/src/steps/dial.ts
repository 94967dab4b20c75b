import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { DialerService } from "../services";
import { branch, END_FLOW, NEXT, type StepModule, type StepResult, StepTask } from "../task";

/**
 * Calls a number, SIP URI or extension; the caller hears ringing (not answered yet) and is
 * answered and bridged when the other side answers. After the bridged call the flow goes
 * on (if the caller is still there); busy / no answer / failure take their lists.
 */
class DialTask extends StepTask<StepOf<"dial">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    const s = this.step;
    const dialer = ctx.services.get(DialerService);
    if (ctx.call.state === "ringing") await ctx.call.ring(false);
    const to = ctx.expand(s.to);
    ctx.note(`calling ${to}`);
    const out = await dialer.dial(
      {
        to,
        ...(s.trunk !== undefined && { trunk: s.trunk }),
        ...(s.callerId !== undefined && { callerId: ctx.expand(s.callerId) }),
        timeoutMs: s.timeoutMs,
        maxMs: s.maxMs,
      },
      this.signal,
    );
    ctx.vars.set("dial_result", out.result);
    if (out.result === "completed") {
      ctx.note(`call ended by the ${out.by}`);
      return out.by === "caller" ? END_FLOW : NEXT;
    }
    ctx.note(`${out.result}${out.detail ? `: ${out.detail}` : ""}`);
    const list =
      out.result === "busy" ? "busy" : out.result === "no-answer" ? "noAnswer" : "failed";
    return s[list] ? branch(list) : NEXT;
  }
}

export const dial: StepModule<"dial"> = {
  type: "dial",
  describe: (s) => `Call ${s.to}${s.trunk ? ` via ${s.trunk}` : ""}`,
  create: (step) => new DialTask(step),
};
