import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { bearerMatches, readJsonBody, sendError, sendJson } from "../src/index";

describe("control API plumbing over a real HTTP server", () => {
  const server = createServer(async (req, res) => {
    if (!bearerMatches(req.headers.authorization, "k3y")) {
      return sendError(res, 401, "UNAUTHORIZED", "bad or missing bearer token");
    }
    const body = await readJsonBody(req, 64);
    if (!body.ok) return sendError(res, 400, body.reason, body.message);
    sendJson(res, 200, { got: body.value });
  });
  let url = "";
  before(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => server.close());
  const post = (body: string, auth = "Bearer k3y") =>
    fetch(url, { method: "POST", headers: { authorization: auth }, body });

  test("the bearer must match exactly", async () => {
    assert.equal((await post("{}", "Bearer k3")).status, 401);
    assert.equal((await post("{}", "Bearer K3Y")).status, 401);
    assert.equal((await post("{}", "k3y")).status, 401);
    assert.equal((await post("{}")).status, 200);
  });

  test("JSON in, JSON out; empty is {}; too big and not-JSON are refused", async () => {
    assert.deepEqual(await (await post('{"a":1}')).json(), { got: { a: 1 } });
    assert.deepEqual(await (await post("")).json(), { got: {} });
    const big = await post(JSON.stringify({ x: "y".repeat(100) }));
    assert.equal(big.status, 400);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, "too-large");
    const bad = await post("{nope");
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, "not-json");
  });
});
