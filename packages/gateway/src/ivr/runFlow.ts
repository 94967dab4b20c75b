/** Runs a flow (a list of verbs) on a call until it ends or a verb stops it. */
import type { Call } from "../Call";
import type { PromptLibrary } from "./prompts";
import {
  DigitQueue,
  type Flow,
  type FlowHooks,
  type RoomRef,
  type Verb,
  type VerbContext,
  type VerbHandler,
  type VerbName,
  type VerbOutcome,
} from "./types";
import { conference } from "./verbs/conference";
import { gather } from "./verbs/gather";
import { hangup } from "./verbs/hangup";
import { pause } from "./verbs/pause";
import { pinEntry } from "./verbs/pinEntry";
import { play } from "./verbs/play";

const HANDLERS: { [N in VerbName]: VerbHandler<N> } = {
  play,
  pause,
  gather,
  pinEntry,
  conference,
  hangup,
};

function handlerFor<N extends VerbName>(name: N): VerbHandler<N> {
  return HANDLERS[name];
}

export interface FlowResult<R extends RoomRef> {
  outcome: VerbOutcome;
  room: R | undefined;
  vars: Map<string, string>;
}

export async function runFlow<R extends RoomRef>(
  call: Call,
  flow: Flow,
  prompts: PromptLibrary,
  hooks: FlowHooks<R>,
  /** A room known before the flow starts (e.g. from the number that was called). */
  initialRoom?: R,
): Promise<FlowResult<R>> {
  const abort = new AbortController();
  const digits = new DigitQueue();
  const onDigit = (d: Parameters<DigitQueue["push"]>[0]) => digits.push(d);
  const onEnded = () => abort.abort();
  call.on("dtmf", onDigit);
  call.once("ended", onEnded);
  if (call.state === "ended") abort.abort();
  const ctx: VerbContext<R> = {
    call,
    prompts,
    hooks,
    log: call.log,
    signal: abort.signal,
    digits,
    vars: new Map(),
    room: initialRoom,
    run: (verbs) => runVerbs(verbs, ctx),
  };
  try {
    const outcome = await runVerbs(flow, ctx);
    return { outcome, room: ctx.room, vars: ctx.vars };
  } finally {
    call.off("dtmf", onDigit);
    call.off("ended", onEnded);
  }
}

async function runVerbs<R extends RoomRef>(
  verbs: Verb[],
  ctx: VerbContext<R>,
): Promise<VerbOutcome> {
  for (const verb of verbs) {
    if (ctx.signal.aborted) return "stop";
    ctx.log.debug({ verb: verb.verb }, "verb");
    const outcome = await runOne(verb, ctx);
    if (outcome === "stop") return "stop";
  }
  return "continue";
}

function runOne<R extends RoomRef>(verb: Verb, ctx: VerbContext<R>): Promise<VerbOutcome> {
  // Each union member goes to its own handler; the cast is the usual correlated-union gap.
  const handler = handlerFor(verb.verb) as VerbHandler<typeof verb.verb>;
  return (handler.run as (v: Verb, c: VerbContext<R>) => Promise<VerbOutcome>)(verb, ctx);
}
