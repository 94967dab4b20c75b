import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Db } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { ZodError } from "zod";
import {
  AdminExistsError,
  attemptLogin,
  createAdmin,
  createSession,
  destroySession,
  getSession,
  hashSessionToken,
  isSecureRequest,
  LoginRateLimiter,
  SESSION_TTL_MS,
  sessionCookieOptions,
  verifyAdminPassword,
  verifyCsrfToken,
} from "../src/index";

const PASSWORD = "correct-horse-battery";

describe("admins, sessions and sign-in on SQLite (migrated)", () => {
  let t: TestDatabase;
  before(() => {
    t = createTestDatabase();
  });
  after(async () => {
    await t.dispose();
  });

  test("createAdmin normalises the email and stores an argon2id hash, not the password", async () => {
    const admin = await createAdmin(t.db, "  Ada@Example.COM ", PASSWORD);
    assert.equal(admin.email, "ada@example.com");
    const row = await t.db.adminUser.findUniqueOrThrow({ where: { id: admin.id } });
    assert.match(row.passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!row.passwordHash.includes(PASSWORD));
  });

  test("createAdmin refuses a bad email, a short password and a taken email", async () => {
    await assert.rejects(createAdmin(t.db, "not-an-email", PASSWORD), ZodError);
    await assert.rejects(createAdmin(t.db, "bob@example.com", "short-pass1"), (error) => {
      assert.ok(error instanceof ZodError);
      assert.match(error.issues[0]?.message ?? "", /at least 12 characters/);
      return true;
    });
    await assert.rejects(createAdmin(t.db, "ADA@example.com", PASSWORD), AdminExistsError);
  });

  test("verifyAdminPassword: right password, wrong password, unknown email", async () => {
    assert.equal(
      (await verifyAdminPassword(t.db, "ada@example.com", PASSWORD))?.email,
      "ada@example.com",
    );
    assert.equal(
      (await verifyAdminPassword(t.db, " ADA@EXAMPLE.com", PASSWORD))?.email,
      "ada@example.com",
    );
    assert.equal(await verifyAdminPassword(t.db, "ada@example.com", `${PASSWORD}!`), null);
    assert.equal(await verifyAdminPassword(t.db, "ada@example.com", ""), null);
    assert.equal(await verifyAdminPassword(t.db, "nobody@example.com", PASSWORD), null);
    assert.equal(await verifyAdminPassword(t.db, "garbage", PASSWORD), null);
  });

  test("an unknown email costs a hash verification too (no fast path)", async () => {
    // Warm the dummy hash, then compare: both paths run argon2, so neither is ~0 ms.
    await verifyAdminPassword(t.db, "nobody@example.com", "x");
    const time = async (email: string) => {
      const start = performance.now();
      await verifyAdminPassword(t.db, email, "wrong-password-123");
      return performance.now() - start;
    };
    const unknown = await time("nobody@example.com");
    const known = await time("ada@example.com");
    assert.ok(unknown > known / 4, `unknown ${unknown} ms vs known ${known} ms`);
  });

  test("a session is found by its token; only the token's SHA-256 is stored", async () => {
    const admin = await createAdmin(t.db, "carol@example.com", PASSWORD);
    const { token, csrfToken, expiresAt } = await createSession(t.db, admin.id);
    assert.equal(Buffer.from(token, "base64url").length, 32);
    assert.ok(Math.abs(expiresAt.getTime() - Date.now() - SESSION_TTL_MS) < 5000);
    const rows = await t.db.adminSession.findMany({ where: { userId: admin.id } });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.tokenHash, hashSessionToken(token));
    assert.notEqual(rows[0]?.tokenHash, token);

    const session = await getSession(t.db, token);
    assert.equal(session?.email, "carol@example.com");
    assert.equal(session?.csrfToken, csrfToken);
    assert.equal(await getSession(t.db, `${token}x`), null);
    assert.equal(await getSession(t.db, undefined), null);
    assert.equal(await getSession(t.db, ""), null);

    await destroySession(t.db, token);
    assert.equal(await getSession(t.db, token), null);
  });

  test("a session expires after 12 hours (and its row is deleted)", async () => {
    const admin = await createAdmin(t.db, "dave@example.com", PASSWORD);
    const start = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(t.db, admin.id, start);
    const justBefore = new Date(start.getTime() + SESSION_TTL_MS - 1000);
    assert.ok(await getSession(t.db, token, justBefore));
    assert.equal(await getSession(t.db, token, new Date(start.getTime() + SESSION_TTL_MS)), null);
    assert.equal(await t.db.adminSession.count({ where: { userId: admin.id } }), 0);
  });

  test("each session has its own CSRF token", async () => {
    const admin = await createAdmin(t.db, "erin@example.com", PASSWORD);
    const a = await createSession(t.db, admin.id);
    const b = await createSession(t.db, admin.id);
    assert.notEqual(a.csrfToken, b.csrfToken);
    const session = await getSession(t.db, a.token);
    assert.ok(session);
    assert.equal(verifyCsrfToken(session.csrfToken, a.csrfToken), true);
    assert.equal(verifyCsrfToken(session.csrfToken, b.csrfToken), false);
  });

  test("attemptLogin: success starts a session; failures count; then refused without a check", async () => {
    let now = 1_000_000;
    const limiter = new LoginRateLimiter({ now: () => now });
    const ip = "203.0.113.7";
    const ok = await attemptLogin(t.db, limiter, {
      email: "ada@example.com",
      password: PASSWORD,
      ip,
    });
    assert.equal(ok.ok, true);
    if (ok.ok) assert.equal((await getSession(t.db, ok.token))?.email, "ada@example.com");

    for (let i = 0; i < 5; i++) {
      const bad = await attemptLogin(t.db, limiter, {
        email: "ada@example.com",
        password: "nope",
        ip,
      });
      assert.deepEqual(bad, { ok: false, reason: "invalid", message: "Wrong email or password." });
    }
    // Even the right password is refused now, without the database or argon2 being asked.
    const untouchable = new Proxy({} as Db, {
      get() {
        throw new Error("the database must not be used when rate limited");
      },
    });
    const limited = await attemptLogin(untouchable, limiter, {
      email: "ada@example.com",
      password: PASSWORD,
      ip,
    });
    assert.deepEqual(limited, {
      ok: false,
      reason: "rate_limited",
      message: "Too many attempts, try again in 15 minutes.",
    });
    now += 15 * 60 * 1000;
    assert.equal(
      (await attemptLogin(t.db, limiter, { email: "ada@example.com", password: PASSWORD, ip })).ok,
      true,
    );
  });
});

