import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { ensureRoom } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { freeRtcPort, TestClient, waitFor } from "../src/testing";

const sfuDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

describe("the sfu process survives malformed input and answers with typed errors", () => {
  let t: TestDatabase;
  let proc: ChildProcess;
  let url: string;
  let stderr = "";
  const clients: TestClient[] = [];
  const client = async () => {
    const c = new TestClient(url);
    clients.push(c);
    await c.connected();
    return c;
  };
  const health = async () => (await fetch(`${url}/health`)).json() as Promise<{ ok: boolean }>;

  before(async () => {
    t = createTestDatabase();
    await ensureRoom(t.db, "demo", "Demo");
    const port = await freeTcpPort();
    url = `http://127.0.0.1:${port}`;
    proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: sfuDir,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        SFU_PORT: String(port),
        SFU_HOST: "127.0.0.1",
        SFU_RTC_BASE_PORT: String(freeRtcPort()),
        SFU_WORKERS: "1",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    proc.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    await waitFor(
      () =>
        health()
          .then((h) => h.ok)
          .catch(() => false),
      `sfu process to listen (stderr: ${stderr})`,
      20_000,
    );
  });

  after(async () => {
    for (const c of clients) c.close();
    proc.kill("SIGTERM");
    await new Promise((r) => proc.once("exit", r));
    await t.dispose();
  });

  const malformed: Array<[string, unknown]> = [
    ["a string", "join please"],
    ["a number", 42],
    ["null", null],
    ["an array", [1, 2, 3]],
    ["an unknown method", { method: "format-disk", data: {} }],
    ["wrong types", { method: "join", data: { room: 7, displayName: [], rtpCapabilities: "x" } }],
    ["a missing field", { method: "connectTransport", data: { transportId: "t" } }],
    ["deeply nested junk", { method: "join", data: { room: { a: { b: { c: { d: {} } } } } } }],
    ["binary data", { method: "join", data: Buffer.from([0xde, 0xad, 0xbe, 0xef]) }],
  ];
  for (const [what, payload] of malformed) {
    test(`${what} gets INVALID_REQUEST and the connection stays up`, async () => {
      const c = await client();
      const res = await c.raw(payload);
      assert.equal(res.ok, false);
      if (!res.ok) {
        assert.equal(res.error.code, "INVALID_REQUEST");
        assert.ok(Array.isArray(res.error.issues));
      }
      assert.ok(c.socket.connected);
      // The same connection still works.
      const caps = await c.request("getRouterRtpCapabilities", {});
      assert.ok(caps.routerRtpCapabilities.codecs?.length);
    });
  }

  test("an oversized message (200 kB) gets a typed error", async () => {
    const c = await client();
    const res = await c.raw({
      method: "join",
      data: { room: "demo", displayName: "x".repeat(200_000), rtpCapabilities: {} },
    });
    assert.equal(res.ok, false);
    if (!res.ok) {
      assert.equal(res.error.code, "INVALID_REQUEST");
      assert.match(res.error.message, /larger than/);
    }
  });

  test("a message past the transport limit (2 MB) drops only that connection", async () => {
    const c = await client();
    const dropped = new Promise((r) => c.socket.once("disconnect", r));
    c.socket.emit("request", { method: "join", data: "y".repeat(2_000_000) }, () => undefined);
    await dropped;
    assert.ok((await health()).ok);
  });

  test("a request without an ack callback and unknown events are ignored", async () => {
    const c = await client();
    c.socket.emit("request", { method: "leave", data: {} });
    c.socket.emit("no-such-event", { x: 1 });
    const caps = await c.request("getRouterRtpCapabilities", {});
    assert.ok(caps.routerRtpCapabilities.codecs);
  });

  test("after all that, a normal join works and the process never exited", async () => {
    const c = await client();
    const joined = await c.join("demo", "Survivor");
    assert.ok(joined.peerId);
    assert.equal(proc.exitCode, null);
    assert.doesNotMatch(stderr, /uncaught|unhandled/i);
  });
});
