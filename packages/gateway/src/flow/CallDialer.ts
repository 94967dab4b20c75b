/**
 * The `dial` step for a call: places the outbound call (where to and through which trunk is
 * the gateway's decision, with its policy), lets the caller hear ringing, answers the caller
 * when the other side answers and bridges the two until one hangs up.
 */
import type { Dialer, DialOutcome, DialRequest } from "@switchboard/flows";
import type { Call } from "../Call";
import type { CallEndReason } from "../call/reasons";
import { ClipSequence, renderTone } from "../media/players";
import { BridgedPair, type PlaceCall } from "./BridgedPair";

/** Starts the outbound call for a dial request (not waiting for the answer), or refuses. */
export type StartCall = (req: DialRequest, caller: Call) => Promise<Call | { refused: string }>;

type Failure = "busy" | "no-answer" | "failed";
const FAILED: Partial<Record<CallEndReason, Failure>> = {
  busy: "busy",
  "no-answer": "no-answer",
  cancelled: "no-answer",
  unavailable: "no-answer",
};

export class CallDialer implements Dialer {
  constructor(
    private readonly caller: Call,
    private readonly start: StartCall,
    /** Places a transfer's target and waits for its answer. */
    private readonly placeTransfer: PlaceCall,
    private readonly onPair?: (pair: BridgedPair) => void,
  ) {}

  async dial(req: DialRequest, signal: AbortSignal): Promise<DialOutcome> {
    const caller = this.caller;
    const started = await this.start(req, caller).catch((err: unknown) => ({
      refused: err instanceof Error ? err.message : String(err),
    }));
    if ("refused" in started) return { result: "refused", detail: started.refused };
    const callee = started;
    const ringback = new AbortController();
    if (caller.state === "active")
      void caller.play(new ClipSequence([renderTone("ringback")], 0), ringback.signal);
    const answered = await waitForAnswer(callee, caller, signal, req.timeoutMs);
    ringback.abort();
    if (answered !== "answered") {
      const reason = answered === "timeout" ? "no-answer" : (callee.endReason ?? "failed");
      if (callee.state !== "ended") await callee.hangup();
      if (answered === "caller-gone") return { result: "completed", by: "caller" };
      return { result: FAILED[reason] ?? "failed", detail: reason };
    }
    if (caller.state !== "active") {
      try {
        await caller.answer();
      } catch {
        await callee.hangup();
        return { result: "completed", by: "caller" };
      }
    }
    const pair = new BridgedPair(caller, callee, this.placeTransfer, caller);
    this.onPair?.(pair);
    return new Promise<DialOutcome>((resolve) => {
      let limit: NodeJS.Timeout | undefined;
      const done = (o: DialOutcome) => {
        clearTimeout(limit);
        signal.removeEventListener("abort", onAbort);
        pair.off("left", onLeft);
        resolve(o);
      };
      const onLeft = (gone: Call, stays: Call | null) => {
        // The flow's own call left (hung up, or transferred itself away): the step is over.
        if (gone === caller) done({ result: "completed", by: "caller" });
        else if (!stays || stays !== caller) done({ result: "completed", by: "callee" });
        // Otherwise the callee was transferred away and the caller talks to someone new.
      };
      const onAbort = () => {
        void pair.hangup();
        done({ result: "completed", by: "caller" });
      };
      pair.on("left", onLeft);
      pair.once("ended", () => {
        if (caller.state === "ended") done({ result: "completed", by: "caller" });
        else done({ result: "completed", by: "callee" });
      });
      signal.addEventListener("abort", onAbort, { once: true });
      if (req.maxMs > 0)
        limit = setTimeout(() => {
          const [, other] = pair.calls;
          void other.hangup();
          done({ result: "completed", by: "limit" });
        }, req.maxMs);
    });
  }
}

function waitForAnswer(
  callee: Call,
  caller: Call,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<"answered" | "ended" | "timeout" | "caller-gone"> {
  if (callee.state === "active") return Promise.resolve("answered");
  if (callee.state === "ended") return Promise.resolve("ended");
  return new Promise((resolve) => {
    const done = (v: "answered" | "ended" | "timeout" | "caller-gone") => {
      clearTimeout(timer);
      callee.off("answered", onAnswered);
      callee.off("ended", onFailed);
      caller.off("ended", onCallerGone);
      signal.removeEventListener("abort", onCallerGone);
      resolve(v);
    };
    const onAnswered = () => done("answered");
    const onFailed = () => done("ended");
    const onCallerGone = () => done("caller-gone");
    const timer = setTimeout(() => done("timeout"), timeoutMs);
    callee.once("answered", onAnswered);
    callee.once("ended", onFailed);
    caller.once("ended", onCallerGone);
    signal.addEventListener("abort", onCallerGone, { once: true });
  });
}
