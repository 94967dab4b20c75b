import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createRoomWithSettings } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { sfuAdminToken, signJoinToken } from "@switchboard/tokens";
import type { Sfu } from "../src/server";
import { audioRtpParameters, FAKE_DTLS, startTestSfu, TestClient, waitFor } from "../src/testing";

const secret = "test-secret-".padEnd(48, "x");

describe("join tokens and the SFU control API", () => {
  let t: TestDatabase;
  let sfu: Sfu;
  let url: string;
  const clients: TestClient[] = [];
  const client = () => {
    const c = new TestClient(url);
    clients.push(c);
    return c;
  };
  const token = async (room: string, role: "guest" | "moderator", ttl = 60, name?: string) =>
    (await signJoinToken({ room, role, name }, secret, ttl)).token;
  const admin = (path: string, init: RequestInit & { auth?: string | null } = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        ...(init.auth === null
          ? {}
          : { authorization: init.auth ?? `Bearer ${sfuAdminToken(secret)}` }),
        ...(init.body ? { "content-type": "application/json" } : {}),
      },
    });

  before(async () => {
    t = createTestDatabase();
    await createRoomWithSettings(t.db, { name: "Board", slug: "board", access: "token" });
    await createRoomWithSettings(t.db, { name: "Open", slug: "open" });
    await createRoomWithSettings(t.db, { name: "Vault", slug: "vault", locked: true });
    sfu = await startTestSfu(t.db, { emptyRoomGraceMs: 200, secret });
    url = `http://127.0.0.1:${sfu.port}`;
  });

  after(async () => {
    for (const c of clients) c.close();
    await sfu.close();
    await t.dispose();
  });

  test("a token-only room refuses joins without a valid token for it", async () => {
    const c = client();
    await assert.rejects(c.join("board", "Eve"), { code: "TOKEN_REQUIRED" });
    await assert.rejects(c.joinWith("board", "Eve", "not-a-jwt"), { code: "TOKEN_INVALID" });
    await assert.rejects(c.joinWith("board", "Eve", await token("open", "guest")), {
      code: "TOKEN_INVALID",
    });
    const forged = (await signJoinToken({ room: "board", role: "guest" }, "y".repeat(40), 60))
      .token;
    await assert.rejects(c.joinWith("board", "Eve", forged), { code: "TOKEN_INVALID" });
    const expiring = await token("board", "guest", 1);
    await new Promise((r) => setTimeout(r, 2100));
    await assert.rejects(c.joinWith("board", "Eve", expiring), { code: "TOKEN_EXPIRED" });
  });

  test("a valid token admits with its role and name", async () => {
    const c = client();
    const res = await c.joinWith("board", "Whoever", await token("board", "guest", 60, "Grace"));
    assert.equal(res.role, "guest");
    assert.equal(res.displayName, "Grace");
    const m = client();
    const mod = await m.joinWith("board", "Mona", await token("board", "moderator"));
    assert.equal(mod.role, "moderator");
    assert.equal(mod.peers[0]?.role, "guest");
  });

  test("a locked room admits moderators only", async () => {
    await assert.rejects(client().join("vault", "Eve"), { code: "ROOM_LOCKED" });
    const res = await client().joinWith("vault", "Mona", await token("vault", "moderator"));
    assert.equal(res.role, "moderator");
  });

  test("the control API needs the derived bearer token", async () => {
    assert.equal((await admin("/admin/rooms", { auth: null })).status, 401);
    assert.equal((await admin("/admin/rooms", { auth: `Bearer ${secret}` })).status, 401);
    const res = await admin("/admin/rooms");
    assert.equal(res.status, 200);
    const body = (await res.json()) as { rooms: Array<{ slug: string; participants: number }> };
    assert.ok(body.rooms.some((r) => r.slug === "board" && r.participants === 2));
  });

  test("mute, remove and end through the control API reach the participants", async () => {
    const ada = client();
    const joinA = await ada.join("open", "Ada");
    await ada.request("connectTransport", {
      transportId: joinA.sendTransport!.id,
      dtlsParameters: FAKE_DTLS,
    });
    const { producerId } = await ada.request("produce", {
      transportId: joinA.sendTransport!.id,
      kind: "audio",
      rtpParameters: audioRtpParameters(5555),
      source: "mic",
    });
    const bob = client();
    await bob.join("open", "Bob");

    const live = (await (await admin("/admin/rooms/open")).json()) as {
      participants: Array<{ id: string; displayName: string; media: unknown[] }>;
    };
    assert.deepEqual(
      live.participants.map((p) => [p.displayName, p.media]),
      [
        ["Ada", [{ source: "mic", paused: false }]],
        ["Bob", []],
      ],
    );

    const mute = await admin(`/admin/rooms/open/participants/${joinA.peerId}/mute`, {
      method: "POST",
      body: JSON.stringify({ source: "mic" }),
    });
    assert.equal(mute.status, 200);
    await waitFor(() => ada.notifications.find((n) => n.method === "mutedByModerator"), "Ada told");
    await waitFor(
      () =>
        bob.notifications.find(
          (n) => n.method === "producerPaused" && n.data.producerId === producerId,
        ),
      "Bob sees Ada muted",
    );
    assert.equal(sfu.rooms.get("open")?.peers.get(joinA.peerId)?.producer(producerId).paused, true);

    const bad = await admin(`/admin/rooms/open/participants/${joinA.peerId}/mute`, {
      method: "POST",
      body: JSON.stringify({ source: "trumpet" }),
    });
    assert.equal(bad.status, 400);
    const ghost = await admin("/admin/rooms/open/participants/nobody/remove", { method: "POST" });
    assert.equal(ghost.status, 404);

    const remove = await admin(`/admin/rooms/open/participants/${joinA.peerId}/remove`, {
      method: "POST",
    });
    assert.equal(remove.status, 200);
    await waitFor(
      () => ada.notifications.find((n) => n.method === "removed"),
      "Ada told she was removed",
    );
    await waitFor(
      () => bob.notifications.find((n) => n.method === "peerLeft"),
      "Bob sees Ada leave",
    );
    // Removed means gone: Ada's connection can no longer act in the room.
    await assert.rejects(ada.request("pauseProducer", { producerId }), { code: "NOT_JOINED" });

    assert.equal((await admin("/admin/rooms/open/end", { method: "POST" })).status, 200);
    await waitFor(
      () => bob.notifications.find((n) => n.method === "roomClosed"),
      "Bob told the room ended",
    );
    assert.equal((await admin("/admin/rooms/open")).status, 404);
  });
});
