import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { convertUpload, decodeWav, encodeWavPcm16, promptKey, synthesize } from "../src";

describe("phone audio tools", () => {
  it("speaks text at 8 kHz with espeak-ng and sox", async () => {
    const pcm = await synthesize("Press one for sales.");
    const seconds = pcm.length / 8000;
    assert.ok(seconds > 0.8 && seconds < 4, `about 1.5 s of speech, got ${seconds}`);
    let peak = 0;
    for (const s of pcm) peak = Math.max(peak, Math.abs(s));
    assert.ok(peak > 3000, "not silence");
  });

  it("the cache key depends on text and voice", () => {
    assert.equal(promptKey("hi", "en-us"), promptKey("hi", "en-us"));
    assert.notEqual(promptKey("hi", "en-us"), promptKey("hi", "de"));
  });

  it("converts an upload (a 44.1 kHz WAV) and round-trips WAV", async () => {
    const rate = 44100;
    const src = new Int16Array(rate);
    for (let i = 0; i < src.length; i++)
      src[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate));
    const pcm = await convertUpload(encodeWavPcm16(src, rate));
    assert.ok(Math.abs(pcm.length - 8000) < 50, `1 s at 8 kHz, got ${pcm.length}`);
    assert.deepEqual(decodeWav(encodeWavPcm16(pcm)), pcm);
  });

  it("refuses bad input with a typed error", async () => {
    await assert.rejects(synthesize("x", "../etc"), /bad voice/);
    await assert.rejects(convertUpload(new Uint8Array([1, 2, 3])), /sox failed/);
    assert.throws(() => decodeWav(new Uint8Array(10)), /not a WAV/);
  });
});
