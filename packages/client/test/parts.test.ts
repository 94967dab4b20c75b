import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ResponseData } from "@switchboard/protocol";
import { waitFor } from "@switchboard/sfu/testing";
import * as Y from "yjs";
import { fromBase64 } from "../src/base64";
import { SwitchboardError } from "../src/errors";
import { Chat } from "../src/room/Chat";
import { Lobby } from "../src/room/Lobby";
import { Moderation } from "../src/room/Moderation";
import { Notes } from "../src/room/Notes";
import { SignalClient } from "../src/signal/SignalClient";
import { next, startSfuWithRooms } from "./helpers";

/** The code a promise fails with. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof SwitchboardError, String(error));
    return error.code;
  }
  assert.fail("expected a refusal");
}

/**
 * Someone in a room without media: a signaling session with the room's chat, moderation,
 * notes and lobby attached, joined the way `Room` joins (no browser needed for these).
 */
class Member {
  readonly signal: SignalClient;
  readonly chat = new Chat();
  readonly moderation = new Moderation();
  readonly notes = new Notes();
  readonly lobby = new Lobby();
  joined: ResponseData<"join"> | undefined;

  constructor(url: string) {
    this.signal = new SignalClient({ url });
    for (const part of this.parts()) part.attach(this.signal);
  }

  parts() {
    return [this.chat, this.moderation, this.notes, this.lobby];
  }

  async join(room: string, displayName: string): Promise<ResponseData<"join">> {
    await this.signal.connect();
    const { routerRtpCapabilities } = await this.signal.request("getRouterRtpCapabilities", {});
    const res = await this.signal.request("join", {
      room,
      displayName,
      rtpCapabilities: routerRtpCapabilities,
    });
    this.joined = res;
    this.moderation.start(res.locked);
    this.chat.start(res.chat);
    this.lobby.start(res.lobby);
    await this.notes.sync();
    return res;
  }

  close(): void {
    for (const part of this.parts()) part.detach();
    this.signal.close();
  }
}

