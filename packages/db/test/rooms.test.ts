import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  closeDanglingSessions,
  createRoom,
  ensureRoom,
  findRoomBySlug,
  listSessions,
  recordJoin,
  recordLeave,
  slugify,
} from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";

describe("slugify", () => {
  test("keeps letters and digits, dashes the rest", () => {
    assert.equal(slugify("Weekly Sync!"), "weekly-sync");
    assert.equal(slugify("  Café  Ünïcode 2026 "), "cafe-unicode-2026");
    assert.equal(slugify("!!!"), "");
  });
});

describe("rooms and sessions in SQLite (migrated)", () => {
  let t: TestDatabase;
  before(() => {
    t = createTestDatabase();
  });
  after(async () => {
    await t.dispose();
  });

  test("createRoom derives a slug and never collides", async () => {
    const a = await createRoom(t.db, "Team Standup");
    const b = await createRoom(t.db, "Team Standup");
    assert.equal(a.slug, "team-standup");
    assert.match(b.slug, /^team-standup-[a-z0-9]{5}$/);
    assert.equal((await findRoomBySlug(t.db, a.slug))?.name, "Team Standup");
  });

  test("createRoom refuses an empty name with a clear error", async () => {
    await assert.rejects(createRoom(t.db, "   "), /give the room a name/);
  });

  test("ensureRoom is idempotent", async () => {
    const first = await ensureRoom(t.db, "demo", "Demo room");
    const second = await ensureRoom(t.db, "demo", "Other name");
    assert.equal(first.id, second.id);
    assert.equal(second.name, "Demo room");
  });

  test("a participant session is opened and closed", async () => {
    const room = await ensureRoom(t.db, "sessions", "Sessions");
    await recordJoin(t.db, { roomId: room.id, peerId: "p1", displayName: "Ada" });
    await recordJoin(t.db, { roomId: room.id, peerId: "p2", displayName: "Bob" });
    await recordLeave(t.db, "p1");
    const rows = await listSessions(t.db, room.id);
    assert.deepEqual(
      rows.map((r) => [r.displayName, r.leftAt !== null]),
      [
        ["Ada", true],
        ["Bob", false],
      ],
    );
    assert.equal(await closeDanglingSessions(t.db), 1);
    assert.ok((await listSessions(t.db, room.id)).every((r) => r.leftAt));
  });
});
