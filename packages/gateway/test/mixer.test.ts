import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeG711, encodeG711 } from "../src/codec/g711";
import { OpusEncoder48k } from "../src/codec/opus";
import { RoomMixer } from "../src/mixer/RoomMixer";

const N = 160;
const tone = (f: number, amp: number, rate = 8000, n = N) =>
  Int16Array.from({ length: n }, (_, i) =>
    Math.round(amp * Math.sin((2 * Math.PI * f * i) / rate)),
  );

/** Power of frequency f in a frame (single-bin DFT). */
function power(pcm: Int16Array, f: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < pcm.length; i++) {
    re += pcm[i]! * Math.cos((2 * Math.PI * f * i) / 8000);
    im += pcm[i]! * Math.sin((2 * Math.PI * f * i) / 8000);
  }
  return Math.sqrt(re * re + im * im) / pcm.length;
}

function g711(f: number, amp: number): Uint8Array {
  const out = new Uint8Array(N);
  encodeG711("PCMU", tone(f, amp), out);
  return out;
}

test("mix-minus: each phone leg hears the others, never itself", () => {
  const mixer = new RoomMixer();
  const heard = new Map<string, Int16Array>();
  const freqs: Record<string, number> = { a: 500, b: 1000, c: 2000 };
  for (const id of ["a", "b", "c"]) {
    mixer.addLeg({
      id,
      law: "PCMU",
      output: (frame) => {
        const pcm = new Int16Array(N);
        decodeG711("PCMU", frame, pcm);
        heard.set(id, pcm);
      },
    });
  }
  for (let seq = 0; seq < 4; seq++) {
    for (const [id, f] of Object.entries(freqs))
      mixer.pushLegPacket(id, seq, seq * N, g711(f, 4000));
    mixer.tick();
  }
  for (const [id, f] of Object.entries(freqs)) {
    const pcm = heard.get(id)!;
    assert.ok(power(pcm, f) < 100, `${id} must not hear itself (${power(pcm, f).toFixed(0)})`);
    for (const [other, g] of Object.entries(freqs)) {
      if (other !== id)
        assert.ok(power(pcm, g) > 1000, `${id} hears ${other} (${power(pcm, g).toFixed(0)})`);
    }
  }
});

test("room speakers are decoded once per tick and heard by every leg; own speaker excluded", () => {
  const mixer = new RoomMixer();
  const heard = new Map<string, Int16Array>();
  for (const [id, own] of [
    ["phone1", undefined],
    ["phone2", "sp-2"],
  ] as const) {
    mixer.addLeg({
      id,
      law: "PCMA",
      ...(own && { ownSpeakerId: own }),
      output: (frame) => {
        const pcm = new Int16Array(N);
        decodeG711("PCMA", frame, pcm);
        heard.set(id, pcm);
      },
    });
  }
  const enc1 = new OpusEncoder48k();
  const enc2 = new OpusEncoder48k();
  for (let seq = 0; seq < 12; seq++) {
    mixer.pushSpeakerPacket("sp-1", seq, seq * 960, enc1.encode(tone(600, 8000, 48000, 960)));
    mixer.pushSpeakerPacket("sp-2", seq, seq * 960, enc2.encode(tone(1500, 8000, 48000, 960)));
    mixer.tick();
  }
  assert.equal(mixer.speakerCount, 2);
  const p1 = heard.get("phone1")!;
  const p2 = heard.get("phone2")!;
  assert.ok(power(p1, 600) > 1000 && power(p1, 1500) > 1000, "phone1 hears both speakers");
  assert.ok(power(p2, 600) > 1000, "phone2 hears speaker 1");
  assert.ok(
    power(p2, 1500) < 300,
    `phone2 does not hear its own voice back (${power(p2, 1500).toFixed(0)})`,
  );
});

test("silent legs share one encoded frame; a leg removed gets nothing", () => {
  const mixer = new RoomMixer();
  const frames: Uint8Array[] = [];
  let removedCalls = 0;
  mixer.addLeg({ id: "x", law: "PCMU", output: (f) => frames.push(f) });
  mixer.addLeg({ id: "y", law: "PCMU", output: (f) => frames.push(f) });
  mixer.addLeg({ id: "z", law: "PCMU", output: () => removedCalls++ });
  mixer.removeLeg("z");
  mixer.tick();
  assert.equal(frames.length, 2);
  assert.equal(frames[0], frames[1], "same buffer: encoded once");
  assert.equal(removedCalls, 0);
});
