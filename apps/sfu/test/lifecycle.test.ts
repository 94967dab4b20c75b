import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ensureRoom, listSessions } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import type { Sfu } from "../src/server";
import {
  audioRtpParameters,
  FAKE_DTLS,
  startTestSfu,
  TestClient,
  videoRtpParameters,
  waitFor,
} from "../src/testing";

describe("room and peer lifecycle through real signaling and a real mediasoup worker", () => {
  let t: TestDatabase;
  let sfu: Sfu;
  let url: string;
  const clients: TestClient[] = [];
  const client = () => {
    const c = new TestClient(url);
    clients.push(c);
    return c;
  };

  before(async () => {
    t = createTestDatabase();
    await ensureRoom(t.db, "alpha", "Alpha");
    await ensureRoom(t.db, "solo", "Solo");
    await t.db.room.update({ where: { slug: "solo" }, data: { maxParticipants: 1 } });
    await ensureRoom(t.db, "closed", "Closed");
    await t.db.room.update({ where: { slug: "closed" }, data: { locked: true } });
    sfu = await startTestSfu(t.db, { emptyRoomGraceMs: 300 });
    url = `http://127.0.0.1:${sfu.port}`;
  });

  after(async () => {
    for (const c of clients) c.close();
    await sfu.close();
    await t.dispose();
  });

  test("peers see each other's producers as consumers, and mute states", async () => {
    const a = client();
    const joinA = await a.join("alpha", "Ada");
    assert.equal(joinA.roomName, "Alpha");
    assert.deepEqual(joinA.peers, []);
    assert.ok(
      joinA.sendTransport?.iceCandidates.length && joinA.sendTransport.iceCandidates.length > 0,
      "ICE candidates from the WebRtcServer",
    );
    await a.request("connectTransport", {
      transportId: joinA.sendTransport!.id,
      dtlsParameters: FAKE_DTLS,
    });
    const { producerId: micA } = await a.request("produce", {
      transportId: joinA.sendTransport!.id,
      kind: "audio",
      rtpParameters: audioRtpParameters(1111),
      source: "mic",
    });
    const { producerId: camA } = await a.request("produce", {
      transportId: joinA.sendTransport!.id,
      kind: "video",
      rtpParameters: videoRtpParameters(2222),
      source: "camera",
    });

    const b = client();
    const joinB = await b.join("alpha", "Bob");
    assert.equal(joinB.peers.length, 1);
    assert.equal(joinB.peers[0]?.displayName, "Ada");
    assert.deepEqual(
      new Set(joinB.peers[0]?.producers.map((p) => p.source)),
      new Set(["mic", "camera"]),
    );
    // The server pushes a consumer for each of Ada's producers, without B asking.
    await waitFor(() => b.serverRequests.length === 2, "B's consumers");
    assert.deepEqual(
      new Set(b.serverRequests.map((r) => r.data.producerId)),
      new Set([micA, camA]),
    );
    await waitFor(
      () => a.notifications.find((n) => n.method === "peerJoined" && n.data.displayName === "Bob"),
      "A told about B",
    );

    // A producer created later reaches the peers already in the room.
    await b.request("produce", {
      transportId: joinB.sendTransport!.id,
      kind: "audio",
      rtpParameters: audioRtpParameters(3333),
      source: "mic",
    });
    await waitFor(() => a.serverRequests.length === 1, "A's consumer of B's mic");
    assert.equal(a.serverRequests[0]?.data.source, "mic");

    // Camera off on A shows as paused on B.
    await a.request("pauseProducer", { producerId: camA });
    const paused = await waitFor(
      () => b.notifications.find((n) => n.method === "producerPaused"),
      "B told A's camera is paused",
    );
    assert.deepEqual(paused.data, { peerId: joinA.peerId, producerId: camA, paused: true });

    const room = sfu.rooms.get("alpha");
    assert.ok(room);
    const dump = await room.router.dump();
    assert.equal(dump.transportIds.length, 4);
    assert.equal(Object.keys(dump.mapProducerIdConsumerIds).length, 3);

    const sessions = await listSessions(t.db, room.options.id);
    await waitFor(
      async () => (await listSessions(t.db, room.options.id)).length === 2,
      "two sessions",
    );
    assert.ok(sessions.every((s) => s.leftAt === null));
  });

  test("leaving and disconnecting close every transport, producer and consumer", async () => {
    const [a, b] = clients as [TestClient, TestClient];
    const room = sfu.rooms.get("alpha");
    assert.ok(room);
    await a.request("leave", {});
    await waitFor(() => b.notifications.find((n) => n.method === "peerLeft"), "B told A left");
    await waitFor(
      () => b.notifications.filter((n) => n.method === "consumerClosed").length === 2,
      "B's consumers of A closed",
    );
    const dump = await room.router.dump();
    assert.equal(dump.transportIds.length, 2, "only B's transports remain");

    b.close();
    await waitFor(
      async () => (await room.router.dump()).transportIds.length === 0,
      "B's transports closed",
    );
    // Past the grace period the empty room closes its router.
    await waitFor(() => room.isClosed, "empty room closed", 3000);
    assert.equal(sfu.rooms.get("alpha"), undefined);
    const [worker] = await sfu.pool.dump();
    assert.ok(worker);
    assert.deepEqual(worker.worker.routerIds, []);
    assert.deepEqual(worker.webRtcServer.webRtcTransportIds, []);
    assert.deepEqual(worker.webRtcServer.tupleHashes, []);
    await waitFor(
      async () => (await listSessions(t.db, room.options.id)).every((s) => s.leftAt !== null),
      "sessions closed in the database",
    );
  });

  test("a peer that returns within the grace period keeps the room", async () => {
    const a = client();
    await a.join("alpha", "Ada");
    const room = sfu.rooms.get("alpha");
    a.close();
    await new Promise((r) => setTimeout(r, 100));
    const b = client();
    await b.join("alpha", "Bob");
    assert.equal(sfu.rooms.get("alpha"), room, "same room object");
    // Peers that left leave no listeners behind: the registry's and Bob's session's only.
    assert.equal(room?.listenerCount("close"), 2);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(room?.isClosed, false);
    b.close();
  });

  test("typed refusals: unknown, locked and full rooms; requests out of order", async () => {
    const c = client();
    await assert.rejects(c.join("nope", "Ada"), { code: "ROOM_NOT_FOUND" });
    await assert.rejects(c.join("closed", "Ada"), { code: "ROOM_LOCKED" });
    await assert.rejects(c.request("closeProducer", { producerId: "x" }), { code: "NOT_JOINED" });
    await c.join("solo", "Ada");
    await assert.rejects(c.join("solo", "Ada"), { code: "ALREADY_JOINED" });
    await assert.rejects(c.request("pauseProducer", { producerId: "not-mine" }), {
      code: "NOT_FOUND",
    });
    const d = client();
    await assert.rejects(d.join("solo", "Bob"), { code: "ROOM_FULL" });
  });
});
