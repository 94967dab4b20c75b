/** Shared by the SIP benchmarks: the forked gateway, SIPp load, CPU from /proc, RTP probes. */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FlowDocumentInput } from "@switchboard/flows";
import { Call } from "../../src/Call";
import { createLogger } from "../../src/log";
import { SipEndpoint } from "../../src/sip/SipEndpoint";
import type { ServerStats } from "./server";

const CLK_TCK = 100;

/** CPU seconds a process (and its threads) has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

export class BenchGateway {
  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {}

  static async start(flow: FlowDocumentInput, port: number): Promise<BenchGateway> {
    const proc = fork(fileURLToPath(new URL("./server.ts", import.meta.url)), [], {
      env: { ...process.env, BENCH_SIP_PORT: String(port), BENCH_FLOW: JSON.stringify(flow) },
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    await new Promise<void>((resolve, reject) => {
      proc.once("message", () => resolve());
      proc.once("exit", (code) => reject(new Error(`bench gateway exited (${code})`)));
    });
    return new BenchGateway(proc, port);
  }

  private ask<T>(op: string): Promise<T> {
    return new Promise((resolve) => {
      const onMessage = (m: { op: string; stats?: T }) => {
        this.proc.off("message", onMessage);
        resolve((m.stats ?? m) as T);
      };
      this.proc.on("message", onMessage);
      this.proc.send({ op });
    });
  }

  stats(): Promise<ServerStats> {
    return this.ask<ServerStats>("stats");
  }

  resetClock(): Promise<unknown> {
    return this.ask("resetClock");
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.proc.once("exit", r));
    this.proc.send({ op: "stop" });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    this.proc.kill("SIGKILL");
  }
}

export interface SippLoad {
  proc: ChildProcess;
  dir: string;
  done: Promise<{ code: number | null; stats: Record<string, string> }>;
}

/**
 * Runs SIPp as a load generator: `rate` calls/s up to `total` calls, at most `limit` at once.
 * Returns the final statistics from SIPp's CSV (-trace_stat).
 */
export function sippLoad(o: {
  scenarioXml: string;
  remote: string;
  localPort: number;
  mediaPort: number;
  rate: number;
  total: number;
  limit: number;
  timeoutS: number;
}): SippLoad {
  const dir = mkdtempSync(join(tmpdir(), "bench-sipp-"));
  writeFileSync(join(dir, "s.xml"), o.scenarioXml);
  const args = [
    "-sf",
    join(dir, "s.xml"),
    "-i",
    "127.0.0.2",
    "-p",
    String(o.localPort),
    "-mi",
    "127.0.0.2",
    "-mp",
    String(o.mediaPort),
    "-r",
    String(o.rate),
    "-m",
    String(o.total),
    "-l",
    String(o.limit),
    "-timeout",
    `${o.timeoutS}s`,
    "-nostdin",
    "-trace_stat",
    "-stf",
    join(dir, "stat.csv"),
    "-fd",
    "1",
    "-max_socket",
    "4000",
    "-recv_timeout",
    "60000",
    o.remote,
  ];
  const proc = spawn("sipp", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => {
    if (err.length < 4000) err += d.toString();
  });
  const done = new Promise<{ code: number | null; stats: Record<string, string> }>((resolve) => {
    proc.on("exit", (code) => {
      let stats: Record<string, string> = {};
      try {
        const lines = readFileSync(join(dir, "stat.csv"), "utf8").trim().split("\n");
        const head = (lines[0] ?? "").split(";");
        const last = (lines.at(-1) ?? "").split(";");
        stats = Object.fromEntries(head.map((h, i) => [h, last[i] ?? ""]));
      } catch {
        stats = { error: err };
      }
      resolve({ code, stats });
    });
  });
  return { proc, dir, done };
}

/**
 * Calls that measure the gateway's RTP: each places a real call (our SIP stack on
 * 127.0.0.3), answers nothing back but listens, and records packet inter-arrival times.
 */
export class RtpProbes {
  readonly gaps: number[] = [];
  private readonly calls: Call[] = [];
  private endpoint!: SipEndpoint;

  async start(n: number, gatewayPort: number, service: string, sipPort: number): Promise<void> {
    this.endpoint = new SipEndpoint({
      address: "127.0.0.3",
      port: sipPort,
      logger: createLogger("silent"),
    });
    await this.endpoint.start();
    for (let i = 0; i < n; i++) {
      const call = await Call.dial({
        endpoint: this.endpoint,
        media: { address: "127.0.0.3", portRange: { min: 52000, max: 53999 } },
        to: `sip:${service}@127.0.0.1:${gatewayPort}`,
        from: { uri: "sip:probe@127.0.0.3", params: {} },
      });
      let last = 0;
      call.media.leg.on("packet", () => {
        const now = performance.now();
        if (last > 0) this.gaps.push(now - last);
        last = now;
      });
      this.calls.push(call);
    }
  }

  /** Every probe presses a key (RFC 4733). */
  press(digit: "1" | "2"): void {
    for (const c of this.calls) c.media.sendDtmf(digit);
  }

  /** Starts measuring afresh (drops gaps seen so far). */
  reset(): void {
    this.gaps.length = 0;
  }

  answered(): number {
    return this.calls.filter((c) => c.state === "active").length;
  }

  async stop(): Promise<void> {
    await Promise.all(this.calls.map((c) => c.hangup()));
    await this.endpoint.stop();
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** The open-files limit (soft/hard) the gateway process runs with. */
export function fdLimit(): string {
  try {
    const limits = readFileSync("/proc/self/limits", "utf8");
    return /Max open files\s+(\d+)\s+(\d+)/.exec(limits)?.slice(1).join("/") ?? "?";
  } catch {
    return "?";
  }
}
