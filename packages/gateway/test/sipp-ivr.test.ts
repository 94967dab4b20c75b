/**
 * Real SIPp against a test gateway built from the library (PIN IVR, in-memory rooms).
 * SIPp runs on 127.0.0.2, the gateway on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GATEWAY_IP, type Harness, PEER_IP, startHarness, until } from "./helpers/harness";
import { freePort, PEER_MEDIA_RANGE, PEER_SIP_RANGE } from "./helpers/ports";
import { dtmfToneWav, runSipp, type SippRun } from "./helpers/sipp";

async function sipp(
  h: Harness,
  scenario: string,
  extra: { transport?: "u1" | "t1"; prepare?: (dir: string) => void } = {},
): Promise<SippRun> {
  return runSipp({
    scenario,
    remote: `${GATEWAY_IP}:${h.port}`,
    localIp: PEER_IP,
    localPort: await freePort(PEER_IP, ...PEER_SIP_RANGE),
    mediaPort: await freePort(PEER_IP, ...PEER_MEDIA_RANGE, true),
    ...extra,
  });
}

const ok = (r: SippRun) =>
  assert.equal(
    r.code,
    0,
    `sipp failed (${r.code}):\n${r.errors}\n${r.stdout.slice(-1500)}\n${r.messages.slice(-3000)}`,
  );

describe("PIN dial-in IVR with SIPp", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  test("correct PIN as RFC 2833 events joins the room", async () => {
    const r = await sipp(h, "uac-pin-correct.xml");
    ok(r);
    assert.equal(h.joined.length, 1);
    assert.equal(h.joined[0]?.room, "room-a");
    assert.deepEqual(h.lookups, ["1123"]);
    const call = h.joined[0]!.call;
    await until(() => call.state === "ended", "call end");
    assert.equal(call.endReason, "remote-hangup");
  });

  test("wrong PIN three times: goodbye, then the gateway sends BYE", async () => {
    h.lookups.length = 0;
    const r = await sipp(h, "uac-pin-wrong.xml");
    ok(r);
    assert.deepEqual(h.lookups, ["90", "90", "90"]);
    const call = h.calls.at(-1)!;
    await until(() => call.state === "ended", "call end");
    assert.equal(call.endReason, "local-hangup");
  });

  test("in-band DTMF (tones in PCMU audio via rtp_stream) is detected and joins the room", async () => {
    h.joined.length = 0;
    h.lookups.length = 0;
    const r = await sipp(h, "uac-inband-dtmf.xml", {
      prepare: (dir) => dtmfToneWav(dir, "dtmf-inband.wav", "1123#"),
    });
    ok(r);
    assert.deepEqual(h.lookups, ["1123"]);
    assert.equal(h.joined[0]?.room, "room-a");
  });

  test("late offer: SDP offer in our 200, answer in the ACK; BYE from the gateway side", async () => {
    const before = h.calls.length;
    const run = sipp(h, "uac-late-offer.xml");
    await until(
      () => h.calls.length > before && h.calls.at(-1)!.state === "active",
      "answered call",
    );
    const call = h.calls.at(-1)!;
    assert.equal(call.media.audio?.codec.name, "PCMU");
    assert.equal(call.media.audio?.telephoneEventPt, 101);
    await call.hangup();
    ok(await run);
    assert.equal(call.endReason, "local-hangup");
  });

  test("re-INVITE sendonly puts the call on hold (we answer recvonly), sendrecv resumes", async () => {
    const before = h.calls.length;
    const holds: boolean[] = [];
    const run = sipp(h, "uac-hold.xml");
    await until(() => h.calls.length > before, "call");
    h.calls.at(-1)!.on("hold", (held) => holds.push(held));
    ok(await run);
    assert.deepEqual(holds, [true, false]);
  });

  test("TCP: correct PIN over SIP/TCP", async () => {
    h.joined.length = 0;
    const r = await sipp(h, "uac-pin-correct.xml", { transport: "t1" });
    ok(r);
    assert.equal(h.joined[0]?.room, "room-a");
  });
});

describe("ringing gateway", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      flow: {
        steps: [{ type: "ringing", ms: 3000 }, { type: "answer" }, { type: "pause", ms: 5000 }],
      },
    });
  });
  after(async () => {
    await h.close();
  });

  test("CANCEL before answer gets 200 and the INVITE 487", async () => {
    const r = await sipp(h, "uac-cancel.xml");
    ok(r);
    const call = h.calls.at(-1)!;
    await until(() => call.state === "ended", "call end");
    assert.equal(call.endReason, "cancelled");
  });
});