describe("room.chat, room.moderation, room.notes and room.lobby on the real SFU", () => {
  let env: Awaited<ReturnType<typeof startSfuWithRooms>>;
  const members: Member[] = [];
  const member = () => {
    const m = new Member(env.url);
    members.push(m);
    return m;
  };

  before(async () => {
    env = await startSfuWithRooms({
      chat: {},
      mod: {},
      notes: {},
      parts: {},
      lobby: { lobbyEnabled: true },
    });
  });

  after(async () => {
    for (const m of members) m.close();
    await env.stop();
  });

  test("chat: messages both ways, history for a newcomer, too long refused, an outbox while away", async () => {
    const ann = member();
    const bob = member();
    await ann.join("chat", "Ann");
    await bob.join("chat", "Bob");
    const atBob = next(bob.chat, "message");
    const sent = await ann.chat.send("hello Bob");
    const [received] = await atBob;
    assert.equal(received.text, "hello Bob");
    assert.equal(received.id, sent.id);
    assert.equal(await refusal(ann.chat.send("x".repeat(2001))), "INVALID_REQUEST");

    const cat = member();
    const history = next(cat.chat, "history");
    await cat.join("chat", "Cat");
    assert.deepEqual(
      (await history)[0].map((m) => m.text),
      ["hello Bob"],
    );

    // While the connection is away, messages wait; they go out, in order, on resume.
    ann.chat.suspend();
    const first = ann.chat.send("typed while away");
    const second = ann.chat.send("and this");
    assert.equal(ann.chat.queued, 2);
    await bob.chat.send("anyone?");
    await waitFor(() => ann.chat.messages.some((m) => m.text === "anyone?"), "Bob's message");
    assert.ok(!bob.chat.messages.some((m) => m.text === "typed while away"));
    ann.chat.resume();
    assert.equal((await first).text, "typed while away");
    assert.equal((await second).text, "and this");
    await waitFor(() => bob.chat.messages.some((m) => m.text === "and this"), "the outbox at Bob");
    const texts = bob.chat.messages.map((m) => m.text);
    assert.deepEqual(texts.slice(-2), ["typed while away", "and this"]);
    assert.equal(texts.filter((t) => t === "typed while away").length, 1);

    // Leaving with messages kept: they fail with the reason.
    ann.chat.suspend();
    const lost = ann.chat.send("never sent");
    ann.chat.detach(new SwitchboardError("DISCONNECTED", "left the room"));
    assert.equal(await refusal(lost), "DISCONNECTED");
    assert.equal(ann.chat.queued, 0);
  });

  test("moderation: the lock reaches everyone, a guest is refused, removal is told", async () => {
    const host = member();
    const guest = member();
    assert.equal((await host.join("mod", "Host")).role, "moderator");
    assert.equal((await guest.join("mod", "Guest")).role, "guest");
    const locked = next(guest.moderation, "lockChanged");
    await host.moderation.setLocked(true);
    assert.deepEqual(await locked, [true, "Host"]);
    assert.equal(guest.moderation.locked, true);
    assert.equal(await refusal(member().join("mod", "Late")), "ROOM_LOCKED");
    assert.equal(await refusal(guest.moderation.muteAll()), "FORBIDDEN");
    assert.equal(await refusal(guest.moderation.setLocked(false)), "FORBIDDEN");
    assert.equal(await refusal(host.moderation.dialOut("+15550100")), "GATEWAY_UNAVAILABLE");
    assert.equal(await host.moderation.muteAll(), 0, "nobody publishes a microphone");

    const removed = new Promise<string>((resolve) =>
      guest.signal.onNotification("removed", ({ reason }) => resolve(reason)),
    );
    await host.moderation.removeParticipant(guest.joined?.peerId ?? "");
    assert.equal(await removed, "Host removed you from the meeting");
  });

  test("notes: edits converge, offline edits wait for the next sync, a newcomer gets them", async () => {
    const ann = member();
    const bob = member();
    await ann.join("notes", "Ann");
    await bob.join("notes", "Bob");
    ann.notes.text.insert(0, "hello");
    await waitFor(() => bob.notes.text.toString() === "hello", "Ann's edit at Bob");

    ann.notes.suspend();
    ann.notes.text.insert(5, " world");
    // The server does not have the offline edit…
    const { state } = await ann.signal.request("getNotes", {});
    const server = new Y.Doc();
    Y.applyUpdate(server, fromBase64(state));
    assert.equal(server.getText("notes").toString(), "hello");
    // …until the next sync merges it in.
    const synced = next(ann.notes, "synced");
    await ann.notes.sync();
    await synced;
    await waitFor(() => bob.notes.text.toString() === "hello world", "the offline edit at Bob");

    const cat = member();
    await cat.join("notes", "Cat");
    assert.equal(cat.notes.text.toString(), "hello world");
  });

  test("lobby: the joiner waits, the moderator sees and admits; a denied joiner is told", async () => {
    const host = member();
    await host.join("lobby", "Host");
    const guest = member();
    const waiting = next(guest.lobby, "waiting");
    const changed = next(host.lobby, "changed");
    const admitted = guest.join("lobby", "Guest");
    await waiting;
    const [entries] = await changed;
    assert.deepEqual(
      entries.map((e) => e.displayName),
      ["Guest"],
    );
    assert.equal(host.lobby.entries.length, 1);
    assert.equal(await refusal(guest.lobby.admit(entries[0]?.id ?? "")), "NOT_JOINED");
    const emptied = next(host.lobby, "changed");
    await host.lobby.admit(entries[0]?.id ?? "");
    assert.equal((await admitted).role, "guest");
    assert.deepEqual((await emptied)[0], []);

    const denied = member();
    const seen = next(host.lobby, "changed");
    const joining = denied.join("lobby", "Dan");
    const [waitingNow] = await seen;
    await host.lobby.deny(waitingNow[0]?.id ?? "");
    assert.equal(await refusal(joining), "LOBBY_DENIED");
  });

  test("detach releases every subscription; the parts work again on a new session", async () => {
    const m = member();
    await m.join("parts", "Pat");
    assert.ok(m.signal.notificationListenerCount() > 0);
    for (const part of m.parts()) part.detach();
    assert.equal(m.signal.notificationListenerCount(), 0);
    assert.equal(await refusal(m.chat.send("after detach")), "DISCONNECTED");
    assert.equal(await refusal(m.moderation.muteAll()), "DISCONNECTED");
    assert.equal(await refusal(m.lobby.admit("x")), "DISCONNECTED");
    m.signal.close();

    // The same objects (as a Room keeps them) on a new session.
    const again = new SignalClient({ url: env.url });
    for (const part of m.parts()) part.attach(again);
    const other = member();
    await other.join("parts", "Other");
    await again.connect();
    const { routerRtpCapabilities } = await again.request("getRouterRtpCapabilities", {});
    const res = await again.request("join", {
      room: "parts",
      displayName: "Pat",
      rtpCapabilities: routerRtpCapabilities,
    });
    m.chat.start(res.chat);
    const atOther = next(other.chat, "message");
    await m.chat.send("back");
    assert.equal((await atOther)[0].text, "back");
    for (const part of m.parts()) part.detach();
    again.close();
  });
});
