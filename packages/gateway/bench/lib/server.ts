/**
 * The gateway under load, in its own process (forked by the benchmarks, so its CPU is its
 * own): a SIP endpoint and the flow engine running the flow in BENCH_FLOW (JSON), prompts
 * from the built-in files and espeak-ng. Answers {stats} over IPC.
 */
import { type FlowDocumentInput, parseFlow, ServiceRegistry } from "@switchboard/flows";
import { BuiltinPrompts, synthesize } from "@switchboard/tts";
import { PromptAudio } from "../../src/flow/PromptAudio";
import { Gateway } from "../../src/Gateway";
import { createLogger } from "../../src/log";
import { sharedFrameClock } from "../../src/rtp/FrameClock";
import { SipEndpoint } from "../../src/sip/SipEndpoint";

export interface ServerStats {
  calls: number;
  flowsDone: number;
  flowsFailed: number;
  cpuMicros: number;
  rssBytes: number;
  openFds: number;
  clock: typeof sharedFrameClock.stats;
}

const port = Number(process.env.BENCH_SIP_PORT);
const doc = JSON.parse(process.env.BENCH_FLOW ?? "{}") as FlowDocumentInput;
const parsed = parseFlow(doc);
if (!parsed.ok) throw new Error(`bad bench flow: ${JSON.stringify(parsed.issues)}`);
const flow = parsed.flow;
const builtins = await BuiltinPrompts.load();
const spoken = new Map<string, Int16Array>();
const prompts = new PromptAudio({
  files: { get: async (name) => builtins.get(name) },
  speech: {
    speak: async (text, voice) => {
      const key = `${voice}\n${text}`;
      let pcm = spoken.get(key);
      if (!pcm) {
        pcm = await synthesize(text, voice);
        spoken.set(key, pcm);
      }
      return pcm;
    },
  },
});
const log = createLogger(process.env.BENCH_LOG ?? "silent");
const endpoint = new SipEndpoint({ address: "127.0.0.1", port, logger: log });
let flowsDone = 0;
let flowsFailed = 0;
const gateway = new Gateway({
  endpoint,
  media: {
    address: "127.0.0.1",
    portRange: {
      min: Number(process.env.BENCH_RTP_MIN ?? 30000),
      max: Number(process.env.BENCH_RTP_MAX ?? 49999),
    },
  },
  prompts,
  logger: log,
  maxCalls: Number(process.env.BENCH_MAX_CALLS ?? 20000),
  access: { open: true },
  route: async () => ({ flow, services: new ServiceRegistry() }),
});
gateway.on("flowDone", (_call, r) => {
  if (r.reason === "error" || r.reason === "loop") flowsFailed++;
  else flowsDone++;
});
// Speak the prompts before the first call.
for (const step of flow.steps) if (step.type === "gather") await prompts.source(step.prompt);
await endpoint.start();
const started = process.cpuUsage();

async function fdCount(): Promise<number> {
  const { readdir } = await import("node:fs/promises");
  return (await readdir("/proc/self/fd")).length;
}

process.on("message", async (m: { op: string }) => {
  if (m.op === "stats") {
    const cpu = process.cpuUsage(started);
    const stats: ServerStats = {
      calls: gateway.activeCalls,
      flowsDone,
      flowsFailed,
      cpuMicros: cpu.user + cpu.system,
      rssBytes: process.memoryUsage().rss,
      openFds: await fdCount(),
      clock: { ...sharedFrameClock.stats },
    };
    process.send?.({ op: "stats", stats });
  } else if (m.op === "resetClock") {
    sharedFrameClock.resetStats();
    process.send?.({ op: "ok" });
  } else if (m.op === "stop") {
    await gateway.hangupAll();
    await endpoint.stop();
    process.exit(0);
  }
});
process.send?.({ op: "ready" });
