import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { createApiKey, revokeApiKey } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { configFromEnv, type Sfu, startSfu } from "@switchboard/sfu";
import { freeRtcPort, TestClient, waitFor } from "@switchboard/sfu/testing";
import { signJoinToken } from "@switchboard/tokens";
import { createApiHandler, SfuAdminClient } from "../src/index";

const secret = "api-test-secret".padEnd(48, "z");

describe("REST API /api/v1 (real SQLite, real SFU)", () => {
  let t: TestDatabase;
  let sfu: Sfu;
  let handler: (req: Request) => Promise<Response>;
  let key: string;
  let revokedKey: string;
  const clients: TestClient[] = [];

  const call = async (method: string, path: string, body?: unknown, auth: string | null = key) => {
    const res = await handler(
      new Request(`http://web.test/api/v1${path}`, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body:
          body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: the test reads fields of arbitrary response JSON
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  };

  before(async () => {
    t = createTestDatabase();
    sfu = await startSfu(
      {
        ...configFromEnv({}),
        port: 0,
        host: "127.0.0.1",
        rtcBasePort: freeRtcPort(),
        workers: 1,
        emptyRoomGraceMs: 200,
        logLevel: "silent",
        secret,
      },
      { db: t.db, onWorkerDied: (e) => assert.fail(e) },
    );
    handler = createApiHandler({
      db: t.db,
      sfu: new SfuAdminClient(`http://127.0.0.1:${sfu.port}`, secret),
      secret,
      publicUrl: "https://meet.example.test",
      onError: (e) => assert.fail(e as Error),
    });
    key = (await createApiKey(t.db, "tests")).key;
    const revoked = await createApiKey(t.db, "old");
    revokedKey = revoked.key;
    await revokeApiKey(t.db, revoked.record.id);
  });

  after(async () => {
    for (const c of clients) c.close();
    await sfu.close();
    await t.dispose();
  });

  test("the OpenAPI document is served without a key and is a valid OpenAPI 3.1 document", async () => {
    const { status, body } = await call("GET", "/openapi.json", undefined, null);
    assert.equal(status, 200);
    const doc = structuredClone(body);
    await SwaggerParser.validate(doc as never);
    assert.ok(body.paths["/rooms/{slug}/participants/{participantId}/remove"].post);
    assert.ok(body.components.schemas.RoomCreate);
  });

  test("rooms CRUD with field errors and conflicts", async () => {
    const created = await call("POST", "/rooms", { name: "Quarterly Review", access: "token" });
    assert.equal(created.status, 201);
    assert.equal(created.body.slug, "quarterly-review");
    assert.equal(created.body.access, "token");

    const dup = await call("POST", "/rooms", { name: "Other", slug: "quarterly-review" });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, "CONFLICT");

    const bad = await call("POST", "/rooms", { name: "", maxParticipants: -1, access: "secret" });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.issues.map((i: { path: string }) => i.path).sort(), [
      "access",
      "maxParticipants",
      "name",
    ]);
    const notJson = await call("POST", "/rooms", "{oops");
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.error.code, "INVALID_JSON");
    const unknownField = await call("PATCH", "/rooms/quarterly-review", { colour: "red" });
    assert.equal(unknownField.status, 400);

    const patched = await call("PATCH", "/rooms/quarterly-review", { locked: true, pin: "432198" });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.locked, true);
    assert.equal((await call("GET", "/rooms/quarterly-review")).body.pin, "432198");
    const list = await call("GET", "/rooms?q=quarter");
    assert.deepEqual(
      list.body.rooms.map((r: { slug: string }) => r.slug),
      ["quarterly-review"],
    );
    assert.equal(list.body.rooms[0].liveParticipants, 0);

    assert.equal((await call("DELETE", "/rooms/quarterly-review")).status, 204);
    assert.equal((await call("GET", "/rooms/quarterly-review")).status, 404);
    assert.equal((await call("PUT", "/rooms/x")).status, 405);
    assert.equal((await call("GET", "/nothing-here")).status, 404);
  });

  test("live participants: list, mute, remove, end; join tokens that the SFU accepts", async () => {
    await call("POST", "/rooms", { name: "Standup", slug: "standup", access: "token" });
    const tok = await call("POST", "/rooms/standup/tokens", { role: "guest", name: "Gus" });
    assert.equal(tok.status, 201);
    assert.match(tok.body.url, /^https:\/\/meet\.example\.test\/r\/standup\?token=/);

    const gus = new TestClient(`http://127.0.0.1:${sfu.port}`);
    const kim = new TestClient(`http://127.0.0.1:${sfu.port}`);
    clients.push(gus, kim);
    const joined = await gus.joinWith("standup", "ignored", tok.body.token);
    assert.equal(joined.displayName, "Gus");
    const kimTok = await call("POST", "/rooms/standup/tokens", { role: "moderator", name: "Kim" });
    await kim.joinWith("standup", "Kim", kimTok.body.token);

    const parts = await call("GET", "/rooms/standup/participants");
    assert.deepEqual(
      parts.body.participants.map((p: { displayName: string; role: string }) => [
        p.displayName,
        p.role,
      ]),
      [
        ["Gus", "guest"],
        ["Kim", "moderator"],
      ],
    );
    assert.equal(
      (await call("GET", "/rooms")).body.rooms.find((r: { slug: string }) => r.slug === "standup")
        .liveParticipants,
      2,
    );

    assert.equal(
      (await call("POST", `/rooms/standup/participants/${joined.peerId}/mute`, {})).status,
      200,
    );
    const badMute = await call("POST", `/rooms/standup/participants/${joined.peerId}/mute`, {
      source: "x",
    });
    assert.equal(badMute.status, 400);
    assert.equal((await call("POST", "/rooms/standup/participants/nobody/remove")).status, 404);
    assert.equal(
      (await call("POST", `/rooms/standup/participants/${joined.peerId}/remove`)).status,
      200,
    );
    await waitFor(() => gus.notifications.find((n) => n.method === "removed"), "Gus removed");
    assert.equal((await call("GET", "/rooms/standup/participants")).body.participants.length, 1);
    assert.equal((await call("POST", "/rooms/standup/end")).status, 200);
    await waitFor(() => kim.notifications.find((n) => n.method === "roomClosed"), "Kim told");
    assert.deepEqual((await call("GET", "/rooms/standup/participants")).body.participants, []);
    assert.equal((await call("POST", "/rooms/standup/end")).status, 404, "not live any more");
  });

  test("authorization matrix: only a valid API key may call any endpoint", async () => {
    await call("POST", "/rooms", { name: "Matrix", slug: "matrix" });
    const guestJwt = (await signJoinToken({ room: "matrix", role: "guest" }, secret, 60)).token;
    const modJwt = (await signJoinToken({ room: "matrix", role: "moderator" }, secret, 60)).token;
    const actions: Array<[string, string, unknown?]> = [
      ["GET", "/rooms"],
      ["POST", "/rooms", { name: "Nope" }],
      ["GET", "/rooms/matrix"],
      ["PATCH", "/rooms/matrix", { locked: true }],
      ["GET", "/rooms/matrix/participants"],
      ["POST", "/rooms/matrix/participants/p/mute", {}],
      ["POST", "/rooms/matrix/participants/p/remove"],
      ["POST", "/rooms/matrix/end"],
      ["POST", "/rooms/matrix/tokens", {}],
      ["DELETE", "/rooms/matrix"],
    ];
    const refused: Array<[string, string | null]> = [
      ["no credentials", null],
      ["a guest join token", guestJwt],
      ["a moderator join token", modJwt],
      ["a revoked key", revokedKey],
      ["a made-up key", "sbk_not-a-real-key"],
    ];
    for (const [who, auth] of refused) {
      for (const [method, path, body] of actions) {
        const res = await call(method, path, body, auth);
        assert.equal(res.status, 401, `${who} → ${method} ${path}`);
        assert.equal(res.body.error.code, "UNAUTHORIZED");
      }
    }
    // The same actions with a valid key are allowed (the live ones answer 404: nobody is in).
    const allowed = new Map([
      ["GET /rooms", 200],
      ["POST /rooms", 201],
      ["GET /rooms/matrix", 200],
      ["PATCH /rooms/matrix", 200],
      ["GET /rooms/matrix/participants", 200],
      ["POST /rooms/matrix/participants/p/mute", 404],
      ["POST /rooms/matrix/participants/p/remove", 404],
      ["POST /rooms/matrix/end", 404],
      ["POST /rooms/matrix/tokens", 201],
      ["DELETE /rooms/matrix", 204],
    ]);
    for (const [method, path, body] of actions) {
      const res = await call(method, path, body);
      assert.equal(res.status, allowed.get(`${method} ${path}`), `${method} ${path}`);
    }
  });
});
