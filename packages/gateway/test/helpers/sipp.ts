/** Runs the real SIPp (Debian sip-tester) with a scenario from test/sipp. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const SIPP_DIR = join(dirname(fileURLToPath(import.meta.url)), "../sipp");

export interface SippRun {
  code: number | null;
  stdout: string;
  stderr: string;
  errors: string;
  messages: string;
}

export interface SippOptions {
  /** A file in test/sipp, or (starting with "<") the scenario's XML itself. */
  scenario: string;
  /** Address:port SIPp talks to (UAC) — omit for UAS scenarios. */
  remote?: string;
  localIp: string;
  localPort: number;
  mediaPort: number;
  /** Extra -key name value pairs for [name] in the scenario. */
  keys?: Record<string, string>;
  transport?: "u1" | "t1";
  timeoutS?: number;
  uas?: boolean;
  /** Calls this when SIPp is listening (UAS scenarios): after a short delay. */
  onStarted?: () => void;
  /** Writes files SIPp needs (rtp_stream WAVs) into its working directory. */
  prepare?: (dir: string) => void;
}

/** Makes a µ-law WAV of DTMF tones (120 ms on, 120 ms off) with sox. */
export function dtmfToneWav(dir: string, name: string, digits: string): void {
  const tones: Record<string, [number, number]> = {
    "1": [697, 1209],
    "2": [697, 1336],
    "3": [697, 1477],
    "4": [770, 1209],
    "5": [770, 1336],
    "6": [770, 1477],
    "7": [852, 1209],
    "8": [852, 1336],
    "9": [852, 1477],
    "*": [941, 1209],
    "0": [941, 1336],
    "#": [941, 1477],
  };
  const parts: string[] = [];
  const sox = (args: string[]) => {
    const r = spawnSync("sox", args, { cwd: dir });
    if (r.status !== 0) throw new Error(`sox failed: ${r.stderr}`);
  };
  sox([
    "-n",
    "-r",
    "8000",
    "-c",
    "1",
    "-e",
    "signed-integer",
    "-b",
    "16",
    "sil.wav",
    "trim",
    "0",
    "0.12",
  ]);
  sox([
    "-n",
    "-r",
    "8000",
    "-c",
    "1",
    "-e",
    "signed-integer",
    "-b",
    "16",
    "lead.wav",
    "trim",
    "0",
    "0.3",
  ]);
  parts.push("lead.wav");
  [...digits].forEach((d, i) => {
    const [lo, hi] = tones[d] ?? [0, 0];
    sox([
      "-n",
      "-r",
      "8000",
      "-c",
      "2",
      `t${i}s.wav`,
      "synth",
      "0.12",
      "sine",
      String(lo),
      "sine",
      String(hi),
    ]);
    sox([
      `t${i}s.wav`,
      "-c",
      "1",
      "-e",
      "signed-integer",
      "-b",
      "16",
      `t${i}.wav`,
      "remix",
      "1,2",
      "gain",
      "-8",
    ]);
    parts.push(`t${i}.wav`, "sil.wav");
  });
  sox([...parts, "-e", "mu-law", "-t", "wav", name]);
}

export function runSipp(o: SippOptions): Promise<SippRun> {
  const dir = mkdtempSync(join(tmpdir(), "sipp-"));
  const errFile = join(dir, "err.log");
  const msgFile = join(dir, "msg.log");
  const args = [
    "-sf",
    o.scenario.startsWith("<") ? join(dir, "scenario.xml") : join(SIPP_DIR, o.scenario),
    "-i",
    o.localIp,
    "-p",
    String(o.localPort),
    "-mi",
    o.localIp,
    "-mp",
    String(o.mediaPort),
    "-m",
    "1",
    "-l",
    "1",
    "-t",
    o.transport ?? "u1",
    "-timeout",
    `${o.timeoutS ?? 25}s`,
    "-timeout_error",
    "-nostdin",
    "-trace_err",
    "-error_file",
    errFile,
    "-trace_msg",
    "-message_file",
    msgFile,
  ];
  for (const [k, v] of Object.entries(o.keys ?? {})) args.push("-key", k, v);
  if (o.scenario.startsWith("<")) writeFileSync(join(dir, "scenario.xml"), o.scenario);
  o.prepare?.(dir);
  if (o.remote) args.push(o.remote);
  return new Promise((resolve, reject) => {
    const child = spawn("sipp", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    if (o.onStarted) setTimeout(o.onStarted, 400);
    child.on("exit", (code) => {
      const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
      resolve({
        code,
        stdout: stdout.slice(-4000),
        stderr,
        errors: read(errFile),
        messages: read(msgFile),
      });
    });
  });
}
