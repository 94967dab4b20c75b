import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { createApiKey, recordCallAnswered, recordCallEnd, recordCallStart } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { gatewayControlToken } from "@switchboard/tokens";
import { createApiHandler, GatewayClient, GatewayError, SfuAdminClient } from "../src/index";

const secret = "telephony-api-secret".padEnd(48, "t");

interface SeenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * A stand-in for the gateway's control API (POST /calls, GET /calls/live, DELETE
 * /calls/{id}) that answers like apps/gateway's ControlApi does. It is used ONLY to test
 * that the REST API and GatewayClient proxy correctly (path, bearer token, body, status
 * and error mapping); the gateway itself, with real SIP, is tested in apps/gateway.
 */
async function startFakeGateway(): Promise<{
  url: string;
  seen: SeenRequest[];
  /** Overrides the next POST /calls answer. */
  nextDial: { status: number; body: unknown } | null;
  server: Server;
}> {
  const state = {
    seen: [] as SeenRequest[],
    nextDial: null as { status: number; body: unknown } | null,
  };
  const readJson = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    return text ? JSON.parse(text) : undefined;
  };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      state.seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        body,
      });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (req.headers.authorization !== `Bearer ${gatewayControlToken(secret)}`) {
        return send(401, {
          error: { code: "UNAUTHORIZED", message: "bad or missing bearer token" },
        });
      }
      if (req.method === "POST" && req.url === "/calls") {
        const answer = state.nextDial ?? { status: 202, body: { callId: "call-1@gw" } };
        state.nextDial = null;
        return send(answer.status, answer.body);
      }
      if (req.method === "GET" && req.url === "/calls/live") {
        return send(200, {
          calls: [
            {
              callId: "call-1@gw",
              direction: "outbound",
              from: "+4930123456",
              to: "+15550100",
              room: "sales",
              state: "ringing",
              startedAt: new Date(0).toISOString(),
            },
          ],
        });
      }
      if (req.method === "DELETE" && req.url === "/calls/call-1%40gw") return send(200, {});
      if (req.method === "DELETE") {
        return send(404, { error: { code: "NOT_FOUND", message: "no such call" } });
      }
      return send(405, { error: { code: "METHOD_NOT_ALLOWED", message: "method not allowed" } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}`, server });
}

describe("REST API: trunks, numbers, call records, dial-out", () => {
  let t: TestDatabase;
  let handler: (req: Request) => Promise<Response>;
  let key: string;
  let gateway: Awaited<ReturnType<typeof startFakeGateway>>;

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
  const issuePaths = (body: Record<string, unknown>) =>
    [
      ...new Set(
        ((body.error as { issues?: Array<{ path: string }> }).issues ?? []).map((i) => i.path),
      ),
    ].sort();

  before(async () => {
    t = createTestDatabase();
    gateway = await startFakeGateway();
    handler = createApiHandler({
      db: t.db,
      // Not used by these endpoints: nothing listens there.
      sfu: new SfuAdminClient("http://127.0.0.1:9", secret, 500),
      gateway: new GatewayClient(gateway.url, secret),
      secret,
      publicUrl: "https://meet.example.test",
      onError: (e) => assert.fail(e as Error),
    });
    key = (await createApiKey(t.db, "tests")).key;
    await call("POST", "/rooms", { name: "Sales", slug: "sales" });
  });

  after(async () => {
    await new Promise((resolve) => gateway.server.close(resolve));
    await t.dispose();
  });

  test("the OpenAPI document has the new endpoints and is still valid", async () => {
    const { body } = await call("GET", "/openapi.json", undefined, null);
    await SwaggerParser.validate(structuredClone(body) as never);
    assert.ok(body.paths["/rooms/{slug}/dial"].post.responses["202"]);
    assert.ok(body.paths["/rooms/{slug}/dial"].post.responses["503"]);
    assert.ok(
      body.paths["/calls"].get.parameters.find((p: { name: string }) => p.name === "since"),
    );
    assert.ok(body.paths["/trunks"].post && body.paths["/trunks/{name}"].patch);
    assert.ok(body.paths["/numbers/{number}"].delete);
    assert.equal(body.components.schemas.Trunk.properties.password.enum.join(), "set,not set");
    assert.ok(body.components.schemas.TrunkCreate.properties.password, "write-only input");
  });

  test("trunks CRUD; the password is write-only; field errors and conflicts", async () => {
    const created = await call("POST", "/trunks", {
      name: "carrier",
      host: "sip.carrier.example",
      username: "acct",
      password: "s3cret-pass",
      register: true,
      fromNumber: "+4930123456",
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.password, "set");
    assert.equal(created.body.port, 5060);
    assert.doesNotMatch(JSON.stringify(created.body), /s3cret/);

    const list = await call("GET", "/trunks");
    assert.deepEqual(
      list.body.trunks.map((x: { name: string; password: string }) => [x.name, x.password]),
      [["carrier", "set"]],
    );
    assert.doesNotMatch(JSON.stringify(list.body), /s3cret|passwordEnc/);

    const bad = await call("POST", "/trunks", {
      name: "",
      host: "sip:x:5060",
      port: 0,
      transport: "tls",
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "INVALID_REQUEST");
    assert.deepEqual(issuePaths(bad.body), ["host", "name", "port", "transport"]);
    const needsCreds = await call("POST", "/trunks", { name: "r", host: "pbx", register: true });
    assert.equal(needsCreds.status, 400);
    assert.deepEqual(issuePaths(needsCreds.body), ["username"]);
    const unknown = await call("POST", "/trunks", { name: "x", host: "pbx", colour: "red" });
    assert.equal(unknown.status, 400);
    assert.equal((await call("POST", "/trunks", "{nope")).body.error.code, "INVALID_JSON");
    const dup = await call("POST", "/trunks", { name: "carrier", host: "other" });
    assert.equal(dup.status, 409);

    const patched = await call("PATCH", "/trunks/carrier", { port: 5080, transport: "tcp" });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.port, 5080);
    assert.equal(patched.body.password, "set", "absent password is kept");
    const cleared = await call("PATCH", "/trunks/carrier", { password: null, register: false });
    assert.equal(cleared.body.password, "not set");
    assert.equal((await call("PATCH", "/trunks/carrier", { port: "x" })).status, 400);
    assert.equal((await call("PATCH", "/trunks/nope", { port: 5070 })).status, 404);
    assert.equal((await call("GET", "/trunks/carrier")).body.port, 5080);

    await call("POST", "/trunks", { name: "spare", host: "10.0.0.9" });
    assert.equal((await call("DELETE", "/trunks/spare")).status, 204);
    assert.equal((await call("DELETE", "/trunks/spare")).status, 404);
    assert.equal((await call("GET", "/trunks/spare")).status, 404);
  });

  test("numbers: into a room or the PIN prompt; unknown room/trunk; delete with %2B", async () => {
    const direct = await call("POST", "/numbers", {
      number: "+4930111222",
      room: "sales",
      trunk: "carrier",
      label: "Sales",
    });
    assert.equal(direct.status, 201);
    assert.deepEqual(
      [direct.body.number, direct.body.room, direct.body.trunk],
      ["+4930111222", "sales", "carrier"],
    );
    const pin = await call("POST", "/numbers", { number: "4930999000" });
    assert.equal(pin.status, 201);
    assert.equal(pin.body.room, null);

    const bad = await call("POST", "/numbers", { number: "12ab", room: 5 });
    assert.equal(bad.status, 400);
    assert.deepEqual(issuePaths(bad.body), ["number", "room"]);
    const noRoom = await call("POST", "/numbers", { number: "+4930000001", room: "nope" });
    assert.equal(noRoom.status, 400);
    assert.deepEqual(issuePaths(noRoom.body), ["room"]);
    const noTrunk = await call("POST", "/numbers", { number: "+4930000001", trunk: "nope" });
    assert.deepEqual(issuePaths(noTrunk.body), ["trunk"]);
    assert.equal((await call("POST", "/numbers", { number: "+4930111222" })).status, 409);

    assert.deepEqual(
      (await call("GET", "/numbers")).body.numbers.map((n: { number: string }) => n.number),
      ["+4930111222", "4930999000"],
    );
    assert.equal((await call("DELETE", "/numbers/%2B4930111222")).status, 204);
    assert.equal((await call("DELETE", "/numbers/%2B4930111222")).status, 404);
  });

  test("call records with filters and durations", async () => {
    const base = Date.parse("2026-11-20T10:00:00Z");
    await recordCallStart(t.db, {
      callId: "in-1",
      direction: "inbound",
      fromNumber: "+15550100",
      toNumber: "+4930111222",
      roomSlug: "sales",
    });
    await t.db.callRecord.update({
      where: { callId: "in-1" },
      data: { startedAt: new Date(base) },
    });
    await recordCallAnswered(t.db, "in-1", new Date(base + 5_000));
    await recordCallEnd(t.db, "in-1", "remote-hangup", new Date(base + 65_000));
    await recordCallStart(t.db, {
      callId: "out-1",
      direction: "outbound",
      fromNumber: "+4930123456",
      toNumber: "+4917000000",
      trunk: "carrier",
      roomSlug: "sales",
    });
    await t.db.callRecord.update({
      where: { callId: "out-1" },
      data: { startedAt: new Date(base + 2 * 86_400_000) },
    });
    await recordCallEnd(t.db, "out-1", "busy");

    const all = await call("GET", "/calls");
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.body.calls.map((c: { callId: string }) => c.callId),
      ["out-1", "in-1"],
    );
    const inbound = all.body.calls[1];
    assert.equal(inbound.durationSeconds, 60);
    assert.equal(inbound.endReason, "remote-hangup");
    assert.equal(all.body.calls[0].durationSeconds, null, "never answered");

    const only = async (query: string) =>
      (await call("GET", `/calls?${query}`)).body.calls.map((c: { callId: string }) => c.callId);
    assert.deepEqual(await only("direction=outbound"), ["out-1"]);
    assert.deepEqual(await only("room=sales&number=%2B1555"), ["in-1"]);
    assert.deepEqual(await only("number=%2B49170"), ["out-1"]);
    assert.deepEqual(await only("since=2026-11-21"), ["out-1"]);
    assert.deepEqual(await only("limit=1"), ["out-1"]);
    const bad = await call("GET", "/calls?direction=sideways&since=yesterday&limit=0");
    assert.equal(bad.status, 400);
    assert.deepEqual(issuePaths(bad.body), ["direction", "limit", "since"]);
  });

  test("dial is proxied to the gateway's control API (stand-in server) with its answers", async () => {
    gateway.seen.length = 0;
    const ok = await call("POST", "/rooms/sales/dial", { to: "+15550100", trunk: "carrier" });
    assert.equal(ok.status, 202);
    assert.deepEqual(ok.body, { callId: "call-1@gw" });
    assert.deepEqual(gateway.seen, [
      {
        method: "POST",
        url: "/calls",
        authorization: `Bearer ${gatewayControlToken(secret)}`,
        body: { room: "sales", to: "+15550100", trunk: "carrier" },
      },
    ]);

    // Our own validation first: nothing reaches the gateway.
    gateway.seen.length = 0;
    const bad = await call("POST", "/rooms/sales/dial", { to: "call me maybe", extra: 1 });
    assert.equal(bad.status, 400);
    assert.deepEqual(issuePaths(bad.body), ["(root)", "to"]);
    assert.equal((await call("POST", "/rooms/nope/dial", { to: "+15550100" })).status, 404);
    assert.equal(
      (await call("POST", "/rooms/sales/dial", { to: "+15550100", trunk: "nope" })).status,
      404,
    );
    assert.deepEqual(gateway.seen, []);

    // The gateway's refusals come back as API errors.
    gateway.nextDial = {
      status: 400,
      body: {
        error: {
          code: "INVALID_REQUEST",
          message: "invalid dial request",
          issues: [{ path: "to", message: "a SIP URI or a phone number" }],
        },
      },
    };
    const refused = await call("POST", "/rooms/sales/dial", { to: "+15550100" });
    assert.equal(refused.status, 400);
    assert.deepEqual(issuePaths(refused.body), ["to"]);
    gateway.nextDial = {
      status: 404,
      body: { error: { code: "ROOM_NOT_FOUND", message: "no such room" } },
    };
    assert.equal((await call("POST", "/rooms/sales/dial", { to: "+15550100" })).status, 404);
    gateway.nextDial = {
      status: 503,
      body: { error: { code: "SIP_DOWN", message: "SIP is down" } },
    };
    const down = await call("POST", "/rooms/sales/dial", { to: "+15550100" });
    assert.equal(down.status, 503);
    assert.equal(down.body.error.code, "GATEWAY_UNAVAILABLE");
  });

  test("dial with the gateway unreachable or with the wrong secret", async () => {
    const unreachable = createApiHandler({
      db: t.db,
      sfu: new SfuAdminClient("http://127.0.0.1:9", secret, 500),
      gateway: new GatewayClient("http://127.0.0.1:9", secret, 1000),
      secret,
      publicUrl: "https://meet.example.test",
    });
    const res = await unreachable(
      new Request("http://web.test/api/v1/rooms/sales/dial", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ to: "+15550100" }),
      }),
    );
    assert.equal(res.status, 503);
    assert.equal(
      ((await res.json()) as { error: { code: string } }).error.code,
      "GATEWAY_UNAVAILABLE",
    );

    const wrongSecret = new GatewayClient(gateway.url, "another-secret".padEnd(40, "q"));
    await assert.rejects(
      wrongSecret.dial({ room: "sales", to: "+15550100" }),
      (error: unknown) => error instanceof GatewayError && error.status === 401,
    );
  });

  test("GatewayClient: live calls and hang-up", async () => {
    const client = new GatewayClient(gateway.url, secret);
    const live = await client.liveCalls();
    assert.deepEqual(
      live.map((c) => [c.callId, c.room, c.state]),
      [["call-1@gw", "sales", "ringing"]],
    );
    assert.equal(await client.hangup("call-1@gw"), true);
    assert.equal(await client.hangup("gone"), false);
    await assert.rejects(
      new GatewayClient("http://127.0.0.1:9", secret, 1000).liveCalls(),
      (error: unknown) => error instanceof GatewayError && error.unreachable,
    );
  });

  test("authorization: every telephony endpoint needs a valid API key", async () => {
    const actions: Array<[string, string, unknown?]> = [
      ["POST", "/rooms/sales/dial", { to: "+15550100" }],
      ["GET", "/calls"],
      ["GET", "/trunks"],
      ["POST", "/trunks", { name: "z", host: "h" }],
      ["GET", "/trunks/carrier"],
      ["PATCH", "/trunks/carrier", { port: 5060 }],
      ["DELETE", "/trunks/carrier"],
      ["GET", "/numbers"],
      ["POST", "/numbers", { number: "+4930555" }],
      ["DELETE", "/numbers/4930999000"],
    ];
    gateway.seen.length = 0;
    for (const auth of [null, "sbk_made-up", "not-even-a-key"]) {
      for (const [method, path, body] of actions) {
        const res = await call(method, path, body, auth);
        assert.equal(res.status, 401, `${auth ?? "no key"} → ${method} ${path}`);
        assert.equal(res.body.error.code, "UNAUTHORIZED");
      }
    }
    assert.deepEqual(gateway.seen, [], "nothing reached the gateway without a key");
    assert.equal((await call("GET", "/trunks")).status, 200);
  });
});
