import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createWebhookEndpoint, ensureRoom } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { verify } from "@switchboard/webhooks";
import type { Sfu } from "../src/server";
import { startTestSfu, TestClient, waitFor } from "../src/testing";

describe("room lifecycle webhooks from the SFU", () => {
  let t: TestDatabase;
  let sfu: Sfu;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads fields of arbitrary received JSON
  const events: Array<{ type: string; data: Record<string, any>; valid: boolean }> = [];
  let secret = "";
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const valid = verify(secret, req.headers as Record<string, string>, body);
    events.push({ ...JSON.parse(body), valid });
    res.writeHead(204).end();
  });

  before(async () => {
    t = createTestDatabase();
    await ensureRoom(t.db, "hooked", "Hooked");
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const endpoint = await createWebhookEndpoint(t.db, {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    });
    secret = endpoint.secret;
    sfu = await startTestSfu(t.db, { emptyRoomGraceMs: 100, webhookPollMs: 50 });
  });

  after(async () => {
    await sfu.close();
    await new Promise((r) => server.close(r));
    await t.dispose();
  });

  test("started → joined → left → finished, each once and signed", async () => {
    const c = new TestClient(`http://127.0.0.1:${sfu.port}`);
    const { peerId } = await c.join("hooked", "Hana");
    c.close();
    await waitFor(() => events.some((e) => e.type === "room.finished"), "room.finished", 5000);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      events.map((e) => e.type),
      ["room.started", "participant.joined", "participant.left", "room.finished"],
    );
    assert.ok(
      events.every((e) => e.valid),
      "every signature verifies",
    );
    assert.deepEqual(events[1]?.data.participant, { id: peerId, name: "Hana", role: "moderator" });
    assert.equal(events[3]?.data.room.slug, "hooked");
  });
});
