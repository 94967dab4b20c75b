/**
 * A scripted call for engine tests: the engine under test is real; the call is a test
 * double whose prompts take time on a ManualClock (1 s per prompt) and whose caller presses
 * keys when told.
 */
import {
  type CallChannel,
  type CallInfo,
  type ChannelState,
  type Digit,
  type FlowDocumentInput,
  FlowRun,
  type FlowRunOptions,
  ManualClock,
  type PlayOptions,
  type Prompt,
  parseFlow,
  type TraceEvent,
} from "../src";

export class ScriptedCall implements CallChannel {
  state: ChannelState = "ringing";
  readonly heard: string[] = [];
  readonly sip: string[] = [];
  private digitListeners = new Set<(d: Digit) => void>();
  private endedListeners = new Set<() => void>();

  constructor(
    readonly clock: ManualClock,
    readonly info: CallInfo = {
      callId: "c1",
      caller: "+4930123",
      called: "menu",
      anonymous: false,
    },
    private readonly promptMs = 1000,
  ) {}

  async answer(): Promise<void> {
    this.sip.push("200");
    this.state = "answered";
  }
  async ring(early: boolean): Promise<void> {
    this.sip.push(early ? "183" : "180");
    if (early) this.state = "early";
  }
  async reject(status: number): Promise<void> {
    this.sip.push(String(status));
    this.end();
  }
  async redirect(target: string): Promise<void> {
    this.sip.push(`302 ${target}`);
    this.end();
  }
  async hangup(): Promise<void> {
    if (this.state === "ended") return;
    this.sip.push("BYE");
    this.end();
  }
  async play(prompts: Prompt[], o: PlayOptions = {}): Promise<"done" | "stopped"> {
    const loops = o.loop ?? 1;
    for (let i = 0; loops === 0 || i < loops; i++) {
      for (const p of prompts) {
        this.heard.push("say" in p ? p.say : "file" in p ? `file:${p.file}` : `tone:${p.tone}`);
        const done = await this.clock.sleep(this.promptMs, o.signal);
        if (!done || this.state === "ended") return "stopped";
      }
    }
    return "done";
  }
  onDigit(l: (d: Digit) => void): () => void {
    this.digitListeners.add(l);
    return () => this.digitListeners.delete(l);
  }
  onEnded(l: () => void): () => void {
    if (this.state === "ended") l();
    else this.endedListeners.add(l);
    return () => this.endedListeners.delete(l);
  }
  press(keys: string): void {
    for (const k of keys) for (const l of this.digitListeners) l(k as Digit);
  }
  remoteHangup(): void {
    this.end();
  }
  get listeners(): number {
    return this.digitListeners.size + this.endedListeners.size;
  }
  private end(): void {
    if (this.state === "ended") return;
    this.state = "ended";
    for (const l of [...this.endedListeners]) l();
    this.endedListeners.clear();
  }
}

export function startRun(
  doc: FlowDocumentInput,
  o: Partial<FlowRunOptions> & { clock?: ManualClock; info?: CallInfo } = {},
) {
  const parsed = parseFlow(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const clock = o.clock ?? new ManualClock(Date.UTC(2026, 11, 2, 10, 0));
  const call = new ScriptedCall(clock, o.info);
  const trace: TraceEvent[] = [];
  const run = new FlowRun(parsed.flow, {
    ...o,
    call,
    clock,
    onTrace: (e) => trace.push(e),
  });
  const done = run.run();
  const entered = () => trace.filter((e) => e.kind === "enter").map((e) => e.stepId ?? e.type);
  return { run, call, clock, trace, done, entered };
}
