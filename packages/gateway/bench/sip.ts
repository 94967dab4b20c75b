/**
 * `npm run bench:sip`: sustained SIP call rate of one gateway process with 0 failed calls.
 * Each SIPp call (127.0.0.2) is answered, hears a prompt ("welcome", about 2.5 s) and gets
 * the gateway's BYE. Rates BENCH_SIP_RATES (calls/s) run BENCH_SIP_SECONDS each; for each:
 * calls answered and failed, concurrent calls held, the gateway's CPU per call and the load
 * generator's own CPU (both from /proc). Prints numbers; asserts nothing.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { FlowDocumentInput } from "@switchboard/flows";
import { uacScenario } from "../test/helpers/scenario";
import { BenchGateway, cpuSeconds, sippLoad } from "./lib/load";

const RATES = (process.env.BENCH_SIP_RATES ?? "50,100,200,400").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SIP_SECONDS ?? 20);
const SIP_PORT = 46060;

const FLOW: FlowDocumentInput = {
  steps: [{ type: "answer" }, { type: "play", file: "welcome" }, { type: "hangup" }],
};

async function main() {
  const gw = await BenchGateway.start(FLOW, SIP_PORT);
  const pid = gw.proc.pid as number;
  const rows: string[] = [];
  try {
    for (const [i, rate] of RATES.entries()) {
      const total = rate * SECONDS;
      const load = sippLoad({
        scenarioXml: uacScenario({
          service: "bench",
          steps: [{ expectBye: true, timeoutMs: 30_000 }],
        }),
        remote: `127.0.0.1:${SIP_PORT}`,
        localPort: 46070 + i * 2,
        mediaPort: 46090 + i * 2,
        rate,
        total,
        limit: rate * 10,
        timeoutS: SECONDS + 60,
      });
      const cpu0 = cpuSeconds(pid);
      const sipp0 = cpuSeconds(load.proc.pid as number);
      const t0 = performance.now();
      let peak = 0;
      let sippCpu = 0;
      const watch = (async () => {
        while (load.proc.exitCode === null) {
          peak = Math.max(peak, (await gw.stats()).calls);
          try {
            sippCpu = cpuSeconds(load.proc.pid as number) - sipp0;
          } catch {}
          await sleep(250);
        }
      })();
      const result = await load.done;
      await watch;
      const elapsed = (performance.now() - t0) / 1000;
      const gwCpu = cpuSeconds(pid) - cpu0;
      const ok = Number(result.stats["SuccessfulCall(C)"]);
      const failed = Number(result.stats["FailedCall(C)"]);
      rows.push(
        `  ${String(rate).padStart(4)} calls/s: ${ok}/${total} answered, prompt played, BYE; ${failed} failed; ` +
          `peak ${peak} concurrent; gateway ${((gwCpu / Math.max(1, ok)) * 1000).toFixed(2)} ms CPU per call ` +
          `(${(gwCpu / elapsed).toFixed(2)} cores); SIPp ${(sippCpu / elapsed).toFixed(2)} cores`,
      );
      await sleep(2000);
    }
    const s = await gw.stats();
    console.log(
      `SIP benchmark: one gateway process, ${SECONDS} s per rate, each call: answer, ~2.5 s prompt, BYE from the gateway`,
    );
    for (const r of rows) console.log(r);
    console.log(
      `  after: ${s.calls} calls left, ${s.openFds} fds, RSS ${(s.rssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await gw.stop();
  }
}

await main();
