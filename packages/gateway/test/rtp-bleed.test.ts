/**
 * RTP bleed, performed: while a caller (SIPp, 440 Hz) talks to a flow that records it, an
 * attacker sprays the whole RTP port range with a 1 kHz tone. What the gateway hears (the
 * recording) is the caller's 440 Hz only; the attacker receives none of the call's audio;
 * the packets are dropped and counted.
 */
import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { decodeWav } from "@switchboard/tts";
import { encodeG711 } from "../src/codec/g711";
import { serializeRtp } from "../src/rtp/packet";
import { toneShare, toneWav } from "./helpers/audio";
import { GATEWAY_IP, type Harness, PEER_IP, startHarness, until } from "./helpers/harness";
import { freePort, PEER_MEDIA_RANGE, PEER_SIP_RANGE } from "./helpers/ports";
import { uacScenario } from "./helpers/scenario";
import { runSipp } from "./helpers/sipp";

const RANGE = { min: 34400, max: 34499 };

describe("RTP bleed", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      flow: {
        steps: [
          { type: "answer" },
          { type: "record", beep: false, maxMs: 4000, silenceMs: 0, finishOnKey: "#" },
          { type: "hangup" },
        ],
      },
      rtpRange: RANGE,
    });
  });
  after(async () => {
    await h.close();
  });

  test("a sprayed 1 kHz tone is neither heard nor answered; the caller's 440 Hz is", async () => {
    const attacker = createSocket("udp4");
    await new Promise<void>((r) => attacker.bind(0, "127.0.0.9", () => r()));
    let leaked = 0;
    attacker.on("message", () => leaked++);
    const pcm = new Int16Array(160);
    const payload = new Uint8Array(160);
    let seq = 0;
    const spray = setInterval(() => {
      for (let i = 0; i < 160; i++)
        pcm[i] = Math.round(12000 * Math.sin((2 * Math.PI * 1000 * (seq * 160 + i)) / 8000));
      encodeG711("PCMU", pcm, payload);
      const packet = serializeRtp({
        payloadType: 0,
        marker: false,
        sequenceNumber: seq & 0xffff,
        timestamp: seq * 160,
        ssrc: 0xbad,
        payload,
      });
      seq++;
      for (let port = RANGE.min; port <= RANGE.max; port += 2)
        attacker.send(packet, port, GATEWAY_IP);
    }, 20);
    try {
      const run = runSipp({
        scenario: uacScenario({
          service: "record",
          steps: [{ pause: 300 }, { stream: "tone.wav" }, { expectBye: true }],
        }),
        remote: `${GATEWAY_IP}:${h.port}`,
        localIp: PEER_IP,
        localPort: await freePort(PEER_IP, ...PEER_SIP_RANGE),
        mediaPort: await freePort(PEER_IP, ...PEER_MEDIA_RANGE, true),
        prepare: (dir) => toneWav(`${dir}/tone.wav`, 440, 5),
        timeoutS: 30,
      });
      const r = await run;
      assert.equal(r.code, 0, r.errors);
    } finally {
      clearInterval(spray);
      attacker.close();
    }
    await until(() => h.recordings.length === 1, "the recording");
    const heard = decodeWav(new Uint8Array(readFileSync(h.recordings[0]!.path)));
    assert.ok(
      toneShare(heard, 440) > 0.6,
      `the caller is heard (440 Hz share ${toneShare(heard, 440).toFixed(2)})`,
    );
    assert.ok(
      toneShare(heard, 1000) < 0.05,
      `the attacker is not (1 kHz share ${toneShare(heard, 1000).toFixed(3)})`,
    );
    assert.equal(leaked, 0, "the attacker received none of the call's audio");
    const call = h.calls.at(-1)!;
    assert.ok(
      call.media.leg.stats.rejectedPackets > 50,
      `dropped and counted: ${call.media.leg.stats.rejectedPackets}`,
    );
  });
});
