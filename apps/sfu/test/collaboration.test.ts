import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createRoomWithSettings, findRoomBySlug } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import type { Notification, RequestData } from "@switchboard/protocol";
import * as Y from "yjs";
import type { Sfu } from "../src/server";
import { audioRtpParameters, FAKE_DTLS, startTestSfu, TestClient, waitFor } from "../src/testing";

type Joined = Awaited<ReturnType<TestClient["join"]>>;

/** The code of a refused request. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return (error as { code: string }).code;
  }
  assert.fail("the request was expected to be refused");
}

function notified<M extends Notification["method"]>(c: TestClient, method: M) {
  return c.notifications.filter(
    (n): n is Extract<Notification, { method: M }> => n.method === method,
  );
}

describe("chat, hands, notes, moderation, lobby and rejoin on the real SFU", () => {
  let t: TestDatabase;
  let sfu: Sfu;
  let url: string;
  const clients: TestClient[] = [];
  const client = () => {
    const c = new TestClient(url);
    clients.push(c);
    return c;
  };

  /** Joins and publishes a microphone; returns the join answer and the producer id. */
  async function joinWithMic(c: TestClient, room: string, name: string, ssrc: number) {
    const joined = await c.join(room, name);
    await c.request("connectTransport", {
      transportId: joined.sendTransport!.id,
      dtlsParameters: FAKE_DTLS,
    });
    const { producerId } = await c.request("produce", {
      transportId: joined.sendTransport!.id,
      kind: "audio",
      rtpParameters: audioRtpParameters(ssrc),
      source: "mic",
    });
    return { joined, producerId };
  }

  before(async () => {
    t = createTestDatabase();
    for (const slug of ["mod", "chat", "order", "hands", "notes", "lock", "rejoin", "end"]) {
      await createRoomWithSettings(t.db, { name: slug, slug });
    }
    await createRoomWithSettings(t.db, { name: "Lobby", slug: "lobby", lobbyEnabled: true });
    sfu = await startTestSfu(t.db, { emptyRoomGraceMs: 200 });
    url = `http://127.0.0.1:${sfu.port}`;
  });

  after(async () => {
    for (const c of clients) c.close();
    await sfu.close();
    await t.dispose();
  });

  test("the first joiner moderates; a guest's moderation requests are refused and change nothing", async () => {
    const host = client();
    const guest = client();
    const other = client();
    const h = await host.join("mod", "Host");
    const g = await joinWithMic(guest, "mod", "Guest", 1111);
    const o = await joinWithMic(other, "mod", "Other", 2222);
    assert.equal(h.role, "moderator");
    assert.equal(g.joined.role, "guest");

    const attempts: Array<[string, Promise<unknown>]> = [
      [
        "muteParticipant",
        guest.request("muteParticipant", { peerId: o.joined.peerId, source: "mic" }),
      ],
      ["muteAll", guest.request("muteAll", {})],
      ["removeParticipant", guest.request("removeParticipant", { peerId: o.joined.peerId })],
      ["setRoomLocked", guest.request("setRoomLocked", { locked: true })],
      ["endRoom", guest.request("endRoom", {})],
      ["admitFromLobby", guest.request("admitFromLobby", { lobbyId: h.peerId })],
      ["denyFromLobby", guest.request("denyFromLobby", { lobbyId: h.peerId })],
    ];
    for (const [name, attempt] of attempts) {
      assert.equal(await refusal(attempt), "FORBIDDEN", name);
    }
    const room = sfu.rooms.get("mod");
    assert.ok(room);
    assert.equal(room.peers.size, 3, "nobody was removed");
    assert.equal(room.locked, false);
    assert.equal((await findRoomBySlug(t.db, "mod"))?.locked, false);
    assert.equal(room.peers.get(o.joined.peerId)?.producer(o.producerId).paused, false);
    assert.equal(notified(other, "mutedByModerator").length, 0);

    // The moderator's mute pauses the producer on the server and tells everyone.
    await host.request("muteParticipant", { peerId: o.joined.peerId, source: "mic" });
    assert.equal(room.peers.get(o.joined.peerId)?.producer(o.producerId).paused, true);
    await waitFor(() => notified(other, "mutedByModerator").length === 1, "muted notice");
    await waitFor(
      () =>
        notified(guest, "producerPaused").find((n) => n.data.producerId === o.producerId)?.data
          .paused,
      "others see the pause",
    );
    // Mute everyone: only the guest's mic was still on.
    assert.deepEqual(await host.request("muteAll", {}), { muted: 1 });
    assert.equal(room.peers.get(g.joined.peerId)?.producer(g.producerId).paused, true);
    // Remove: the guest is told why and is gone for everyone.
    await host.request("removeParticipant", { peerId: g.joined.peerId });
    await waitFor(() => notified(guest, "removed")[0], "removed notice");
    assert.match(notified(guest, "removed")[0]?.data.reason ?? "", /Host removed you/);
    assert.equal(room.peers.size, 2);
    assert.equal(await refusal(guest.request("setHand", { raised: true })), "NOT_JOINED");
  });

  test("chat is validated, broadcast, persisted and given to later joiners", async () => {
    const a = client();
    const b = client();
    await a.join("chat", "Ana");
    await b.join("chat", "Ben");
    const tooLong = await a.raw({ method: "sendChat", data: { text: "x".repeat(2001) } });
    assert.equal(tooLong.ok, false);
    assert.ok(!tooLong.ok && tooLong.error.code === "INVALID_REQUEST");
    assert.ok(!tooLong.ok && tooLong.error.issues?.some((i) => i.path === "data.text"));
    const html = '<img src=x onerror="alert(1)"> see https://example.com';
    const { message } = await a.request("sendChat", { text: `  ${html}  ` });
    assert.equal(message.text, html, "trimmed, stored verbatim (the UI renders text)");
    assert.equal(message.displayName, "Ana");
    await waitFor(() => notified(b, "chatMessage")[0], "Ben gets the message");
    assert.deepEqual(notified(b, "chatMessage")[0]?.data.message, message);

    // A burst beyond the limit is refused, and nothing refused is stored.
    const burst = await Promise.all(
      Array.from({ length: 14 }, (_, i) => a.raw({ method: "sendChat", data: { text: `m${i}` } })),
    );
    const refused = burst.filter((r) => !r.ok);
    assert.ok(refused.length >= 3, `expected rate limiting, got ${refused.length} refusals`);
    assert.ok(refused.every((r) => !r.ok && r.error.code === "RATE_LIMITED"));
    const stored = await t.db.chatMessage.count({ where: { room: { slug: "chat" } } });
    assert.equal(stored, 1 + burst.length - refused.length);

    // Everyone leaves, the room closes; the next joiner gets the history from the database.
    a.close();
    b.close();
    await waitFor(() => !sfu.rooms.get("chat"), "room closed");
    const c = client();
    const joined = await c.join("chat", "Cy");
    assert.equal(joined.chat.length, stored);
    assert.equal(joined.chat[0]?.text, html);
  });

  test("messages sent without waiting arrive and are stored in the order they were sent", async () => {
    const a = client();
    const b = client();
    await a.join("order", "Ana");
    await b.join("order", "Ben");
    // Within the rate limit's burst; none awaited before the next goes out.
    const texts = Array.from({ length: 8 }, (_, i) => `message ${i}`);
    const sent = await Promise.all(texts.map((text) => a.request("sendChat", { text })));
    assert.deepEqual(
      sent.map((r) => r.message.text),
      texts,
    );
    await waitFor(() => notified(b, "chatMessage").length === texts.length, "all at Ben");
    assert.deepEqual(
      notified(b, "chatMessage").map((n) => n.data.message.text),
      texts,
    );
    const c = client();
    const joined = await c.join("order", "Cy");
    assert.deepEqual(
      joined.chat.map((m) => m.text),
      texts,
    );
  });

  test("raised hands keep their order and a joiner sees them", async () => {
    const a = client();
    const b = client();
    const ja = await a.join("hands", "Ana");
    const jb = await b.join("hands", "Ben");
    await a.request("setHand", { raised: true });
    await new Promise((r) => setTimeout(r, 5));
    await b.request("setHand", { raised: true });
    await waitFor(() => notified(a, "handChanged").length === 2, "both hands");
    const [first, second] = notified(a, "handChanged").map((n) => n.data);
    assert.equal(first?.peerId, ja.peerId);
    assert.equal(second?.peerId, jb.peerId);
    assert.ok((first?.raisedAt ?? 0) < (second?.raisedAt ?? 0));
    // Raising again keeps the place in the queue.
    await a.request("setHand", { raised: true });
    const c = client();
    const jc = await c.join("hands", "Cy");
    const hands = jc.peers
      .filter((p) => p.handRaisedAt !== null)
      .sort((x, y) => (x.handRaisedAt ?? 0) - (y.handRaisedAt ?? 0))
      .map((p) => p.displayName);
    assert.deepEqual(hands, ["Ana", "Ben"]);
    await a.request("setHand", { raised: false });
    await waitFor(() => notified(c, "handChanged").find((n) => n.data.raisedAt === null), "down");
    assert.equal(await refusal(a.request("react", { reaction: "💩" } as never)), "INVALID_REQUEST");
    await a.request("react", { reaction: "🎉" });
    await waitFor(() => notified(c, "reaction")[0], "reaction");
    assert.deepEqual(notified(c, "reaction")[0]?.data, { peerId: ja.peerId, reaction: "🎉" });
  });

  test("shared notes converge between concurrent editors and persist", async () => {
    const a = client();
    const b = client();
    await a.join("notes", "Ana");
    await b.join("notes", "Ben");
    // Two editors type at the same time, each into their own copy.
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const send = (c: TestClient, doc: Y.Doc) =>
      doc.on("update", (u: Uint8Array, origin: unknown) => {
        if (origin !== "remote")
          void c.request("updateNotes", { update: Buffer.from(u).toString("base64") });
      });
    send(a, docA);
    send(b, docB);
    for (const [c, doc] of [
      [a, docA],
      [b, docB],
    ] as const) {
      c.socket.on("notification", (n: Notification) => {
        if (n.method === "notesUpdate")
          Y.applyUpdate(doc, Buffer.from(n.data.update, "base64"), "remote");
      });
    }
    docA.getText("notes").insert(0, "agenda: ");
    docB.getText("notes").insert(0, "ACTION ");
    docA.getText("notes").insert(docA.getText("notes").length, "budget");
    await waitFor(
      () =>
        docA.getText("notes").toString() === docB.getText("notes").toString() &&
        docA.getText("notes").length === "agenda: ACTION budget".length,
      "convergence",
    );
    const text = docA.getText("notes").toString();
    assert.match(text, /agenda: /);
    assert.match(text, /ACTION /);
    // A malformed update is refused and harms nothing.
    const bad = await a.raw({ method: "updateNotes", data: { update: "//////8=" } });
    assert.ok(!bad.ok && bad.error.code === "INVALID_REQUEST");

    a.close();
    b.close();
    await waitFor(() => !sfu.rooms.get("notes"), "room closed");
    await waitFor(async () => (await t.db.roomNotes.count()) > 0, "notes saved");
    const c = client();
    await c.join("notes", "Cy");
    const { state } = await c.request("getNotes", {});
    const docC = new Y.Doc();
    Y.applyUpdate(docC, Buffer.from(state, "base64"));
    assert.equal(docC.getText("notes").toString(), text);
  });

  test("lock: moderators lock, joiners are refused, everyone is told", async () => {
    const host = client();
    const guest = client();
    await host.join("lock", "Host");
    await guest.join("lock", "Guest");
    await host.request("setRoomLocked", { locked: true });
    await waitFor(() => notified(guest, "roomLockChanged")[0], "lock notice");
    assert.deepEqual(notified(guest, "roomLockChanged")[0]?.data, { locked: true, by: "Host" });
    assert.equal((await findRoomBySlug(t.db, "lock"))?.locked, true);
    assert.equal(await refusal(client().join("lock", "Late")), "ROOM_LOCKED");
    await host.request("setRoomLocked", { locked: false });
    await client().join("lock", "Later");
  });

  test("lobby: joiners wait, moderators admit or deny, a leaver disappears", async () => {
    const host = client();
    const h = await host.join("lobby", "Host");
    assert.equal(h.role, "moderator", "the first joiner skips the lobby and hosts");
    const ann = client();
    const annJoin = ann.join("lobby", "Ann");
    const lobbyOf = () => notified(host, "lobbyChanged").at(-1)?.data.waiting ?? [];
    await waitFor(() => lobbyOf().find((e) => e.displayName === "Ann"), "Ann in the lobby");
    await waitFor(() => notified(ann, "lobbyWaiting")[0], "Ann told she waits");
    const annId = lobbyOf()[0]?.id ?? "";
    await host.request("admitFromLobby", { lobbyId: annId });
    const admitted = await annJoin;
    assert.equal(admitted.role, "guest");
    assert.deepEqual(lobbyOf(), []);

    const bob = client();
    const bobJoin = bob.join("lobby", "Bob");
    await waitFor(() => lobbyOf().find((e) => e.displayName === "Bob"), "Bob in the lobby");
    await host.request("denyFromLobby", { lobbyId: lobbyOf()[0]?.id ?? "" });
    assert.equal(await refusal(bobJoin), "LOBBY_DENIED");
    assert.equal(sfu.rooms.get("lobby")?.peers.size, 2);

    const cat = client();
    void cat.join("lobby", "Cat").catch(() => undefined);
    await waitFor(() => lobbyOf().find((e) => e.displayName === "Cat"), "Cat in the lobby");
    cat.close();
    await waitFor(() => lobbyOf().length === 0, "Cat gone from the lobby");
  });

  test("rejoin: same identity and role, the ghost is replaced, a bad key is a new guest", async () => {
    const host = client();
    const watcher = client();
    const h = await host.join("rejoin", "Host");
    await watcher.join("rejoin", "Watcher");
    await host.request("setHand", { raised: true });

    // The old connection is still open (its drop not noticed yet): the rejoin replaces it.
    const again = client();
    await again.connected();
    const { routerRtpCapabilities } = await again.request("getRouterRtpCapabilities", {});
    const rejoin = (c: TestClient, key: string): Promise<Joined> =>
      c.request("join", {
        room: "rejoin",
        displayName: "Someone else",
        rtpCapabilities: routerRtpCapabilities,
        rejoin: { peerId: h.peerId, key },
      } as RequestData<"join">);
    const r = await rejoin(again, h.rejoinKey);
    assert.equal(r.peerId, h.peerId);
    assert.equal(r.role, "moderator");
    assert.equal(r.displayName, "Host");
    assert.ok(r.handRaisedAt !== null, "the raised hand survives");
    assert.equal(sfu.rooms.get("rejoin")?.peers.size, 2);
    assert.equal(await refusal(host.request("setHand", { raised: false })), "NOT_JOINED");
    // The stale connection closing does not take the new one with it.
    host.close();
    await new Promise((res) => setTimeout(res, 100));
    assert.ok(sfu.rooms.get("rejoin")?.peers.has(h.peerId));
    await again.request("setRoomLocked", { locked: false });

    // A key works once; a used or wrong key is an ordinary join as a guest.
    const third = client();
    await third.connected();
    const fresh = await rejoin(third, h.rejoinKey);
    assert.notEqual(fresh.peerId, h.peerId);
    assert.equal(fresh.role, "guest");

    // After a real drop, the peer comes back within the window.
    again.close();
    await waitFor(() => !sfu.rooms.get("rejoin")?.peers.has(h.peerId), "drop noticed");
    const fourth = client();
    await fourth.connected();
    const back = await rejoin(fourth, r.rejoinKey);
    assert.equal(back.peerId, h.peerId);
    assert.equal(back.role, "moderator");
  });

  test("a moderator ends the meeting for everyone", async () => {
    const host = client();
    const guest = client();
    await host.join("end", "Host");
    await guest.join("end", "Guest");
    await host.request("endRoom", {});
    await waitFor(() => notified(guest, "roomClosed")[0], "closed notice");
    assert.match(notified(guest, "roomClosed")[0]?.data.reason ?? "", /Host ended the meeting/);
    assert.equal(sfu.rooms.get("end"), undefined);
  });
});
