/**
 * `npm run bench:ivr`: how many IVR calls one gateway process (one core: Node runs call
 * control and media on one thread) holds with prompts playing, and how fast it sets calls up.
 *
 * SIPp callers (127.0.0.2) call a menu flow at BENCH_IVR_RATE calls/s up to BENCH_IVR_CALLS
 * concurrent, press 1 (RFC 4733, SIPp's shipped pcap) and stay BENCH_IVR_HOLD_S seconds
 * listening to a prompt on a loop; 20 probe calls (our own SIP stack on 127.0.0.3) measure
 * the prompt audio's RTP inter-arrival times. The gateway runs in its own process: its CPU
 * (from /proc) over the hold window gives cores used; calls per core = calls / cores.
 * Prints numbers; asserts nothing.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { FlowDocumentInput } from "@switchboard/flows";
import { uacScenario } from "../test/helpers/scenario";
import { BenchGateway, cpuSeconds, fdLimit, percentile, RtpProbes, sippLoad } from "./lib/load";

const CALLS = Number(process.env.BENCH_IVR_CALLS ?? 1000);
const RATE = Number(process.env.BENCH_IVR_RATE ?? 100);
const HOLD_S = Number(process.env.BENCH_IVR_HOLD_S ?? 30);
const SIP_PORT = 45060;

const MENU: FlowDocumentInput = {
  steps: [
    { type: "answer" },
    {
      type: "gather",
      prompt: [
        {
          say: "Thank you for calling. For sales, press 1. For support, press 2. To hear these options again, stay on the line.",
        },
      ],
      numDigits: 1,
      timeoutMs: 60_000,
      branches: [
        { digits: "1", steps: [{ type: "play", file: "welcome", loop: 0 }] },
        { digits: "2", steps: [{ type: "play", file: "goodbye", loop: 0 }] },
      ],
    },
  ],
};

async function main() {
  const gw = await BenchGateway.start(MENU, SIP_PORT);
  const pid = gw.proc.pid as number;
  const probes = new RtpProbes();
  try {
    await probes.start(20, SIP_PORT, "menu", 45070);
    await sleep(1500);
    probes.press("1");
    const holdMs = (HOLD_S + Math.ceil(CALLS / RATE)) * 1000;
    const load = sippLoad({
      scenarioXml: uacScenario({
        service: "menu",
        steps: [{ pause: 1000 }, { dtmf: "1" }, { pause: holdMs }, { bye: true }],
      }),
      remote: `127.0.0.1:${SIP_PORT}`,
      localPort: 45080,
      mediaPort: 45090,
      rate: RATE,
      total: CALLS,
      limit: CALLS,
      timeoutS: HOLD_S * 4 + 120,
    });
    const setupStart = performance.now();
    let stats = await gw.stats();
    while (stats.calls < CALLS + probes.answered() && performance.now() - setupStart < 120_000) {
      await sleep(200);
      stats = await gw.stats();
    }
    const setupS = (performance.now() - setupStart) / 1000;
    const reached = stats.calls - probes.answered();
    // The hold window: everyone is in, prompts play.
    await sleep(2000);
    await gw.resetClock();
    probes.reset();
    const windowMs = Math.min(20_000, (HOLD_S - 5) * 1000);
    const cpu0 = cpuSeconds(pid);
    const sipp0 = cpuSeconds(load.proc.pid as number);
    const t0 = performance.now();
    await sleep(windowMs);
    const elapsed = (performance.now() - t0) / 1000;
    const cores = (cpuSeconds(pid) - cpu0) / elapsed;
    const sippCores = (cpuSeconds(load.proc.pid as number) - sipp0) / elapsed;
    const during = await gw.stats();
    const gaps = probes.gaps;
    const late = gaps.filter((g) => g > 30).length;
    const result = await load.done;
    await probes.stop();
    const after = await gw.stats();
    const failed = Number(result.stats["FailedCall(C)"] ?? Number.NaN);
    const ok = Number(result.stats["SuccessfulCall(C)"] ?? Number.NaN);
    console.log(
      `IVR benchmark: ${CALLS} SIPp callers at ${RATE} calls/s, each pressing 1 and holding ${HOLD_S} s with a prompt on a loop`,
    );
    console.log(
      `  concurrent IVR calls held: ${reached} (+20 probes) of ${CALLS}; setup of all took ${setupS.toFixed(1)} s (${(reached / setupS).toFixed(0)} calls/s)`,
    );
    console.log(`  SIPp: ${ok} successful, ${failed} failed calls (exit ${result.code})`);
    console.log(
      `  gateway CPU in the hold window: ${cores.toFixed(2)} cores → ${(during.calls / cores).toFixed(0)} IVR calls per core; RSS ${(during.rssBytes / 2 ** 20).toFixed(0)} MiB, ${during.openFds} fds (limit ${fdLimit()})`,
    );
    console.log(`  load generator (SIPp) CPU: ${sippCores.toFixed(2)} cores`);
    console.log(
      `  prompt audio at the probes: ${gaps.length} packets, gap p50 ${percentile(gaps, 50).toFixed(1)} ms, p99 ${percentile(gaps, 99).toFixed(1)} ms, max ${Math.max(...gaps).toFixed(1)} ms, ${((100 * late) / Math.max(1, gaps.length)).toFixed(2)} % over 30 ms`,
    );
    console.log(
      `  gateway frame clock: ${during.clock.ticks} ticks, ${during.clock.late} late (>10 ms), ${during.clock.skipped} skipped, max lag ${during.clock.maxLagMs.toFixed(1)} ms`,
    );
    console.log(`  flows finished: ${after.flowsDone}, failed: ${after.flowsFailed}`);
  } finally {
    await gw.stop();
  }
}

await main();
