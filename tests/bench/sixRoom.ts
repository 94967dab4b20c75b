/**
 * The 6-participant part of the join benchmark: five people are in a room with camera
 * and mic; a sixth joins (R times) and we time Join click → all five videos decoded. Then
 * the SFU's CPU (node process + mediasoup workers, from /proc) is sampled while the room
 * sits idle, against a baseline of the same SFU with no room, in the same run.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";

const CLK_TCK = 100;

/** CPU seconds used so far by the processes whose command line matches `pattern`. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process went away.
    }
  }
  return ticks / CLK_TCK;
}

/** The SFU's processes: BENCH_SFU_PIDS, else every mediasoup worker and SFU main.ts. */
function sfuPids(): number[] {
  if (process.env.BENCH_SFU_PIDS) return process.env.BENCH_SFU_PIDS.split(",").map(Number);
  const find = (pattern: string) => {
    try {
      return execFileSync("pgrep", ["-f", pattern], { encoding: "utf8" })
        .trim()
        .split("\n")
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  return [...find("mediasoup-worker"), ...find("apps/sfu.*main.ts|src/main.ts")];
}

async function cpuShare(pids: number[], ms: number): Promise<number> {
  const c0 = cpuSeconds(pids);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  return (cpuSeconds(pids) - c0) / ((performance.now() - t0) / 1000);
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}

/** Videos this page decodes from distinct participants. */
function decodingFrom(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const room = window.__switchboard;
    if (!room) return 0;
    let n = 0;
    for (const p of room.participants.values()) {
      for (const t of p.tracks) {
        if (t.kind !== "video") continue;
        let frames = 0;
        (await t.getStats()).forEach((s: { type: string; framesDecoded?: number }) => {
          if (s.type === "inbound-rtp") frames += s.framesDecoded ?? 0;
        });
        if (frames > 0) {
          n++;
          break;
        }
      }
    }
    return n;
  });
}

export async function sixRoomBenchmark(
  browser: Browser,
  base: string,
  openAndJoin: (room: string, name: string) => Promise<{ page: Page; close: () => Promise<void> }>,
  repeats: number,
) {
  const pids = sfuPids();
  const idleBaseline = await cpuShare(pids, 5000);

  // A fresh room, created as a user would.
  const setup = await browser.newPage();
  await setup.goto(base);
  await setup.getByTestId("create-room-name").fill(`Bench six ${Date.now()}`);
  await setup.getByTestId("create-room-submit").click();
  await setup.waitForURL(/\/r\//);
  const room = new URL(setup.url()).pathname.split("/").pop() ?? "";
  await setup.close();

  const five = [];
  for (let i = 0; i < 5; i++) {
    const p = await openAndJoin(room, `Member ${i + 1}`);
    await p.page.getByTestId("room").waitFor();
    five.push(p);
  }
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const sixth = await openAndJoin(room, `Sixth ${r + 1}`);
    const deadline = Date.now() + 30_000;
    while ((await decodingFrom(sixth.page)) < 5) {
      if (Date.now() > deadline) throw new Error("the sixth joiner did not see all five videos");
      await new Promise((res) => setTimeout(res, 50));
    }
    const ms = await sixth.page.evaluate(() => performance.now() - (window.__joinClickedAt ?? 0));
    times.push(ms);
    process.stdout.write(
      `six-room join ${r + 1}/${repeats}: all 5 videos in ${ms.toFixed(0)} ms\n`,
    );
    await sixth.close();
  }
  // Six people (five + the last joiner) sitting in the room.
  const last = await openAndJoin(room, "Sixth idle");
  await last.page.getByTestId("room").waitFor();
  await new Promise((r) => setTimeout(r, 3000));
  const idleSix = await cpuShare(pids, 10_000);
  await last.close();
  for (const p of five) await p.close();

  const sorted = [...times].sort((a, b) => a - b);
  return {
    sixthJoinerSeesFiveVideosMs: {
      runs: repeats,
      p50: Math.round(percentile(sorted, 50)),
      p95: Math.round(percentile(sorted, 95)),
    },
    sfuCpu: {
      processes: pids.length,
      baselineNoRoomCores: Number(idleBaseline.toFixed(4)),
      sixPeopleIdleCores: Number(idleSix.toFixed(4)),
      perParticipantCores: Number(((idleSix - idleBaseline) / 6).toFixed(4)),
    },
  };
}
