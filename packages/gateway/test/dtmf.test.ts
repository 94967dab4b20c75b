import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DEFAULT_PROMPTS_DIR, decodeWav } from "@switchboard/tts";
import { DtmfDetector } from "../src/dtmf/DtmfDetector";
import { GoertzelDetector } from "../src/dtmf/goertzel";
import {
  buildTelephoneEvent,
  type DtmfDigit,
  digitToEvent,
  Rfc4733Receiver,
} from "../src/dtmf/rfc4733";

/** The packets a phone sends for one key: start, updates, then the end packet 3 times. */
function keyPress(d: DtmfDigit, ts: number) {
  const e = digitToEvent(d);
  const pkts = [0, 320, 640, 960].map((duration) => ({
    ts,
    payload: buildTelephoneEvent({ event: e, end: false, volume: 10, duration }),
  }));
  for (let i = 0; i < 3; i++)
    pkts.push({
      ts,
      payload: buildTelephoneEvent({ event: e, end: true, volume: 10, duration: 1280 }),
    });
  return pkts;
}

test("RFC 4733: each key press reported exactly once despite updates and 3 end packets", () => {
  const rx = new Rfc4733Receiver();
  const got: string[] = [];
  const seq = [...keyPress("1", 1000), ...keyPress("2", 5000), ...keyPress("#", 9000)];
  for (const p of seq) {
    const d = rx.onPacket(p.ts, p.payload);
    if (d) got.push(d);
  }
  assert.deepEqual(got, ["1", "2", "#"]);
});

test("RFC 4733: the same key twice, even replayed with the same timestamp, counts twice", () => {
  const rx = new Rfc4733Receiver();
  const got: string[] = [];
  for (const p of [...keyPress("1", 13280), ...keyPress("1", 13280), ...keyPress("1", 20000)]) {
    const d = rx.onPacket(p.ts, p.payload);
    if (d) got.push(d);
  }
  assert.deepEqual(got, ["1", "1", "1"]);
  assert.equal(rx.onPacket(1, Uint8Array.of(1)), null, "short payload");
  assert.equal(rx.onPacket(2, Uint8Array.of(200, 0, 0, 0)), null, "not a DTMF event");
});

const KEY_FREQS: Record<string, [number, number]> = {
  "1": [697, 1209],
  "5": [770, 1336],
  "9": [852, 1477],
  "0": [941, 1336],
  "#": [941, 1477],
  "*": [941, 1209],
  D: [941, 1633],
};

function tones(keys: string, onMs = 80, offMs = 80, amp = 6000, twistDb = 0): Int16Array {
  const rate = 8000;
  const out: number[] = [];
  for (const k of keys) {
    const [lo, hi] = KEY_FREQS[k]!;
    const hiAmp = amp * 10 ** (twistDb / 20);
    for (let i = 0; i < (onMs * rate) / 1000; i++)
      out.push(
        Math.round(
          amp * Math.sin((2 * Math.PI * lo * i) / rate) +
            hiAmp * Math.sin((2 * Math.PI * hi * i) / rate),
        ),
      );
    for (let i = 0; i < (offMs * rate) / 1000; i++) out.push(0);
  }
  return Int16Array.from(out);
}

function detect(pcm: Int16Array): string {
  const g = new GoertzelDetector();
  let got = "";
  for (let o = 0; o < pcm.length; o += 160) g.push(pcm.subarray(o, o + 160), (d) => (got += d));
  return got;
}

test("Goertzel finds synthetic key presses once each (including repeated keys)", () => {
  assert.equal(detect(tones("1590#*D")), "1590#*D");
  assert.equal(detect(tones("11")), "11");
  assert.equal(detect(tones("5", 80, 80, 6000, -6)), "5", "6 dB normal twist is accepted");
});

test("Goertzel ignores too-short tones, excessive twist, noise and speech", () => {
  assert.equal(detect(tones("5", 20, 80)), "", "20 ms is not a key press");
  assert.equal(detect(tones("5", 80, 80, 6000, 10)), "", "10 dB reverse twist");
  let seed = 1;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed / 0x7fffffff) * 2 - 1;
  };
  assert.equal(
    detect(Int16Array.from({ length: 8000 * 3 }, () => Math.round(rnd() * 8000))),
    "",
    "white noise",
  );
  for (const name of ["welcome", "enter-pin", "invalid-pin", "goodbye"]) {
    const speech = decodeWav(new Uint8Array(readFileSync(`${DEFAULT_PROMPTS_DIR}/${name}.wav`)));
    assert.equal(detect(speech), "", `speech prompt "${name}"`);
  }
});

test("DtmfDetector: in-band until RFC 4733 events appear, then events only (no doubles)", () => {
  const got: string[] = [];
  const det = new DtmfDetector((d, src) => got.push(`${d}:${src}`));
  const audio = tones("1");
  for (let o = 0; o < audio.length; o += 160) det.onAudio(audio.subarray(o, o + 160));
  for (const p of keyPress("9", 100)) det.onEventPacket(p.ts, p.payload);
  // The same key in-band and as events at once: reported once, from the events.
  const both = tones("9");
  for (let o = 0; o < both.length; o += 160) det.onAudio(both.subarray(o, o + 160));
  for (const p of keyPress("9", 900)) det.onEventPacket(p.ts, p.payload);
  assert.deepEqual(got, ["1:inband", "9:rfc4733", "9:rfc4733"]);
});
