import type { StepContext } from "../context";
import type { StepOf } from "../schema";
import { EchoService } from "../services";
import { NEXT, type StepModule, type StepResult, StepTask } from "../task";

/** The caller hears themselves (a line test) until # or `maxMs`. */
class EchoTask extends StepTask<StepOf<"echo">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    const echo = ctx.services.get(EchoService);
    await ctx.ensureMedia();
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    this.signal.addEventListener("abort", onAbort, { once: true });
    const unwatch = ctx.digits.watch((d) => {
      if (d === "#") stop.abort();
    });
    try {
      void ctx.clock.sleep(this.step.maxMs, stop.signal).then((elapsed) => {
        if (elapsed) stop.abort();
      });
      await echo.echo(stop.signal);
    } finally {
      stop.abort();
      unwatch();
      this.signal.removeEventListener("abort", onAbort);
      ctx.digits.clear();
    }
    return NEXT;
  }
}

export const echo: StepModule<"echo"> = {
  type: "echo",
  describe: (s) => `Echo test (up to ${s.maxMs / 1000} s, # ends it)`,
  create: (step) => new EchoTask(step),
};
