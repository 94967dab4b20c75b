import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { z } from "zod";
import {
  createNumber,
  createRoomWithSettings,
  createTrunk,
  deleteNumber,
  deleteRoom,
  deleteTrunk,
  findTrunk,
  listNumbers,
  listTrunks,
  NumberReferenceError,
  normalizeNumber,
  routeForDid,
  TelephonyConflictError,
  TrunkCredentialsError,
  trunkForDialing,
  trunksToRegister,
  updateTrunk,
} from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";

const secret = "trunk-test-secret".padEnd(48, "x");

describe("trunks and phone numbers in SQLite (migrated)", () => {
  let t: TestDatabase;
  before(() => {
    t = createTestDatabase();
  });
  after(async () => {
    await t.dispose();
  });

  test("a trunk's password is stored encrypted and never listed", async () => {
    const trunk = await createTrunk(
      t.db,
      {
        name: "carrier",
        host: "sip.carrier.example",
        username: "acct1",
        password: "hunter2-very-secret",
        register: true,
        fromNumber: "+4930123456",
      },
      secret,
    );
    assert.equal(trunk.hasPassword, true);
    assert.equal(trunk.port, 5060);
    assert.equal(trunk.transport, "udp");
    assert.equal(trunk.registerExpires, 300);
    assert.equal("password" in trunk, false);
    assert.equal("passwordEnc" in trunk, false);

    const row = await t.db.trunk.findUniqueOrThrow({ where: { name: "carrier" } });
    assert.ok(row.passwordEnc);
    assert.doesNotMatch(row.passwordEnc, /hunter2/);
    const listed = await listTrunks(t.db);
    assert.deepEqual(
      listed.map((x) => [x.name, x.hasPassword]),
      [["carrier", true]],
    );
    assert.doesNotMatch(JSON.stringify(listed), /hunter2|passwordEnc/);

    const dialing = await trunkForDialing(t.db, "carrier", secret);
    assert.equal(dialing?.password, "hunter2-very-secret");
    assert.equal(dialing?.username, "acct1");
  });

  test("invalid input is a ZodError with the failing fields; names are unique", async () => {
    await assert.rejects(
      createTrunk(
        t.db,
        { name: "bad name!", host: "sip:x.example:5060", port: 70000, transport: "tls" as "udp" },
        secret,
      ),
      (error: unknown) => {
        assert.ok(error instanceof z.ZodError);
        assert.deepEqual(error.issues.map((i) => i.path.join(".")).sort(), [
          "host",
          "name",
          "port",
          "transport",
        ]);
        return true;
      },
    );
    await assert.rejects(
      createTrunk(t.db, { name: "reg", host: "pbx.example", register: true }, secret),
      (error: unknown) => error instanceof z.ZodError && error.issues[0]?.path[0] === "username",
    );
    await assert.rejects(
      createTrunk(t.db, { name: "carrier", host: "other.example" }, secret),
      (error: unknown) => error instanceof TelephonyConflictError && error.field === "name",
    );
  });

  test("update: password kept when absent, replaced, cleared; rename; registration check", async () => {
    await createTrunk(t.db, { name: "pbx", host: "10.0.0.5", transport: "tcp" }, secret);
    const renamed = await updateTrunk(t.db, "pbx", { name: "office-pbx", port: 5080 }, secret);
    assert.equal(renamed?.name, "office-pbx");
    assert.equal(renamed?.port, 5080);
    assert.equal(renamed?.hasPassword, false);
    assert.equal(await updateTrunk(t.db, "pbx", { port: 5090 }, secret), null);

    await updateTrunk(t.db, "office-pbx", { username: "u", password: "p1" }, secret);
    await updateTrunk(t.db, "office-pbx", { host: "10.0.0.6" }, secret);
    assert.equal((await trunkForDialing(t.db, "office-pbx", secret))?.password, "p1");
    await updateTrunk(t.db, "office-pbx", { password: "p2", register: true }, secret);
    assert.equal((await trunkForDialing(t.db, "office-pbx", secret))?.password, "p2");
    // Registration needs the password: clearing it while registering is refused.
    await assert.rejects(
      updateTrunk(t.db, "office-pbx", { password: null }, secret),
      (error: unknown) => error instanceof z.ZodError && error.issues[0]?.path[0] === "password",
    );
    const cleared = await updateTrunk(
      t.db,
      "office-pbx",
      { password: null, register: false },
      secret,
    );
    assert.equal(cleared?.hasPassword, false);
    assert.equal((await trunkForDialing(t.db, "office-pbx", secret))?.password, null);
    await assert.rejects(
      updateTrunk(t.db, "office-pbx", { name: "carrier" }, secret),
      TelephonyConflictError,
    );
    await assert.rejects(updateTrunk(t.db, "office-pbx", { secret: "x" } as never, secret));
  });

  test("trunkForDialing: named and enabled, or the first enabled; trunksToRegister", async () => {
    assert.equal((await trunkForDialing(t.db, undefined, secret))?.name, "carrier");
    await updateTrunk(t.db, "carrier", { enabled: false }, secret);
    assert.equal((await trunkForDialing(t.db, undefined, secret))?.name, "office-pbx");
    assert.equal(await trunkForDialing(t.db, "carrier", secret), null, "disabled");
    assert.equal(await trunkForDialing(t.db, "nope", secret), null);
    assert.deepEqual(await trunksToRegister(t.db, secret), [], "carrier is disabled");
    await updateTrunk(t.db, "carrier", { enabled: true }, secret);
    const reg = await trunksToRegister(t.db, secret);
    assert.deepEqual(
      reg.map((r) => [r.name, r.username, r.password, r.registerExpires]),
      [["carrier", "acct1", "hunter2-very-secret", 300]],
    );
  });

  test("another secret cannot decrypt: a clear error, and registration skips the trunk", async () => {
    const other = "a-different-secret".padEnd(48, "y");
    await assert.rejects(trunkForDialing(t.db, "carrier", other), TrunkCredentialsError);
    const skipped: string[] = [];
    assert.deepEqual(await trunksToRegister(t.db, other, (e) => skipped.push(e.trunk)), []);
    assert.deepEqual(skipped, ["carrier"]);
  });

  test("numbers: create, route, conflicts, unknown references, delete", async () => {
    const room = await createRoomWithSettings(t.db, { name: "Sales", slug: "sales" });
    const direct = await createNumber(t.db, {
      number: "+4930111222",
      room: "sales",
      trunk: "carrier",
      label: "Sales line",
    });
    assert.deepEqual(direct.room, { slug: "sales", name: "Sales" });
    assert.deepEqual(direct.trunk, { name: "carrier" });
    await createNumber(t.db, { number: "4930999000" });

    const routed = await routeForDid(t.db, "+4930111222");
    assert.ok(routed && "room" in routed);
    assert.equal(routed.room.id, room.id);
    // With or without "+", and as a SIP URI user part with separators.
    assert.ok(await routeForDid(t.db, "4930111222").then((r) => r && "room" in r));
    assert.deepEqual(await routeForDid(t.db, "sip:+49 30 999-000@gw.example"), {
      pinEntry: true,
    });
    assert.equal(await routeForDid(t.db, "+1555000"), null);
    assert.equal(await routeForDid(t.db, "not a number"), null);

    await assert.rejects(createNumber(t.db, { number: "+4930111222" }), TelephonyConflictError);
    await assert.rejects(
      createNumber(t.db, { number: "+4930000001", room: "nope" }),
      (error: unknown) => error instanceof NumberReferenceError && error.field === "room",
    );
    await assert.rejects(
      createNumber(t.db, { number: "+4930000001", trunk: "nope" }),
      (error: unknown) => error instanceof NumberReferenceError && error.field === "trunk",
    );
    await assert.rejects(createNumber(t.db, { number: "12" }), z.ZodError);

    assert.deepEqual(
      (await listNumbers(t.db)).map((n) => [n.number, n.room?.slug ?? null, n.trunk?.name ?? null]),
      [
        ["+4930111222", "sales", "carrier"],
        ["4930999000", null, null],
      ],
    );
    assert.equal(await deleteNumber(t.db, "4930999000"), true);
    assert.equal(await deleteNumber(t.db, "4930999000"), false);
  });

  test("deleting a trunk or a room keeps the number, without it (SetNull)", async () => {
    assert.equal(await deleteTrunk(t.db, "carrier"), true);
    assert.equal(await deleteTrunk(t.db, "carrier"), false);
    assert.equal(await findTrunk(t.db, "carrier"), null);
    const [number] = await listNumbers(t.db);
    assert.equal(number?.trunk, null);
    assert.equal(number?.room?.slug, "sales");
    await deleteRoom(t.db, "sales");
    assert.deepEqual(await routeForDid(t.db, "+4930111222"), { pinEntry: true });
  });

  test("normalizeNumber", () => {
    assert.equal(normalizeNumber(" +49 (30) 123-456 "), "+4930123456");
    assert.equal(normalizeNumber("tel:+1.555.0100"), "+15550100");
    assert.equal(normalizeNumber("sip:100@pbx"), "100");
    assert.equal(normalizeNumber("sip:alice@pbx"), null);
  });
});
