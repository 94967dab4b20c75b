import assert from "node:assert/strict";
import { test } from "node:test";
import alawmulaw from "alawmulaw";
import { decodeG711, encodeG711, encodeG711FromMix, G711_SILENCE } from "../src/codec/g711";
import { OpusEncoder48k, OpusTo8k } from "../src/codec/opus";

const sine = (n: number, f: number, rate: number, amp: number) =>
  Int16Array.from({ length: n }, (_, i) =>
    Math.round(amp * Math.sin((2 * Math.PI * f * i) / rate)),
  );

for (const law of ["PCMU", "PCMA"] as const) {
  test(`G.711 ${law} round trip stays within the quantization error and matches alawmulaw`, () => {
    const pcm = sine(160, 1000, 8000, 12000);
    const enc = new Uint8Array(160);
    encodeG711(law, pcm, enc);
    const ref = (law === "PCMU" ? alawmulaw.mulaw : alawmulaw.alaw).encode(pcm);
    assert.deepEqual(enc, ref);
    const dec = new Int16Array(160);
    decodeG711(law, enc, dec);
    for (let i = 0; i < 160; i++) {
      // Logarithmic companding: error grows with amplitude, at most ~1/32 of the value + a step.
      assert.ok(
        Math.abs(dec[i]! - pcm[i]!) <= Math.abs(pcm[i]!) / 16 + 16,
        `sample ${i}: ${pcm[i]} -> ${dec[i]}`,
      );
    }
    const silent = new Uint8Array(160);
    encodeG711(law, new Int16Array(160), silent);
    // Digital silence encodes to the law's silence byte (0xFF µ-law; A-law 0xD5).
    assert.equal(silent[0], G711_SILENCE[law]);
  });
}

test("mix-minus encoding clips to int16", () => {
  const mix = Int32Array.from({ length: 160 }, () => 50_000);
  const minus = Int16Array.from({ length: 160 }, () => 1000);
  const out = new Uint8Array(160);
  encodeG711FromMix("PCMU", mix, minus, out, 0, 160);
  const dec = new Int16Array(160);
  decodeG711("PCMU", out, dec);
  assert.ok(dec[0]! > 30_000, `clipped high, got ${dec[0]}`);
});

test("Opus 48 kHz packets decode straight to 160 samples at 8 kHz", () => {
  const enc = new OpusEncoder48k();
  const dec = new OpusTo8k();
  const out = new Int16Array(160);
  let energy = 0;
  for (let k = 0; k < 10; k++) {
    const n = dec.decode(enc.encode(sine(960, 440, 48000, 10000)), out);
    assert.equal(n, 160);
    if (k === 9) for (const s of out) energy += s * s;
  }
  assert.ok(Math.sqrt(energy / 160) > 2000, "a 440 Hz tone survives");
  assert.equal(
    dec.decode(Uint8Array.of(0xff, 0xff, 0xff), out) >= 0,
    true,
    "a corrupt packet does not throw",
  );
});
