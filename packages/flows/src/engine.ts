/**
 * Runs a compiled flow on a call: one step task at a time, following each result to the next
 * node. The same engine runs real calls (gateway) and virtual ones (browser simulator).
 * Hangup cancels the running step; `cancel()` stops the flow and `jump()` moves the call to
 * another flow (e.g. a transfer from outside) without ending the call.
 */
import type { CallChannel } from "./channel";
import { type FlowClock, systemClock } from "./clock";
import {
  expandTemplate,
  type FlowLogger,
  quietLogger,
  type StepContext,
  type TraceEvent,
} from "./context";
import { DigitBuffer } from "./digits";
import { compile, END, type Program, type ProgramNode } from "./program";
import type { FlowDocument } from "./schema";
import { ServiceRegistry } from "./services";
import { createTask, describeStep } from "./steps";
import type { StepResult, StepTask } from "./task";

export type FlowEndReason =
  /** The last step ran (the engine then hangs up). */
  | "completed"
  /** A step ended the call (hangup, reject, redirect). */
  | "ended-by-flow"
  /** The caller (or the other side) hung up. */
  | "hangup"
  /** `cancel()` from outside. */
  | "cancelled"
  | "error"
  /** Too many steps, or steps looping without time passing. */
  | "loop";

export interface FlowRunResult {
  reason: FlowEndReason;
  steps: number;
  vars: Map<string, string>;
  error?: string;
}

export interface FlowRunOptions {
  call: CallChannel;
  services?: ServiceRegistry;
  clock?: FlowClock;
  log?: FlowLogger;
  vars?: Record<string, string>;
  onTrace?: (e: TraceEvent) => void;
  /** Step executions allowed per run (default 10,000). */
  maxSteps?: number;
  /** Consecutive steps allowed without the clock moving (default 200). */
  maxInstantSteps?: number;
  /** Hang up when the flow runs out of steps (default true). */
  hangupAtEnd?: boolean;
}

export class FlowRun {
  readonly vars: Map<string, string>;
  readonly digits: DigitBuffer;
  private program: Program;
  private pc: number;
  private current: StepTask | undefined;
  private stopped: FlowEndReason | undefined;
  private jumped = false;
  private seq = 0;
  private readonly clock: FlowClock;
  private readonly log: FlowLogger;
  private readonly services: ServiceRegistry;

  constructor(
    flow: FlowDocument | Program,
    private readonly o: FlowRunOptions,
  ) {
    this.program = "nodes" in flow ? flow : compile(flow);
    this.pc = this.program.entry;
    this.clock = o.clock ?? systemClock();
    this.log = o.log ?? quietLogger;
    this.services = o.services ?? new ServiceRegistry();
    this.digits = new DigitBuffer(this.clock);
    const info = o.call.info;
    this.vars = new Map(
      Object.entries({
        caller: info.caller,
        called: info.called,
        callId: info.callId,
        ...o.vars,
      }),
    );
  }

  /** The node running now (for status pages and tests). */
  get currentNode(): ProgramNode | undefined {
    return this.program.nodes[this.pc];
  }

  /** Stops the flow; the call stays up (its owner decides what comes next). */
  cancel(): void {
    this.stopped ??= "cancelled";
    this.current?.cancel("cancelled");
  }

  /** Continues with another flow (at its start, or at a step id) without ending the call. */
  jump(flow: FlowDocument | Program, at?: string): void {
    this.program = "nodes" in flow ? flow : compile(flow);
    this.pc = at !== undefined ? (this.program.labels.get(at) ?? END) : this.program.entry;
    this.jumped = true;
    this.current?.cancel("moved");
  }

  async run(): Promise<FlowRunResult> {
    const call = this.o.call;
    const offDigit = call.onDigit((d) => this.digits.push(d));
    const offEnded = call.onEnded(() => {
      this.stopped ??= "hangup";
      this.current?.cancel("hangup");
    });
    let steps = 0;
    let instant = 0;
    let lastTime = this.clock.now();
    try {
      while (this.pc !== END && !this.stopped) {
        const node = this.program.nodes[this.pc];
        if (!node) break;
        if (++steps > (this.o.maxSteps ?? 10_000)) return this.finish("loop", steps);
        const now = this.clock.now();
        instant = now === lastTime ? instant + 1 : 0;
        lastTime = now;
        if (instant > (this.o.maxInstantSteps ?? 200)) return this.finish("loop", steps);
        const result = await this.runNode(node);
        if (this.jumped) {
          this.jumped = false;
          continue;
        }
        if (result.kind === "end" && this.stopped !== "cancelled")
          return this.finish("ended-by-flow", steps);
        if (this.stopped) break;
        this.pc = this.follow(node, result);
      }
      if (this.stopped) return this.finish(this.stopped, steps);
      if ((this.o.hangupAtEnd ?? true) && call.state !== "ended") {
        if (call.state === "answered") await call.hangup();
        else await call.reject(480, "Temporarily Unavailable");
      }
      return this.finish("completed", steps);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error({ err, path: this.currentNode?.path }, "flow step failed");
      this.emit(this.currentNode, "info", `error: ${message}`);
      if (call.state !== "ended") await call.hangup().catch(() => {});
      return { ...this.finish("error", steps), error: message };
    } finally {
      offDigit();
      offEnded();
      this.current = undefined;
    }
  }

  private async runNode(node: ProgramNode): Promise<StepResult> {
    const task = createTask(node.step);
    this.current = task;
    if (this.stopped) task.cancel(this.stopped);
    this.emit(node, "enter", describeStep(node.step));
    const ctx: StepContext = {
      call: this.o.call,
      vars: this.vars,
      digits: this.digits,
      clock: this.clock,
      services: this.services,
      log: this.log,
      note: (detail) => this.emit(node, "info", detail),
      expand: (text) => expandTemplate(text, this.vars),
      ensureMedia: async () => {
        if (this.o.call.state === "ringing") await this.o.call.answer();
      },
    };
    const result = await task.exec(ctx);
    this.current = undefined;
    this.emit(node, "exit", resultWords(result));
    return result;
  }

  private follow(node: ProgramNode, result: StepResult): number {
    switch (result.kind) {
      case "next":
        return node.next;
      case "branch":
        return node.branches.get(result.name) ?? node.next;
      case "goto":
        return this.program.labels.get(result.target) ?? END;
      case "end":
        return END;
    }
  }

  private finish(reason: FlowEndReason, steps: number): FlowRunResult {
    if (reason === "loop") {
      this.log.warn({ steps }, "flow stopped: it loops");
      this.emit(this.currentNode, "info", "stopped: the flow loops");
      if (this.o.call.state !== "ended") void this.o.call.hangup().catch(() => {});
    }
    return { reason, steps, vars: this.vars };
  }

  private emit(node: ProgramNode | undefined, kind: TraceEvent["kind"], detail: string): void {
    if (!this.o.onTrace) return;
    this.o.onTrace({
      seq: this.seq++,
      at: this.clock.now(),
      path: node?.path ?? "",
      stepId: node?.step.id,
      type: node?.step.type ?? "",
      kind,
      detail,
    });
  }
}

function resultWords(r: StepResult): string {
  switch (r.kind) {
    case "next":
      return "next";
    case "branch":
      return `→ ${r.name}`;
    case "goto":
      return `→ ${r.target}`;
    case "end":
      return "end";
  }
}
