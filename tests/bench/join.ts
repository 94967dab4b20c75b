/**
 * Join benchmark: N joins in headless Chromium against a running Switchboard; prints
 * p50/p95 ms from clicking Join to the first remote video frame on screen, and the
 * signaling round trips each join makes.
 *
 *   BENCH_URL=http://127.0.0.1:3000 BENCH_ROOM=demo BENCH_N=10 tsx tests/bench/join.ts
 *
 * Then (unless BENCH_SIX=0) the 6-participant room: see sixRoom.ts.
 */
import { chromium } from "@playwright/test";
import { chromiumArgs } from "../../playwright.config";
import { sixRoomBenchmark } from "./sixRoom";

const base = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const room = process.env.BENCH_ROOM ?? "demo";
const n = Number(process.env.BENCH_N ?? 10);

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs,
  });

  async function openAndJoin(name: string, slug = room) {
    const context = await browser.newContext({ permissions: ["camera", "microphone"] });
    const page = await context.newPage();
    await page.goto(`${base}/r/${slug}`);
    await page.getByTestId("display-name").fill(name);
    // Wait until the preview runs and the SDK has connected, as a user would see it ready.
    await page.locator('[data-testid="prejoin"] video').first().waitFor();
    await page.waitForFunction(() => window.__switchboard?.connectionState === "connected", null, {
      timeout: 15_000,
    });
    const before = await page.evaluate(() => window.__switchboard?.requestCount ?? 0);
    await page.getByTestId("join-button").click();
    return { context, page, before };
  }

  const anchor = await openAndJoin("Anchor");
  await anchor.page.getByTestId("room").waitFor();

  const times: number[] = [];
  const roundTrips: number[] = [];
  for (let i = 0; i < n; i++) {
    const { context, page, before } = await openAndJoin(`Joiner ${i + 1}`);
    await page.waitForFunction(() => window.__firstRemoteFrameAt !== undefined, null, {
      timeout: 20_000,
    });
    const r = await page.evaluate(() => ({
      ms: (window.__firstRemoteFrameAt ?? 0) - (window.__joinClickedAt ?? 0),
      requests: window.__switchboard?.requestCount ?? 0,
    }));
    times.push(r.ms);
    roundTrips.push(r.requests - before);
    await page.getByTestId("leave-button").click();
    await context.close();
    process.stdout.write(
      `join ${i + 1}/${n}: ${r.ms.toFixed(0)} ms, ${r.requests - before} requests\n`,
    );
  }
  await anchor.context.close();
  const six =
    process.env.BENCH_SIX === "0"
      ? undefined
      : await sixRoomBenchmark(
          browser,
          base,
          async (slug, name) => {
            const { context, page } = await openAndJoin(name, slug);
            return { page, close: () => context.close() };
          },
          Number(process.env.BENCH_SIX_RUNS ?? 5),
        );
  await browser.close();

  const sorted = [...times].sort((a, b) => a - b);
  const rt = [...roundTrips].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        joins: n,
        clickToFirstRemoteFrameMs: {
          p50: Math.round(percentile(sorted, 50)),
          p95: Math.round(percentile(sorted, 95)),
          min: Math.round(sorted[0] ?? 0),
          max: Math.round(sorted.at(-1) ?? 0),
        },
        clientRequestsPerJoin: { median: percentile(rt, 50), max: rt.at(-1) },
        ...(six ? { sixParticipantRoom: six } : {}),
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
