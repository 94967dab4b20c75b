import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { ensureRoom } from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";

const writer = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/writer.ts");
/** Rounds per process: ~3 writes each, so about a thousand writes per process. */
const ROUNDS = 300;

interface Result {
  role: string;
  writes: number;
  errors: string[];
}

/** Starts one writer process; resolves once it has its client open and waits for "go". */
function startWriter(role: string, url: string, roomId: string) {
  const child = spawn(process.execPath, ["--import", "tsx", writer, role, String(ROUNDS), roomId], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<void>((resolve, reject) => {
    lines.once("line", (line) =>
      line === "ready" ? resolve() : reject(new Error(`${role}: ${line}`)),
    );
    child.once("exit", (code) => reject(new Error(`${role} exited (${code}) early: ${stderr}`)));
  });
  const result = new Promise<Result>((resolve, reject) => {
    let last = "";
    lines.on("line", (line) => {
      last = line;
    });
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`${role} exited with ${code}: ${stderr}`));
      resolve(JSON.parse(last) as Result);
    });
  });
  return { child, ready, result };
}

describe("web, SFU and gateway writing one database at once", () => {
  let t: TestDatabase;
  before(() => {
    t = createTestDatabase();
  });
  after(async () => {
    await t.dispose();
  });

  test("three processes, each with its own client, write a thousand times each without a failure", async () => {
    const room = await ensureRoom(t.db, "busy", "Busy room");
    const writers = ["web", "sfu", "gateway"].map((role) => startWriter(role, t.url, room.id));
    await Promise.all(writers.map((w) => w.ready));
    // All three start together.
    for (const w of writers) w.child.stdin.write("go\n");
    const results = await Promise.all(writers.map((w) => w.result));
    for (const r of results) {
      const kinds = [...new Set(r.errors)].slice(0, 3).join("; ");
      assert.equal(r.errors.length, 0, `${r.role}: ${r.errors.length} failed writes: ${kinds}`);
      assert.ok(r.writes >= ROUNDS * 2, `${r.role} wrote ${r.writes} times`);
    }
    // What they wrote is all there.
    assert.equal(await t.db.chatMessage.count({ where: { roomId: room.id } }), ROUNDS);
    assert.equal(
      await t.db.participantSession.count({ where: { roomId: room.id, leftAt: { not: null } } }),
      ROUNDS,
    );
    assert.equal(
      await t.db.callRecord.count({
        where: { endReason: "normal-clearing", answeredAt: { not: null } },
      }),
      ROUNDS,
    );
    assert.equal(
      (await t.db.room.findUnique({ where: { slug: "busy" } }))?.maxParticipants,
      10 + ((ROUNDS - 1) % 50),
    );
  });
});
