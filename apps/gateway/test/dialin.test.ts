import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createNumber, createRoomWithSettings, createTrunk } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { createLogger } from "@switchboard/gateway";
import type { Sfu } from "@switchboard/sfu";
import { startTestSfu, TestClient, waitFor } from "@switchboard/sfu/testing";
import { gatewayControlToken } from "@switchboard/tokens";
import { GatewayConfigSchema } from "../src/config";
import { type RunningGateway, startGateway } from "../src/GatewayApp";
import { Baresip } from "../src/testing";

const secret = "gateway-e2e-secret-".padEnd(48, "z");
const base = 24000 + Math.floor(Math.random() * 200) * 10;

describe("dial-in with a PIN through the real gateway, SFU and baresip", () => {
  let t: TestDatabase;
  let sfu: Sfu;
  let gw: RunningGateway;
  let phone: Baresip;
  const work = mkdtempSync(path.join(tmpdir(), "dialin-"));
  const tone = path.join(work, "440.wav");

  before(async () => {
    execFileSync("sox", [
      "-n",
      "-r",
      "8000",
      "-c",
      "1",
      "-b",
      "16",
      tone,
      "synth",
      "150",
      "sine",
      "440",
      "vol",
      "0.5",
    ]);
    t = createTestDatabase();
    await createRoomWithSettings(t.db, { name: "Phones", slug: "phones", pin: "246810" });
    await createRoomWithSettings(t.db, { name: "Quiet", slug: "quiet", pin: "135790" });
    await createRoomWithSettings(t.db, { name: "Dial-out", slug: "dialout" });
    await createRoomWithSettings(t.db, { name: "Sales", slug: "sales" });
    await createNumber(t.db, { number: "+4930111222", room: "sales" });
    sfu = await startTestSfu(
      t.db,
      { emptyRoomGraceMs: 500, secret, gatewayControlUrl: `http://127.0.0.1:${base + 5}` },
      createLogger(process.env.SFU_LOG ?? "silent"),
    );
    gw = await startGateway(
      GatewayConfigSchema.parse({
        sipAddress: "127.0.0.1",
        sipPort: base,
        rtpMinPort: base + 2000,
        rtpMaxPort: base + 2099,
        sfuUrl: `http://127.0.0.1:${sfu.port}`,
        secret,
        healthPort: base + 5,
        // Rooms may call the test phone's host only.
        sipDialHosts: "127.0.0.2",
        logLevel: "silent",
      }),
      { db: t.db, log: createLogger(process.env.TEST_LOG_LEVEL ?? "silent") },
    );
    phone = await Baresip.start({
      sourceWav: tone,
      sipPort: base + 1,
      ctrlPort: base + 3,
      rtpPorts: [base + 4000, base + 4099],
    });
  });

  after(async () => {
    await phone?.stop();
    await gw?.close();
    await sfu?.close();
    await t?.dispose();
  });

  test("the caller types the PIN, is a phone tile in the room, sends audio, *6 mutes, removal hangs up", async () => {
    phone.command("dial", `sip:dialin@127.0.0.1:${gw.sipPort}`);
    const live = await waitFor(
      () => [...gw.live.values()][0],
      "the call reaches the gateway",
      10_000,
    );
    await waitFor(() => live.call.state === "active", "answered", 10_000);
    await new Promise((r) => setTimeout(r, 1000));
    await phone.sendDigits("246810#");
    const caller = await waitFor(
      () => [...(sfu.rooms.get("phones")?.peers.values() ?? [])].find((p) => p.kind === "phone"),
      "a phone participant in the room",
      15_000,
    );
    assert.match(caller.displayName, /^Phone/);
    assert.equal(caller.role, "guest");
    const record = await waitFor(
      async () =>
        (await t.db.callRecord.findMany())[0]?.roomSlug === "phones" &&
        (await t.db.callRecord.findMany())[0],
      "the call record names the room",
    );
    assert.equal(record.direction, "inbound");
    assert.ok(record.answeredAt);
    assert.ok(!JSON.stringify(record).includes("246810"), "the PIN is not stored");

    // The caller's 440 Hz reaches the SFU as PCMU (no transcoding).
    const producer = await waitFor(() => [...caller.producers.values()][0], "a producer");
    assert.equal(producer.rtpParameters.codecs[0]?.mimeType, "audio/PCMU");
    await waitFor(
      async () => (await producer.getStats()).some((s) => s.byteCount > 8000),
      "RTP flows",
      10_000,
    );

    // *6 toggles self-mute: the producer is paused on the SFU; again, resumed.
    await phone.sendDigits("*6");
    await waitFor(() => producer.paused, "muted by *6", 5000);
    await phone.sendDigits("*6");
    await waitFor(() => !producer.paused, "unmuted by *6", 5000);

    // A moderator removes the caller: the gateway hangs up, the record says so.
    sfu.rooms.get("phones")?.remove(caller.id, "removed by a moderator");
    await waitFor(() => live.call.state === "ended", "the call ends", 10_000);
    const ended = await waitFor(
      async () =>
        (await t.db.callRecord.findFirst({ where: { endedAt: { not: null } } })) ?? undefined,
      "the record is closed",
    );
    assert.equal(ended.endReason, "local-hangup");
    await waitFor(
      () => !sfu.rooms.get("phones")?.gatewayListeners.size,
      "the listener leaves with the last caller",
      5000,
    );
  });

  test("dial-out from the control API: the callee auto-answers and is in the room", async () => {
    const api = (init: RequestInit & { auth?: string }) =>
      fetch(`http://127.0.0.1:${gw.healthPort}/calls`, {
        ...init,
        headers: {
          authorization: init.auth ?? `Bearer ${gatewayControlToken(secret)}`,
          "content-type": "application/json",
        },
      });
    assert.equal((await api({ method: "POST", body: "{}", auth: "Bearer nope" })).status, 401);
    const bad = await api({
      method: "POST",
      body: JSON.stringify({ room: "phones", to: "not a number" }),
    });
    assert.equal(bad.status, 400);
    const unknown = await api({
      method: "POST",
      body: JSON.stringify({ room: "nowhere", to: "sip:x@127.0.0.2" }),
    });
    assert.equal(unknown.status, 404);
    // SSRF over SIP: a room may not call a host an admin did not list.
    const ssrf = await api({
      method: "POST",
      body: JSON.stringify({ room: "phones", to: "sip:x@127.0.0.9:22" }),
    });
    assert.equal(ssrf.status, 403);
    assert.equal(
      ((await ssrf.json()) as { error: { code: string } }).error.code,
      "DESTINATION_NOT_ALLOWED",
    );
    const res = await api({
      method: "POST",
      body: JSON.stringify({
        room: "phones",
        to: `sip:${Baresip.USER}@127.0.0.2:${phone.sipPort}`,
      }),
    });
    assert.equal(res.status, 202);
    const { callId } = (await res.json()) as { callId: string };
    const callee = await waitFor(
      () => [...(sfu.rooms.get("phones")?.peers.values() ?? [])].find((p) => p.kind === "phone"),
      "the callee in the room",
      15_000,
    );
    const liveRes = await fetch(`http://127.0.0.1:${gw.healthPort}/calls/live`, {
      headers: { authorization: `Bearer ${gatewayControlToken(secret)}` },
    });
    const { calls } = (await liveRes.json()) as {
      calls: Array<{ callId: string; state: string; room: string }>;
    };
    assert.deepEqual(
      calls.map((c) => [c.callId, c.state, c.room]),
      [[callId, "active", "phones"]],
    );
    const record = await t.db.callRecord.findUnique({ where: { callId } });
    assert.equal(record?.direction, "outbound");
    assert.equal(callee.role, "guest");
    const hangup = await fetch(
      `http://127.0.0.1:${gw.healthPort}/calls/${encodeURIComponent(callId)}`,
      {
        method: "DELETE",
        headers: { authorization: `Bearer ${gatewayControlToken(secret)}` },
      },
    );
    assert.equal(hangup.status, 200);
    await waitFor(
      async () =>
        (await t.db.callRecord.findUnique({ where: { callId } }))?.endReason === "local-hangup",
      "the record is closed",
    );
  });

  test("a room silent for 60 s keeps the call up, with RTP every 20 ms", {
    timeout: 90_000,
  }, async () => {
    const before = new Set(gw.live.keys());
    phone.command("dial", `sip:dialin@127.0.0.1:${gw.sipPort}`);
    const live = await waitFor(
      () => [...gw.live.values()].find((c) => !before.has(c.call.callId)),
      "the call",
      10_000,
    );
    await waitFor(() => live.call.state === "active", "answered", 10_000);
    await new Promise((r) => setTimeout(r, 1000));
    await phone.sendDigits("135790#");
    await waitFor(() => live.room === "quiet", "in the quiet room", 15_000);
    // Nobody else is in the room: the caller hears nothing but must keep getting RTP.
    const sentAt = (): number => live.call.media.leg.stats.packetsSent;
    const start = sentAt();
    await new Promise((r) => setTimeout(r, 60_000));
    assert.equal(live.call.state, "active", `the call ended after silence: ${live.call.endReason}`);
    const sent = sentAt() - start;
    // 3000 is exact pacing; the clock skips ticks only when the process is starved (busy CI).
    assert.ok(sent >= 2400, `comfort RTP kept flowing: ${sent} packets in 60 s (3000 expected)`);
    phone.command("hangup");
    await waitFor(() => live.call.state === "ended", "hung up", 10_000);
  });

  test("a moderator dials a phone from the room: everyone sees ringing, then answered", async () => {
    const host = new TestClient(`http://127.0.0.1:${sfu.port}`);
    const guest = new TestClient(`http://127.0.0.1:${sfu.port}`);
    try {
      await host.join("dialout", "Host");
      await guest.join("dialout", "Guest");
      const refused = await guest.raw({ method: "dialOut", data: { to: "sip:x@127.0.0.2" } });
      assert.ok(!refused.ok && refused.error.code === "FORBIDDEN");
      const { callId } = await host.request("dialOut", {
        to: `sip:${Baresip.USER}@127.0.0.2:${phone.sipPort}`,
      });
      const states = () =>
        guest.notifications
          .filter((n) => n.method === "phoneCall" && n.data.callId === callId)
          .map((n) => (n.method === "phoneCall" ? n.data.state : ""));
      await waitFor(() => states().includes("answered"), "answered shown", 15_000);
      assert.equal(states()[0], "ringing");
      await waitFor(
        () => [...(sfu.rooms.get("dialout")?.peers.values() ?? [])].some((p) => p.kind === "phone"),
        "the callee's tile",
        10_000,
      );
      await gw.live.get(callId)?.call.hangup();
      await waitFor(() => states().includes("ended"), "ended shown", 10_000);
    } finally {
      host.close();
      guest.close();
    }
  });

  test("a number that belongs to a room rings straight in, no PIN", async () => {
    phone.command("dial", `sip:+4930111222@127.0.0.1:${gw.sipPort}`);
    const caller = await waitFor(
      () => [...(sfu.rooms.get("sales")?.peers.values() ?? [])].find((p) => p.kind === "phone"),
      "the caller in the sales room",
      15_000,
    );
    assert.ok(caller);
    const record = await waitFor(
      async () => (await t.db.callRecord.findFirst({ where: { roomSlug: "sales" } })) ?? undefined,
      "a record",
    );
    assert.equal(record.toNumber, "+4930111222");
    phone.command("hangup");
    await waitFor(() => !sfu.rooms.get("sales")?.peers.has(caller.id), "the caller left");
  });

  test("a trunk with registration on registers with digest auth (SIPp registrar)", async () => {
    const port = base + 7;
    const scenario = fileURLToPath(
      new URL("../../../packages/gateway/test/sipp/uas-register-auth.xml", import.meta.url),
    );
    const sipp = spawn(
      "sipp",
      [
        "-sf",
        scenario,
        "-i",
        "127.0.0.2",
        "-p",
        String(port),
        "-m",
        "1",
        "-key",
        "password",
        "s3cret-pw",
        "-timeout",
        "20s",
        "-nostdin",
      ],
      { stdio: "ignore" },
    );
    const exited = new Promise<number | null>((resolve) => sipp.once("exit", resolve));
    await new Promise((r) => setTimeout(r, 300));
    await createTrunk(
      t.db,
      {
        name: "carrier",
        host: "127.0.0.2",
        port,
        username: "gateway",
        password: "s3cret-pw",
        register: true,
        registerExpires: 120,
      },
      secret,
    );
    await gw.registrations.reload();
    const status = await waitFor(
      () =>
        gw.registrations.status.get("carrier")?.registered &&
        gw.registrations.status.get("carrier"),
      "registered",
      10_000,
    );
    assert.ok((status.expiresAt ?? 0) > Date.now() + 60_000, "granted expiry is tracked");
    assert.equal(await exited, 0, "SIPp's verifyauth accepted our digest");
    gw.registrations.stop();
  });

  test("dial-out of a phone number goes through the trunk; without a trunk it is refused", async () => {
    const api = (body: unknown) =>
      fetch(`http://127.0.0.1:${gw.healthPort}/calls`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${gatewayControlToken(secret)}`,
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      });
    const missing = await api({ room: "sales", to: Baresip.USER, trunk: "nope" });
    assert.equal(missing.status, 404);
    await createTrunk(
      t.db,
      { name: "closed", host: "127.0.0.2", port: phone.sipPort, enabled: true },
      secret,
    );
    const closed = await api({ room: "sales", to: Baresip.USER, trunk: "closed" });
    assert.equal(closed.status, 403, "a trunk without a country or prefixes calls nothing");
    assert.equal(
      ((await closed.json()) as { error: { code: string } }).error.code,
      "DESTINATION_NOT_ALLOWED",
    );
    await createTrunk(
      t.db,
      { name: "to-phone", host: "127.0.0.2", port: phone.sipPort, countryCode: "49" },
      secret,
    );
    const premium = await api({ room: "sales", to: "09001234567", trunk: "to-phone" });
    assert.equal(premium.status, 403, "premium-rate numbers are refused");
    const res = await api({ room: "sales", to: Baresip.USER, trunk: "to-phone" });
    assert.equal(res.status, 202);
    const { callId } = (await res.json()) as { callId: string };
    await waitFor(
      () => [...(sfu.rooms.get("sales")?.peers.values() ?? [])].some((p) => p.kind === "phone"),
      "the callee answers into the room",
      15_000,
    );
    const record = await t.db.callRecord.findUnique({ where: { callId } });
    assert.equal(record?.trunk, "to-phone");
    assert.equal(record?.toNumber, Baresip.USER);
    await gw.live.get(callId)?.call.hangup();
  });
});
