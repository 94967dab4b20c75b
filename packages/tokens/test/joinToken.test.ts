import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deriveKey, sfuAdminToken, signJoinToken, verifyJoinToken } from "../src/index";

const secret = "s".repeat(40);

describe("join tokens", () => {
  test("a signed token verifies and carries room, name and role", async () => {
    const { token, expiresAt } = await signJoinToken(
      { room: "board", name: "Ada", role: "moderator" },
      secret,
      60,
    );
    assert.ok(expiresAt.getTime() > Date.now());
    assert.deepEqual(await verifyJoinToken(token, secret), {
      ok: true,
      grant: { room: "board", name: "Ada", role: "moderator" },
    });
  });

  test("a token signed with another secret is invalid", async () => {
    const { token } = await signJoinToken({ room: "board", role: "guest" }, "x".repeat(40), 60);
    assert.deepEqual(await verifyJoinToken(token, secret), { ok: false, problem: "invalid" });
  });

  test("a tampered token is invalid (role changed in the payload)", async () => {
    const { token } = await signJoinToken({ room: "board", role: "guest" }, secret, 60);
    const [h, p, s] = token.split(".") as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    payload.role = "moderator";
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
    assert.deepEqual(await verifyJoinToken(forged, secret), { ok: false, problem: "invalid" });
  });

  test("an expired token says expired", async () => {
    const { token } = await signJoinToken({ room: "board", role: "guest" }, secret, 1);
    await new Promise((r) => setTimeout(r, 2100));
    assert.deepEqual(await verifyJoinToken(token, secret), { ok: false, problem: "expired" });
  });

  test("garbage is invalid, not an exception", async () => {
    for (const junk of ["", "abc", "a.b.c", "x".repeat(5000)]) {
      assert.deepEqual(await verifyJoinToken(junk, secret), { ok: false, problem: "invalid" });
    }
  });

  test("keys for different purposes differ", () => {
    assert.notDeepEqual(deriveKey(secret, "join-token"), deriveKey(secret, "sfu-admin"));
    assert.equal(sfuAdminToken(secret), sfuAdminToken(secret));
  });
});
