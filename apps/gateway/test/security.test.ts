/**
 * Attacks on the gateway, performed for real: PIN guessing over many calls from one source
 * (that source is locked out, a caller elsewhere still gets in), and the start-up refusal
 * to take calls from anyone on a public address.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createRoomWithSettings } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { createLogger } from "@switchboard/gateway";
import type { Sfu } from "@switchboard/sfu";
import { startTestSfu, waitFor } from "@switchboard/sfu/testing";
import { uacScenario } from "../../../packages/gateway/test/helpers/scenario";
import { runSipp, type SippRun } from "../../../packages/gateway/test/helpers/sipp";
import { GatewayConfigSchema } from "../src/config";
import { type RunningGateway, startGateway } from "../src/GatewayApp";

const secret = "gateway-security-secret-".padEnd(48, "s");
const base = 26000 + Math.floor(Math.random() * 150) * 10;

/** Types one PIN; hangs up after 2.5 s, or (refused) waits for the gateway's goodbye and BYE. */
const pinCall = (pin: string, refused = false) =>
  uacScenario({
    service: "dialin",
    steps: refused
      ? [{ pause: 600 }, { dtmf: `${pin}#` }, { expectBye: true, timeoutMs: 15_000 }]
      : [{ pause: 600 }, { dtmf: `${pin}#` }, { pause: 2500 }, { bye: true }],
  });

describe("PIN guessing", () => {
  let t: TestDatabase;
  let sfu: Sfu;
  let gw: RunningGateway;
  before(async () => {
    t = createTestDatabase();
    await createRoomWithSettings(t.db, { name: "Board", slug: "board", pin: "314159" });
    sfu = await startTestSfu(t.db, { secret }, createLogger("silent"));
    gw = await startGateway(
      GatewayConfigSchema.parse({
        sipAddress: "127.0.0.1",
        sipPort: base,
        rtpMinPort: base + 1000,
        rtpMaxPort: base + 1199,
        sfuUrl: `http://127.0.0.1:${sfu.port}`,
        secret,
        healthPort: 0,
        logLevel: "silent",
      }),
      { db: t.db, log: createLogger(process.env.TEST_LOG_LEVEL ?? "silent") },
    );
  });
  after(async () => {
    await gw?.close();
    await sfu?.close();
    await t?.dispose();
  });

  const call = (from: string, pin: string, port: number, refused = false): Promise<SippRun> =>
    runSipp({
      scenario: pinCall(pin, refused),
      remote: `127.0.0.1:${gw.sipPort}`,
      localIp: from,
      localPort: port,
      mediaPort: port + 2,
      timeoutS: 30,
    });

  test("one source guessing over many calls is locked out; a caller from elsewhere gets in", async () => {
    const guesser = "127.0.0.2";
    // Five wrong guesses, one per call (each call hangs up after its guess).
    for (let i = 0; i < 5; i++)
      assert.equal((await call(guesser, String(100000 + i), base + 10 + i * 4)).code, 0);
    const records = await t.db.callRecord.findMany({ orderBy: { startedAt: "asc" } });
    assert.equal(records.length, 5);
    // The right PIN from the locked-out source: refused, never in the room.
    const locked = await call(guesser, "314159", base + 40, true);
    assert.equal(locked.code, 0);
    const board = () =>
      [...(sfu.rooms.get("board")?.peers.values() ?? [])].filter((p) => p.kind === "phone");
    assert.equal(board().length, 0, "the locked-out source did not get in with the right PIN");
    // The same PIN from another source: in the room.
    const elsewhere = call("127.0.0.3", "314159", base + 50);
    await waitFor(() => board().length === 1, "the legitimate caller in the room", 15_000);
    assert.equal((await elsewhere).code, 0);
    const last = await t.db.callRecord.findMany({ orderBy: { startedAt: "asc" } });
    assert.equal(last.at(-2)?.endReason, "blocked", "the refusal is on the call record");
  });
});

describe("closed by default", () => {
  test("on a public address the gateway refuses to start without trusted addresses or digest", () => {
    const open = GatewayConfigSchema.safeParse({ sipAddress: "0.0.0.0", secret });
    assert.equal(open.success, false);
    assert.match(JSON.stringify(open.error?.issues), /GATEWAY_TRUSTED_ADDRESSES/);
    assert.equal(
      GatewayConfigSchema.safeParse({
        sipAddress: "0.0.0.0",
        secret,
        trustedAddresses: "203.0.113.5",
      }).success,
      true,
    );
    assert.equal(
      GatewayConfigSchema.safeParse({
        sipAddress: "0.0.0.0",
        secret,
        digestUser: "trunk",
        digestPassword: "long-secret-x",
      }).success,
      true,
    );
    assert.equal(
      GatewayConfigSchema.safeParse({ sipAddress: "127.0.0.1", secret }).success,
      true,
      "loopback stays open",
    );
  });
});
