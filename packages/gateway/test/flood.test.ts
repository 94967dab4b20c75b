/**
 * Floods: a SIPp burst at 3× what the gateway can hold gets 503 at once beyond capacity and
 * leaves nothing behind (sockets, ports, calls, timers, memory), after which 200 ordinary
 * calls all succeed. Capacity here is the RTP port range (100 port pairs).
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { sippLoad } from "../bench/lib/load";
import { portPoolFor } from "../src/rtp/PortPool";
import { GATEWAY_IP, type Harness, startHarness, until } from "./helpers/harness";
import { freePort, PEER_MEDIA_RANGE, PEER_SIP_RANGE } from "./helpers/ports";
import { uacScenario } from "./helpers/scenario";

const RANGE = { min: 34000, max: 34199 };
const fds = () => readdirSync("/proc/self/fd").length;

/** A caller that takes a 503 as the end of its call (not a failure) or is answered and holds. */
const burstScenario = (holdMs: number) => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="burst">
  <send retrans="500"><![CDATA[
      INVITE sip:burst@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:flood@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:burst@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:flood@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=- 1 1 IN IP4 [local_ip]
      s=-
      c=IN IP4 [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000

  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="503" optional="true" next="full"/>
  <recv response="200"/>
  <send><![CDATA[
      ACK sip:burst@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:flood@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:burst@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
  <pause milliseconds="${holdMs}"/>
  <send retrans="500"><![CDATA[
      BYE sip:burst@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:flood@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:burst@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
  <recv response="200"/>
  <nop next="done"/>
  <label id="full"/>
  <send><![CDATA[
      ACK sip:burst@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:flood@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:burst@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
  <label id="done"/>
</scenario>
`;

describe("SIP floods", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      flow: { steps: [{ type: "answer" }, { type: "pause", ms: 60_000 }] },
      rtpRange: RANGE,
    });
  });
  after(async () => {
    await h.close();
  });

  test("a burst at 3× capacity gets 503 beyond it, leaves nothing behind, and 200 calls then succeed", async () => {
    const pool = portPoolFor(GATEWAY_IP, RANGE);
    assert.equal(pool.capacity, 100);
    const fdsBefore = fds();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const burst = sippLoad({
      scenarioXml: burstScenario(3000),
      remote: `${GATEWAY_IP}:${h.port}`,
      localPort: await freePort("127.0.0.2", ...PEER_SIP_RANGE),
      mediaPort: await freePort("127.0.0.2", ...PEER_MEDIA_RANGE, true),
      rate: 300,
      total: 300,
      limit: 300,
      timeoutS: 60,
    });
    await until(() => pool.inUse === 100, "the range full", 15_000);
    const result = await burst.done;
    const burstSeconds = (performance.now() - started) / 1000;
    assert.equal(result.code, 0, `SIPp: ${JSON.stringify(result.stats).slice(0, 400)}`);
    assert.equal(
      Number(result.stats["SuccessfulCall(C)"]),
      300,
      "every caller got an answer: 200 or 503",
    );
    assert.ok(burstSeconds < 15, `503s came at once (${burstSeconds.toFixed(1)} s for the burst)`);
    const answered = h.calls.filter((c) => c.endReason === "remote-hangup").length;
    assert.equal(answered, 100, "exactly the capacity was answered");
    await until(
      () => h.gateway.activeCalls === 0 && pool.inUse === 0,
      "everything released",
      10_000,
    );

    const normal = sippLoad({
      scenarioXml: uacScenario({ service: "normal", steps: [{ pause: 200 }, { bye: true }] }),
      remote: `${GATEWAY_IP}:${h.port}`,
      localPort: await freePort("127.0.0.2", ...PEER_SIP_RANGE),
      mediaPort: await freePort("127.0.0.2", ...PEER_MEDIA_RANGE, true),
      rate: 50,
      total: 200,
      limit: 50,
      timeoutS: 60,
    });
    const ordinary = await normal.done;
    assert.equal(
      Number(ordinary.stats["SuccessfulCall(C)"]),
      200,
      JSON.stringify(ordinary.stats).slice(0, 400),
    );
    assert.equal(Number(ordinary.stats["FailedCall(C)"]), 0);
    await until(() => h.gateway.activeCalls === 0 && pool.inUse === 0, "released again", 10_000);
    const fdsAfter = fds();
    const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    assert.ok(fdsAfter <= fdsBefore + 5, `open files back to baseline: ${fdsBefore} → ${fdsAfter}`);
    assert.ok(rssGrowth < 60, `memory back near baseline: +${rssGrowth.toFixed(1)} MiB`);
  });
});