describe("CSRF tokens", () => {
  test("a missing, empty, wrong or non-string token is refused", () => {
    const expected = "t".repeat(43);
    assert.equal(verifyCsrfToken(expected, expected), true);
    assert.equal(verifyCsrfToken(expected, undefined), false);
    assert.equal(verifyCsrfToken(expected, null), false);
    assert.equal(verifyCsrfToken(expected, ""), false);
    assert.equal(verifyCsrfToken(expected, "t".repeat(42)), false);
    assert.equal(verifyCsrfToken(expected, `${expected}t`), false);
    assert.equal(verifyCsrfToken(expected, ["t".repeat(43)]), false);
    assert.equal(verifyCsrfToken("", ""), false);
  });
});

describe("login rate limiter (injected clock)", () => {
  const MIN = 60_000;

  test("5 failures per email in 15 minutes, then a wait until the oldest expires", () => {
    let now = 0;
    const limiter = new LoginRateLimiter({ now: () => now });
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(limiter.check("ada@example.com", "1.1.1.1"), { ok: true });
      limiter.recordFailure("ada@example.com", "1.1.1.1");
      now += MIN;
    }
    // Failures at 0..4 min; now = 5 min: the first expires at 15 min.
    assert.deepEqual(limiter.check("ada@example.com", "2.2.2.2"), {
      ok: false,
      retryAfterMs: 10 * MIN,
    });
    assert.deepEqual(limiter.check("ADA@example.com ", "1.1.1.1"), {
      ok: false,
      retryAfterMs: 10 * MIN,
    });
    // Another email from the same IP is fine.
    assert.deepEqual(limiter.check("bob@example.com", "1.1.1.1"), { ok: true });
    // Sliding: at 15 min the first failure leaves the window, one attempt is allowed again.
    now = 15 * MIN;
    assert.deepEqual(limiter.check("ada@example.com", "1.1.1.1"), { ok: true });
    limiter.recordFailure("ada@example.com", "1.1.1.1");
    assert.deepEqual(limiter.check("ada@example.com", "1.1.1.1"), {
      ok: false,
      retryAfterMs: 1 * MIN,
    });
  });

  test("20 failures per IP across emails", () => {
    let now = 0;
    const limiter = new LoginRateLimiter({ now: () => now });
    for (let i = 0; i < 20; i++) {
      assert.equal(limiter.check(`user${i}@example.com`, "9.9.9.9").ok, true);
      limiter.recordFailure(`user${i}@example.com`, "9.9.9.9");
      now += 1000;
    }
    const decision = limiter.check("fresh@example.com", "9.9.9.9");
    assert.deepEqual(decision, { ok: false, retryAfterMs: 15 * MIN - 20_000 });
    assert.equal(limiter.check("fresh@example.com", "8.8.8.8").ok, true);
  });

  test("a success clears the email's failures but not the IP's", () => {
    const limiter = new LoginRateLimiter({ now: () => 0, perIp: 6 });
    for (let i = 0; i < 5; i++) limiter.recordFailure("ada@example.com", "1.1.1.1");
    assert.equal(limiter.check("ada@example.com", "3.3.3.3").ok, false);
    limiter.recordSuccess("ada@example.com");
    assert.equal(limiter.check("ada@example.com", "3.3.3.3").ok, true);
    limiter.recordFailure("bob@example.com", "1.1.1.1");
    assert.equal(limiter.check("carol@example.com", "1.1.1.1").ok, false);
  });

  test("memory is bounded: the least recently failed keys are dropped", () => {
    const limiter = new LoginRateLimiter({ now: () => 0, perEmail: 1, maxKeys: 3 });
    limiter.recordFailure("a@example.com", "1.1.1.1");
    limiter.recordFailure("b@example.com", "1.1.1.1");
    limiter.recordFailure("c@example.com", "1.1.1.1");
    // 4 keys for 3 places: "a" (the stalest) went; b, c and the IP stay.
    assert.equal(limiter.check("a@example.com", "9.9.9.9").ok, true);
    assert.equal(limiter.check("b@example.com", "9.9.9.9").ok, false);
    assert.equal(limiter.check("c@example.com", "9.9.9.9").ok, false);
  });
});

describe("session cookie", () => {
  test("Secure over https or behind a proxy that says https", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    assert.equal(isSecureRequest(h({})), false);
    assert.equal(isSecureRequest(h({}), "https://example.com/admin"), true);
    assert.equal(isSecureRequest(h({ "x-forwarded-proto": "https" })), true);
    assert.equal(isSecureRequest(h({ "x-forwarded-proto": "https,http" })), true);
    assert.equal(isSecureRequest(h({ "x-forwarded-proto": "http" })), false);
    assert.equal(isSecureRequest(h({ forwarded: "for=1.2.3.4;proto=https" })), true);
  });

  test("httpOnly, SameSite=Lax, Path=/", () => {
    const expires = new Date();
    assert.deepEqual(sessionCookieOptions(true, expires), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: true,
      expires,
    });
  });
});
