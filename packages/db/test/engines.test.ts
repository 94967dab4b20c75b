// Dates must not depend on the process's time zone: run these in one far from UTC (the
// throwaway PostgreSQL server of scripts/with-postgres.sh runs in another one).
process.env.TZ = "Pacific/Chatham";

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  createNumber,
  createRoomWithSettings,
  createTrunk,
  engineOf,
  listCalls,
  listRooms,
  loadNotes,
  RoomConflictError,
  recordCallAnswered,
  recordCallStart,
  saveNotes,
  TelephonyConflictError,
  uniqueViolationFields,
  updateRoom,
} from "../src/index";
import { createTestDatabase, type TestDatabase, testDatabaseEngine } from "../src/testing";

describe(`the data functions behave the same on ${testDatabaseEngine()}`, () => {
  let t: TestDatabase;
  before(() => {
    t = createTestDatabase();
  });
  after(async () => {
    await t.dispose();
  });

  test("the client is the engine the tests asked for", () => {
    assert.equal(t.engine, testDatabaseEngine());
    assert.equal(engineOf(t.db), t.engine);
  });

  test("room search ignores case", async () => {
    await createRoomWithSettings(t.db, { name: "Quarterly Board Meeting" });
    await createRoomWithSettings(t.db, { name: "standup" });
    for (const q of ["BOARD", "board", "quarterly-b", "MEETING", "Standup"]) {
      assert.equal((await listRooms(t.db, q)).length, 1, q);
    }
    assert.equal((await listRooms(t.db, "nothing like it")).length, 0);
    assert.equal((await listRooms(t.db)).length, 2);
  });

  test("bytes come back byte for byte (every byte value, and 64 KiB of noise)", async () => {
    const room = await createRoomWithSettings(t.db, { name: "Notes" });
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    await saveNotes(t.db, room.id, every);
    assert.deepEqual(await loadNotes(t.db, room.id), every);
    const noise = new Uint8Array(randomBytes(64 * 1024));
    await saveNotes(t.db, room.id, noise);
    assert.deepEqual(await loadNotes(t.db, room.id), noise);
  });

  test("dates keep their instant to the millisecond, and filters compare instants", async () => {
    const answered = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    const before = Date.now();
    await recordCallStart(t.db, {
      callId: "date@test",
      direction: "inbound",
      fromNumber: "+15550100",
      toNumber: "+4930",
    });
    await recordCallAnswered(t.db, "date@test", answered);
    const [call] = await listCalls(t.db, { number: "+1555" });
    assert.equal(call?.answeredAt?.toISOString(), "2026-01-02T03:04:05.678Z");
    // A default of now() is now, whatever the zones of the process and the server.
    const startedAt = call?.startedAt.getTime() ?? 0;
    assert.ok(Math.abs(startedAt - before) < 60_000, `startedAt ${call?.startedAt.toISOString()}`);
    const since = (at: number) => listCalls(t.db, { since: new Date(at) });
    assert.equal((await since(startedAt)).length, 1);
    assert.equal((await since(startedAt + 1)).length, 0);
  });

  test("unique violations name the same fields and become the same errors", async () => {
    await createRoomWithSettings(t.db, { name: "Taken", slug: "taken", pin: "555555" });
    const refused = async (input: Parameters<typeof createRoomWithSettings>[1]) => {
      const error = await createRoomWithSettings(t.db, input).catch((e: unknown) => e);
      assert.ok(error instanceof RoomConflictError, String(error));
      return error.field;
    };
    assert.equal(await refused({ name: "Other", slug: "taken" }), "slug");
    assert.equal(await refused({ name: "Other", slug: "other", pin: "555555" }), "pin");
    // Without a slug a taken PIN is still the PIN's fault (no new slug can help).
    assert.equal(await refused({ name: "Taken", pin: "555555" }), "pin");
    const patched = await updateRoom(t.db, "taken", { pin: "555555" });
    assert.equal(patched?.pin, "555555");
    await createRoomWithSettings(t.db, { name: "Second", slug: "second" });
    const conflict = await updateRoom(t.db, "second", { slug: "taken" }).catch((e: unknown) => e);
    assert.ok(conflict instanceof RoomConflictError && conflict.field === "slug");
    assert.equal(await updateRoom(t.db, "no-such-room", { name: "x" }), null);

    const secret = "engine-test-secret".padEnd(40, "x");
    await createTrunk(t.db, { name: "carrier", host: "sip.example.test" }, secret);
    await assert.rejects(
      createTrunk(t.db, { name: "carrier", host: "sip.example.test" }, secret),
      (e) => e instanceof TelephonyConflictError && e.field === "name",
    );
    await createNumber(t.db, { number: "+4930111" });
    await assert.rejects(
      createNumber(t.db, { number: "+4930111" }),
      (e) => e instanceof TelephonyConflictError && e.field === "number",
    );
    // A camel-case column: PostgreSQL quotes it in its message, the fields come unquoted.
    const data = { callId: "twice@test", direction: "inbound", fromNumber: "1", toNumber: "2" };
    await t.db.callRecord.create({ data });
    const twice = await t.db.callRecord.create({ data }).catch((e: unknown) => e);
    assert.deepEqual(uniqueViolationFields(twice), ["callId"]);
  });
});
