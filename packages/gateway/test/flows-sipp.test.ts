/**
 * Call flows on real calls: SIPp callers walk menus with RFC 2833 digits and SIP INFO, hear
 * rejects and redirects before answer, leave voicemail, are dialed through to SIPp callees
 * (answer, busy, no answer), are moved out of a room and back, and transfer by REFER.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { FlowDocumentInput } from "@switchboard/flows";
import { parseFlow } from "@switchboard/flows";
import { decodeWav } from "@switchboard/tts";
import { toneShare, toneWav } from "./helpers/audio";
import { GATEWAY_IP, type Harness, PEER_IP, startHarness, until } from "./helpers/harness";
import { freePort, PEER_MEDIA_RANGE, PEER_SIP_RANGE } from "./helpers/ports";
import { type UacStep, uacScenario, uasScenario } from "./helpers/scenario";
import { runSipp, type SippRun } from "./helpers/sipp";

const ok = (r: SippRun) =>
  assert.equal(
    r.code,
    0,
    `sipp failed (${r.code}):\n${r.errors}\n${r.stdout.slice(-1500)}\n${r.messages.slice(-4000)}`,
  );

async function caller(
  h: Harness,
  service: string,
  steps: UacStep[],
  extra: { expectStatus?: number; prepare?: (dir: string) => void; timeoutS?: number } = {},
): Promise<SippRun> {
  return runSipp({
    scenario: uacScenario({
      service,
      steps,
      ...(extra.expectStatus !== undefined && { expectStatus: extra.expectStatus }),
    }),
    remote: `${GATEWAY_IP}:${h.port}`,
    localIp: PEER_IP,
    localPort: await freePort(PEER_IP, ...PEER_SIP_RANGE),
    mediaPort: await freePort(PEER_IP, ...PEER_MEDIA_RANGE, true),
    ...(extra.prepare && { prepare: extra.prepare }),
    timeoutS: extra.timeoutS ?? 40,
  });
}

/** A SIPp callee on 127.0.0.3; `done` resolves when its scenario ends. */
async function callee(o: Parameters<typeof uasScenario>[0], prepare?: (dir: string) => void) {
  const ip = "127.0.0.3";
  const port = await freePort(ip, ...PEER_SIP_RANGE);
  let started!: () => void;
  const ready = new Promise<void>((r) => {
    started = r;
  });
  const done = runSipp({
    scenario: uasScenario(o),
    localIp: ip,
    localPort: port,
    mediaPort: await freePort(ip, ...PEER_MEDIA_RANGE, true),
    timeoutS: 40,
    onStarted: () => started(),
    ...(prepare && { prepare }),
  });
  await ready;
  return { uri: `sip:callee@${ip}:${port}`, done };
}

const lastEntered = (h: Harness) => [...h.entered.values()].at(-1) ?? [];

const MENU: FlowDocumentInput = {
  steps: [
    { type: "answer" },
    {
      type: "gather",
      id: "main",
      prompt: [{ say: "Main menu. Press 1 for sales, 2 for support." }],
      numDigits: 1,
      timeoutMs: 1500,
      retries: 1,
      branches: [
        {
          digits: "1",
          steps: [
            {
              type: "gather",
              id: "sales",
              prompt: [{ say: "Sales. Press 1 for new orders, 2 for existing orders." }],
              numDigits: 1,
              timeoutMs: 1500,
              branches: [
                { digits: "1", steps: [{ type: "say", id: "new-orders", text: "New orders." }] },
                {
                  digits: "2",
                  steps: [{ type: "say", id: "existing-orders", text: "Existing orders." }],
                },
              ],
            },
          ],
        },
        { digits: "2", steps: [{ type: "say", id: "support", text: "Support." }] },
      ],
      timeout: [{ type: "say", id: "timed-out", text: "Goodbye." }, { type: "hangup" }],
      invalid: [{ type: "say", id: "invalid", text: "Goodbye." }, { type: "hangup" }],
    },
    { type: "pause", id: "end", ms: 300 },
    { type: "hangup" },
  ],
};

