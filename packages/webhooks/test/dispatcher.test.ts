import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createWebhookEndpoint, listWebhookDeliveries } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { sign, verify, WebhookDispatcher } from "../src/index";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/** A real HTTP receiver on loopback that answers with the given status sequence. */
async function receiver(statuses: number[] = []) {
  const got: Received[] = [];
  let calls = 0;
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    got.push({ headers: req.headers, body });
    res.writeHead(statuses[calls++] ?? 200).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, got, close: () => new Promise((r) => server.close(r)) };
}

const until = async (cond: () => boolean | Promise<boolean>, what: string, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("Standard Webhooks signatures", () => {
  const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
  test("verify accepts what sign produced, rejects tampering, old timestamps and other secrets", () => {
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const headers = {
      "webhook-id": "evt_1",
      "webhook-timestamp": String(ts),
      "webhook-signature": sign(secret, "evt_1", ts, "{}"),
    };
    assert.ok(verify(secret, headers, "{}", { now }));
    assert.equal(verify(secret, headers, "{ }", { now }), false);
    assert.equal(verify(secret, { ...headers, "webhook-id": "evt_2" }, "{}", { now }), false);
    assert.equal(verify(secret, headers, "{}", { now: now + 10 * 60_000 }), false);
    assert.equal(
      verify(`whsec_${Buffer.from("x".repeat(32)).toString("base64")}`, headers, "{}", { now }),
      false,
    );
    assert.equal(verify(secret, {}, "{}"), false);
  });
});

describe("WebhookDispatcher (real HTTP receivers, real SQLite)", () => {
  let t: TestDatabase;
  let dispatcher: WebhookDispatcher;
  before(() => {
    t = createTestDatabase();
    dispatcher = new WebhookDispatcher(t.db, { backoffMs: [100, 100, 100], pollMs: 25 });
  });
  after(async () => {
    await dispatcher.close();
    await t.dispose();
  });

  test("each subscribed endpoint gets each event once, correctly signed", async () => {
    const all = await receiver();
    const joinsOnly = await receiver();
    const epAll = await createWebhookEndpoint(t.db, { url: all.url });
    await createWebhookEndpoint(t.db, { url: joinsOnly.url, events: ["participant.joined"] });
    await dispatcher.emit("room.started", { room: { slug: "a" } });
    await dispatcher.emit("participant.joined", { room: "a", participant: { id: "p1" } });
    await until(() => all.got.length === 2 && joinsOnly.got.length === 1, "deliveries");
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    assert.equal(all.got.length, 2);
    assert.equal(joinsOnly.got.length, 1);
    for (const r of all.got) {
      assert.ok(
        verify(epAll.secret, r.headers as Record<string, string>, r.body),
        "signature verifies",
      );
    }
    assert.deepEqual(
      all.got.map((r) => JSON.parse(r.body).type),
      ["room.started", "participant.joined"],
    );
    assert.equal(JSON.parse(joinsOnly.got[0]?.body ?? "{}").data.participant.id, "p1");
    await all.close();
    await joinsOnly.close();
  });

  test("a receiver that fails twice gets the event on the third try, same id; all logged", async () => {
    const flaky = await receiver([500, 503, 200]);
    const ep = await createWebhookEndpoint(t.db, { url: flaky.url });
    await dispatcher.emit("room.finished", { room: { slug: "b" } });
    await until(() => flaky.got.length === 3, "three attempts");
    const ids = new Set(flaky.got.map((r) => r.headers["webhook-id"]));
    assert.equal(ids.size, 1, "retries carry the same webhook-id");
    await until(
      async () => (await listWebhookDeliveries(t.db, ep.id))[0]?.status === "succeeded",
      "logged",
    );
    const [log] = await listWebhookDeliveries(t.db, ep.id);
    assert.equal(log?.attempts, 3);
    assert.equal(log?.lastStatusCode, 200);
    await flaky.close();
  });

  test("a receiver that never succeeds ends as failed after the last attempt", async () => {
    const down = await receiver([500, 500, 500, 500, 500]);
    const ep = await createWebhookEndpoint(t.db, { url: down.url });
    await dispatcher.emit("participant.left", { room: "c" });
    await until(
      async () => (await listWebhookDeliveries(t.db, ep.id))[0]?.status === "failed",
      "failed",
      8000,
    );
    const [log] = await listWebhookDeliveries(t.db, ep.id);
    assert.equal(log?.attempts, 4);
    assert.equal(log?.lastError, "HTTP 500");
    assert.equal(down.got.length, 4);
    await down.close();
  });
});
