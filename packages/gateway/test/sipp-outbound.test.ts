/**
 * Our endpoint as a client against real SIPp servers on 127.0.0.2: digest REGISTER
 * (SIPp registrar with verifyauth), outbound INVITE through a trunk that wants proxy digest
 * auth, and a busy callee (failure mapped to a typed reason).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Call } from "../src/Call";
import { createLogger } from "../src/log";
import { register } from "../src/sip/register";
import { SipEndpoint } from "../src/sip/SipEndpoint";
import { GATEWAY_IP, PEER_IP, until } from "./helpers/harness";
import {
  freePort,
  GATEWAY_RTP_RANGE,
  GATEWAY_SIP_RANGE,
  PEER_MEDIA_RANGE,
  PEER_SIP_RANGE,
} from "./helpers/ports";
import { runSipp, type SippRun } from "./helpers/sipp";

const ok = (r: SippRun) =>
  assert.equal(r.code, 0, `sipp failed (${r.code}):\n${r.errors}\n${r.messages.slice(-3000)}`);

async function uas(scenario: string, keys: Record<string, string> = {}) {
  const port = await freePort(PEER_IP, ...PEER_SIP_RANGE);
  let started!: () => void;
  const ready = new Promise<void>((r) => {
    started = r;
  });
  const done = runSipp({
    scenario,
    localIp: PEER_IP,
    localPort: port,
    mediaPort: await freePort(PEER_IP, ...PEER_MEDIA_RANGE, true),
    keys,
    timeoutS: 15,
    onStarted: () => started(),
  });
  await ready;
  return { port, done };
}

describe("outbound SIP against SIPp", () => {
  let endpoint: SipEndpoint;
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const media = { address: GATEWAY_IP, portRange: GATEWAY_RTP_RANGE };

  before(async () => {
    endpoint = new SipEndpoint({
      address: GATEWAY_IP,
      port: await freePort(GATEWAY_IP, ...GATEWAY_SIP_RANGE),
      logger,
    });
    await endpoint.start();
  });
  after(async () => {
    await endpoint.stop();
  });

  test("REGISTER answers the registrar's 401 with digest credentials (SIPp verifyauth)", async () => {
    const peer = await uas("uas-register-auth.xml", { password: "s3cret-pass" });
    const r = await register(endpoint, {
      registrar: `sip:${PEER_IP}:${peer.port}`,
      aor: `sip:gateway@${PEER_IP}`,
      credentials: { user: "gateway", password: "s3cret-pass" },
      expiresSeconds: 300,
    });
    assert.ok(r.ok, `register failed: ${JSON.stringify(!r.ok && r.status)}`);
    assert.equal(r.expiresSeconds, 120);
    ok(await peer.done);
  });

  test("REGISTER with a wrong password is refused", async () => {
    const peer = await uas("uas-register-auth.xml", { password: "s3cret-pass" });
    const r = await register(endpoint, {
      registrar: `sip:${PEER_IP}:${peer.port}`,
      aor: `sip:gateway@${PEER_IP}`,
      credentials: { user: "gateway", password: "wrong" },
    });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.status, 403);
    ok(await peer.done);
  });

  test("outbound INVITE through a trunk: 401 → digest, ringing, answered (PCMA), our BYE", async () => {
    const peer = await uas("uas-invite-auth.xml", { password: "trunk-pass" });
    const call = await Call.dial({
      endpoint,
      media,
      logger,
      to: `sip:+4930123456@${PEER_IP}:${peer.port}`,
      from: { uri: `sip:gateway@${GATEWAY_IP}`, params: {} },
      credentials: { user: "gateway", password: "trunk-pass" },
    });
    const events: string[] = [];
    call.on("ringing", () => events.push("ringing"));
    call.on("answered", () => events.push("answered"));
    await until(() => call.state === "active", "answer");
    assert.deepEqual(events, ["ringing", "answered"]);
    assert.equal(call.media.audio?.codec.name, "PCMA");
    await call.hangup();
    ok(await peer.done);
    assert.equal(call.endReason, "local-hangup");
  });

  test("a busy callee ends the call with reason busy", async () => {
    const peer = await uas("uas-busy.xml");
    const call = await Call.dial({
      endpoint,
      media,
      logger,
      to: `sip:busy@${PEER_IP}:${peer.port}`,
      from: { uri: `sip:gateway@${GATEWAY_IP}`, params: {} },
    });
    const ringing = new Promise<void>((r) => call.once("ringing", () => r()));
    const ended = new Promise<string>((r) => call.once("ended", r));
    await ringing;
    assert.equal(await ended, "busy");
    ok(await peer.done);
  });
});
