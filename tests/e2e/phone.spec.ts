import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, expect, test } from "@playwright/test";
import { createDb, createRoomWithSettings } from "@switchboard/db";
import { Baresip } from "@switchboard/gateway-app/testing";
import { chromiumArgs, E2E_DB, E2E_GATEWAY_SIP_PORT } from "../../playwright.config";

// A phone and a browser in one room, through the real gateway, SFU and Chromium: the
// browser's microphone is a 1 kHz tone, baresip's is 440 Hz; each must hear the other.

const work = mkdtempSync(path.join(tmpdir(), "phone-e2e-"));
const browserTone = path.join(work, "browser-1k.wav");
const phoneTone = path.join(work, "phone-440.wav");

/** Power of `freq` in 16-bit mono PCM (Goertzel), relative to the signal's total power. */
function toneShare(samples: Int16Array, rate: number, freq: number): number {
  const k = 2 * Math.cos((2 * Math.PI * freq) / rate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const x of samples) {
    const s0 = x + k * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += x * x;
  }
  const power = s1 * s1 + s2 * s2 - k * s1 * s2;
  return energy > 0 ? power / ((energy * samples.length) / 2) : 0;
}

/** The last `seconds` of a 16-bit PCM WAV file. */
function tailOfWav(file: string, seconds: number): { samples: Int16Array; rate: number } {
  const buf = readFileSync(file);
  const rate = buf.readUInt32LE(24);
  let offset = 12;
  while (offset + 8 <= buf.length && buf.toString("ascii", offset, offset + 4) !== "data") {
    offset += 8 + buf.readUInt32LE(offset + 4);
  }
  const data = buf.subarray(offset + 8);
  const all = new Int16Array(data.buffer, data.byteOffset, Math.floor(data.length / 2));
  return { samples: all.slice(Math.max(0, all.length - seconds * rate)), rate };
}