describe("menus with real SIP callers", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ flow: MENU });
  });
  after(async () => {
    await h.close();
  });

  test("a two-level menu with RFC 2833 digits, typed during the prompts", async () => {
    const r = await caller(h, "menu", [
      { pause: 800 },
      { dtmf: "1" },
      { pause: 600 },
      { dtmf: "2" },
      { expectBye: true },
    ]);
    ok(r);
    assert.deepEqual(lastEntered(h), [
      "answer",
      "main",
      "sales",
      "existing-orders",
      "end",
      "hangup",
    ]);
  });

  test("the same menu by SIP INFO (application/dtmf-relay)", async () => {
    const r = await caller(h, "menu", [{ pause: 500 }, { info: "2" }, { expectBye: true }]);
    ok(r);
    assert.deepEqual(lastEntered(h), ["answer", "main", "support", "end", "hangup"]);
  });

  test("silence takes the timeout branch after a retry; a wrong key the invalid one", async () => {
    ok(await caller(h, "menu", [{ expectBye: true, timeoutMs: 30000 }]));
    assert.deepEqual(lastEntered(h), ["answer", "main", "timed-out", "hangup"]);
    ok(
      await caller(h, "menu", [
        { pause: 300 },
        { dtmf: "7" },
        { pause: 1500 },
        { dtmf: "9" },
        { expectBye: true },
      ]),
    );
    assert.deepEqual(lastEntered(h), ["answer", "main", "invalid", "hangup"]);
  });
});

describe("before answer: reject, redirect", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      flow: (call) =>
        call.requestUri?.includes("busy")
          ? { steps: [{ type: "reject", status: 486 }] }
          : { steps: [{ type: "redirect", to: "sip:elsewhere@192.0.2.10" }] },
    });
  });
  after(async () => {
    await h.close();
  });

  test("reject answers 486 and never 200; redirect answers 302 with the Contact", async () => {
    const busy = await caller(h, "busy", [], { expectStatus: 486 });
    ok(busy);
    assert.doesNotMatch(busy.messages, /SIP\/2\.0 200 OK/);
    const moved = await caller(h, "moved", [], { expectStatus: 302 });
    ok(moved);
    assert.match(moved.messages, /Contact: +<sip:elsewhere@192\.0\.2\.10>/);
    assert.doesNotMatch(moved.messages, /SIP\/2\.0 200 OK/);
    assert.equal(h.calls.at(-1)?.endReason, "redirected");
  });
});

describe("voicemail", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      flow: {
        steps: [
          { type: "record", mailbox: "sales", beep: true, maxMs: 20000, silenceMs: 1500 },
          { type: "say", text: "Thank you." },
          { type: "hangup" },
        ],
      },
    });
  });
  after(async () => {
    await h.close();
  });

  test("a 700 Hz message is recorded to a WAV whose main frequency is 700 Hz", async () => {
    const r = await caller(h, "vm", [{ pause: 700 }, { stream: "tone.wav" }, { expectBye: true }], {
      prepare: (dir) => toneWav(`${dir}/tone.wav`, 700, 2),
    });
    ok(r);
    assert.equal(h.recordings.length, 1);
    const rec = h.recordings[0]!;
    assert.equal(rec.mailbox, "sales");
    assert.ok(
      rec.durationMs > 1500 && rec.durationMs < 3500,
      `about 2 s, got ${rec.durationMs} ms`,
    );
    const pcm = decodeWav(new Uint8Array(readFileSync(rec.path)));
    assert.ok(toneShare(pcm, 700) > 0.6, `700 Hz dominates (${toneShare(pcm, 700).toFixed(2)})`);
    assert.ok(toneShare(pcm, 1000) < 0.1, "the 1 kHz beep is not in the message");
  });
});

describe("dial: answered, busy, no answer", () => {
  let h: Harness;
  let target = "";
  const flow: FlowDocumentInput = {
    steps: [
      { type: "answer" },
      {
        type: "dial",
        to: "{{target}}",
        timeoutMs: 2500,
        busy: [{ type: "say", id: "was-busy", text: "Busy." }],
        noAnswer: [{ type: "say", id: "no-answer", text: "No answer." }],
        failed: [{ type: "say", id: "failed", text: "Failed." }],
      },
      { type: "say", id: "after-dial", text: "Back in the flow." },
      { type: "hangup" },
    ],
  };
  before(async () => {
    h = await startHarness({
      flow: () =>
        ({
          steps: [{ type: "set", vars: { target } }, ...(flow.steps as object[])],
        }) as FlowDocumentInput,
    });
  });
  after(async () => {
    await h.close();
  });

  test("busy and no answer take their branches", async () => {
    const busy = await runSippBusy();
    target = busy.uri;
    ok(await caller(h, "dial", [{ expectBye: true }]));
    ok(await busy.done);
    assert.ok(lastEntered(h).includes("was-busy"), lastEntered(h).join());
    const silent = await callee({ never: true });
    target = silent.uri;
    ok(await caller(h, "dial", [{ expectBye: true }]));
    ok(await silent.done);
    assert.ok(lastEntered(h).includes("no-answer"), lastEntered(h).join());
  });

  test("answered: the two calls are bridged, then the flow goes on when the callee hangs up", async () => {
    const answering = await callee({ answerAfterMs: 300, holdMs: 30000, stream: "c.wav" }, (dir) =>
      toneWav(`${dir}/c.wav`, 1000, 3),
    );
    target = answering.uri;
    const before = h.dialed.length;
    const r = caller(h, "dial", [{ expectBye: true, timeoutMs: 30000 }]);
    await until(
      () => h.dialed.length > before && h.dialed.at(-1)?.state === "active",
      "callee answered",
    );
    const inbound = h.calls.at(-1)!;
    const outbound = h.dialed.at(-1)!;
    // The bridge passes the callee's audio to the caller through the gateway.
    const sentBefore = inbound.media.leg.stats.packetsSent;
    await until(
      () =>
        outbound.media.leg.stats.packetsReceived > 40 &&
        inbound.media.leg.stats.packetsSent > sentBefore + 40,
      "media through the bridge",
    );
    await outbound.hangup(); // the callee's leg ends: the flow goes on
    ok(await answering.done);
    ok(await r);
    assert.ok(lastEntered(h).includes("after-dial"), lastEntered(h).join());
  });
});

async function runSippBusy() {
  const ip = "127.0.0.3";
  const port = await freePort(ip, ...PEER_SIP_RANGE);
  let started!: () => void;
  const ready = new Promise<void>((r) => {
    started = r;
  });
  const done = runSipp({
    scenario: "uas-busy.xml",
    localIp: ip,
    localPort: port,
    mediaPort: await freePort(ip, ...PEER_MEDIA_RANGE, true),
    timeoutS: 20,
    onStarted: () => started(),
  });
  await ready;
  return { uri: `sip:busy@${ip}:${port}`, done };
}

describe("moving a call", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      flow: { steps: [{ type: "answer" }, { type: "conference", room: "room-a" }] },
    });
  });
  after(async () => {
    await h.close();
  });

  test("a call leaves its room for a prompt and comes back, the SIP dialog untouched", async () => {
    const r = caller(h, "room", [{ pause: 6000 }, { bye: true }]);
    await until(() => h.rooms.roomSize("room-a") === 1, "in the room");
    const call = h.calls.at(-1)!;
    const run = h.gateway.flowOf(call);
    assert.ok(run);
    const detour = parseFlow({
      steps: [
        { type: "say", id: "detour", text: "One moment." },
        { type: "conference", id: "back", room: "room-a" },
      ],
    });
    assert.ok(detour.ok);
    run.jump(detour.flow);
    await until(() => h.rooms.roomSize("room-a") === 0, "out of the room");
    assert.equal(call.state, "active");
    await until(() => h.rooms.roomSize("room-a") === 1, "back in the room", 15000);
    ok(await r);
    assert.deepEqual(lastEntered(h), ["answer", "conference", "detour", "back"]);
    assert.equal(call.endReason, "remote-hangup");
    assert.doesNotMatch(
      (await r).messages
        .split("\n")
        .filter((l) => l.startsWith("INVITE"))
        .slice(1)
        .join("\n"),
      /INVITE/,
      "no re-INVITE",
    );
  });
});

describe("transfer by REFER", () => {
  let h: Harness;
  let first = "";
  before(async () => {
    h = await startHarness({
      flow: () => ({ steps: [{ type: "answer" }, { type: "dial", to: first }] }),
    });
  });
  after(async () => {
    await h.close();
  });

  test("REFER from the caller is answered 202, NOTIFYs follow, the callee is connected to the target", async () => {
    const a = await callee({ answerAfterMs: 100, holdMs: 20000 });
    const b = await callee({ answerAfterMs: 300, holdMs: 20000 });
    first = a.uri;
    const r = await caller(h, "xfer", [
      { pause: 1500 },
      { refer: b.uri, notifies: 2 },
      { bye: true },
    ]);
    ok(r);
    assert.match(r.messages, /SIP\/2\.0 202 Accepted/);
    assert.match(r.messages, /SIP\/2\.0 100 Trying/);
    assert.match(r.messages, /SIP\/2\.0 200 OK\r?\n/);
    const outbound = h.dialed;
    assert.equal(outbound.length, 2, "the target was called");
    await until(() => outbound.every((c) => c.state === "active"), "callee and target bridged");
    assert.equal(h.calls.find((c) => c.direction === "inbound")?.endReason, "transferred");
    await Promise.all(outbound.map((c) => c.hangup()));
    ok(await a.done);
    ok(await b.done);
  });
});