test("a phone caller and a browser hear each other in a room (1 kHz ↔ 440 Hz)", async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  execFileSync("sox", [
    "-n",
    "-r",
    "48000",
    "-c",
    "1",
    "-b",
    "16",
    browserTone,
    "synth",
    "60",
    "sine",
    "1000",
    "vol",
    "0.5",
  ]);
  execFileSync("sox", [
    "-n",
    "-r",
    "8000",
    "-c",
    "1",
    "-b",
    "16",
    phoneTone,
    "synth",
    "60",
    "sine",
    "440",
    "vol",
    "0.5",
  ]);
  const slug = `phone-${Date.now()}`;
  const pin = String(100000 + Math.floor(Math.random() * 899999));
  const db = createDb(E2E_DB);
  await createRoomWithSettings(db, { name: "Phone e2e", slug, pin });
  await db.$disconnect();

  // The browser's microphone plays the 1 kHz file.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [...chromiumArgs, `--use-file-for-fake-audio-capture=${browserTone}`],
  });
  const context = await browser.newContext({ permissions: ["camera", "microphone"], baseURL });
  const page = await context.newPage();
  await page.goto(`/r/${slug}`);
  await page.getByTestId("display-name").fill("Browser");
  await page.getByTestId("join-button").click();
  await expect(page.getByTestId("room")).toBeVisible();

  const base = 26000 + Math.floor(Math.random() * 100) * 10;
  const phone = await Baresip.start({
    sourceWav: phoneTone,
    sipPort: base + 1,
    ctrlPort: base + 3,
    rtpPorts: [base + 4, base + 9],
  });
  let peak = 0;
  try {
    phone.command("dial", `sip:dialin@127.0.0.1:${E2E_GATEWAY_SIP_PORT}`);
    await page.waitForTimeout(1500);
    await phone.sendDigits(`${pin}#`);

    // The caller shows as a phone tile; its audio in the browser peaks at 440 Hz.
    await expect(page.locator('[data-testid="tile"][data-name^="Phone"]')).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.locator('[data-testid="tile"][data-name^="Phone"]')).toContainText(
      "On the phone",
    );
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            [...(window.__switchboard?.participants.values() ?? [])].some(
              (p) => p.displayName.startsWith("Phone") && p.tracks.some((t) => t.kind === "audio"),
            ),
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    peak = await page.evaluate(async () => {
      const room = window.__switchboard;
      const caller = [...(room?.participants.values() ?? [])].find((p) =>
        p.displayName.startsWith("Phone"),
      );
      const track = caller?.tracks.find((t) => t.kind === "audio");
      if (!track) return -1;
      const ctx = new AudioContext();
      await ctx.resume();
      const stream = new MediaStream([track.mediaStreamTrack]);
      // Chrome feeds remote WebRTC audio to WebAudio only while a media element plays it.
      const sink = new Audio();
      sink.srcObject = stream;
      sink.muted = true;
      await sink.play().catch(() => undefined);
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 8192;
      ctx.createMediaStreamSource(stream).connect(analyser);
      const bins = new Float32Array(analyser.frequencyBinCount);
      const best: number[] = [];
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 300));
        analyser.getFloatFrequencyData(bins);
        let max = 0;
        for (let b = 1; b < bins.length; b++) if ((bins[b] ?? -1e9) > (bins[max] ?? -1e9)) max = b;
        if ((bins[max] ?? -1e9) > -70) best.push((max * ctx.sampleRate) / analyser.fftSize);
      }
      await ctx.close();
      best.sort((a, b) => a - b);
      return best[Math.floor(best.length / 2)] ?? 0;
    });
    expect(Math.abs(peak - 440), `the browser hears the phone at ${peak} Hz`).toBeLessThan(20);

    // The phone hears the room: the last seconds of baresip's recording are the 1 kHz tone.
    await page.waitForTimeout(3000);
    phone.command("hangup");
    await page.waitForTimeout(500);
  } finally {
    await phone.stop();
    await browser.close();
  }
  const heard = phone.recordings().find((f) => /dec\.wav$/.test(f));
  expect(heard, `baresip recorded: ${phone.recordings().join(", ")}`).toBeTruthy();
  const { samples, rate } = tailOfWav(heard as string, 2);
  const at1k = toneShare(samples, rate, 1000);
  const at440 = toneShare(samples, rate, 440);
  test.info().annotations.push({
    type: "tones",
    description: `browser heard ${peak} Hz; phone heard 1 kHz share ${at1k.toFixed(2)}, 440 Hz share ${at440.toFixed(2)}`,
  });
  expect(at1k, `1 kHz share ${at1k.toFixed(3)}, 440 Hz share ${at440.toFixed(3)}`).toBeGreaterThan(
    0.3,
  );
  expect(at440).toBeLessThan(0.05);
});

test("a moderator calls a phone from the room: ringing, answered, a phone tile", async ({
  page,
}) => {
  test.setTimeout(90_000);
  execFileSync("sox", [
    "-n",
    "-r",
    "8000",
    "-c",
    "1",
    "-b",
    "16",
    phoneTone,
    "synth",
    "60",
    "sine",
    "440",
    "vol",
    "0.5",
  ]);
  const slug = `dialout-${Date.now()}`;
  const db = createDb(E2E_DB);
  await createRoomWithSettings(db, { name: "Dial-out e2e", slug });
  await db.$disconnect();
  const base = 27000 + Math.floor(Math.random() * 100) * 10;
  const phone = await Baresip.start({
    sourceWav: phoneTone,
    sipPort: base + 1,
    ctrlPort: base + 3,
    rtpPorts: [base + 4, base + 9],
  });
  try {
    await page.goto(`/r/${slug}`);
    await page.getByTestId("display-name").fill("Host");
    await page.getByTestId("join-button").click();
    await expect(page.getByTestId("room")).toBeVisible();
    await page.getByTestId("participants-button").click();
    await page.getByTestId("dial-input").fill(`sip:${Baresip.USER}@127.0.0.2:${base + 1}`);
    await page.getByTestId("dial-button").click();
    await expect(page.getByText(/answered\./)).toBeVisible({ timeout: 20_000 });
    const tile = page.locator('[data-testid="tile"][data-name^="Phone"]');
    await expect(tile).toBeVisible({ timeout: 15_000 });
    await expect(tile).toContainText("On the phone");
  } finally {
    await phone.stop();
  }
});
