import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkDestination, sipHostAllowed, toE164 } from "../src/security/DialPolicy";
import { PinGuard } from "../src/security/PinGuard";
import { TrunkLimits } from "../src/security/TrunkLimits";

const german = {
  countryCode: "49",
  allowedPrefixes: [],
  allowInternational: false,
  allowPremium: false,
};

describe("destination policy", () => {
  test("numbers are read as the trunk's country reads them", () => {
    assert.equal(toE164("030 1234567", "49"), "+49301234567");
    assert.equal(toE164("0044 20 7946 0000", "49"), "+442079460000");
    assert.equal(toE164("+1 (415) 555-0100", "49"), "+14155550100");
    assert.equal(toE164("sip:evil@host", "49"), null);
  });

  test("national calls pass; international, premium and IRSF networks are refused", () => {
    assert.equal(checkDestination("030 1234567", german).ok, true);
    assert.deepEqual(pick(checkDestination("+442079460000", german)), "international");
    assert.deepEqual(pick(checkDestination("0900 1234567", german)), "premium");
    assert.deepEqual(pick(checkDestination("+88213456789", german)), "premium");
    assert.deepEqual(pick(checkDestination("abc", german)), "not-a-number");
  });

  test("NANP: Caribbean area codes are international, 900 is premium", () => {
    const us = { ...german, countryCode: "1" };
    assert.equal(checkDestination("+14155550100", us).ok, true);
    assert.deepEqual(pick(checkDestination("+18765550100", us)), "international");
    assert.deepEqual(pick(checkDestination("+19005550100", us)), "premium");
  });

  test("allowed prefixes are an allow list; allowInternational and allowPremium open up", () => {
    const berlinOnly = { ...german, allowedPrefixes: ["+4930"] };
    assert.equal(checkDestination("030 123456", berlinOnly).ok, true);
    assert.deepEqual(pick(checkDestination("089 123456", berlinOnly)), "not-allowed");
    assert.equal(
      checkDestination("+442079460000", { ...german, allowInternational: true }).ok,
      true,
    );
    assert.deepEqual(
      pick(checkDestination("0900 1234567", { ...german, allowInternational: true })),
      "premium",
    );
    assert.equal(checkDestination("0900 1234567", { ...german, allowPremium: true }).ok, true);
  });

  test("rooms may call only the SIP hosts an admin listed", () => {
    assert.equal(sipHostAllowed("sip:alice@pbx.example.com", ["pbx.example.com"]), true);
    assert.equal(
      sipHostAllowed("sip:alice@pbx.example.com:5080;transport=tcp", ["pbx.example.com:5080"]),
      true,
    );
    assert.equal(sipHostAllowed("sip:alice@10.0.0.1:22", ["pbx.example.com"]), false);
    assert.equal(sipHostAllowed("sip:alice@127.0.0.1", []), false);
  });
});

const pick = (v: ReturnType<typeof checkDestination>) => (v.ok ? "ok" : v.reason);

describe("PIN guessing limits", () => {
  test("a source is refused after 5 failures, with a backoff that doubles; others still get in", () => {
    let now = 0;
    const g = new PinGuard({ now: () => now });
    for (let i = 0; i < 5; i++) {
      assert.equal(g.allowed("10.0.0.1"), true);
      g.failed("10.0.0.1");
    }
    assert.equal(g.allowed("10.0.0.1"), false);
    assert.equal(g.allowed("10.0.0.2"), true, "another source is not affected");
    now += 61_000;
    assert.equal(g.allowed("10.0.0.1"), true, "after the first minute");
    for (let i = 0; i < 5; i++) g.failed("10.0.0.1");
    now += 61_000;
    assert.equal(g.allowed("10.0.0.1"), false, "the second backoff is two minutes");
    now += 60_000;
    assert.equal(g.allowed("10.0.0.1"), true);
  });

  test("a distributed attack hits the global limit; sources that succeeded before still pass", () => {
    let now = 0;
    const g = new PinGuard({ now: () => now, globalPerMinute: 20 });
    g.succeeded("good");
    for (let i = 0; i < 21; i++) g.failed(`bot-${i}`);
    assert.equal(g.allowed("new-caller"), false);
    assert.equal(g.allowed("good"), true);
    now += 60_001;
    assert.equal(g.allowed("new-caller"), true);
  });
});

describe("trunk limits", () => {
  test("concurrent calls and calls per minute", () => {
    let now = 0;
    const l = new TrunkLimits(() => now);
    const a = l.acquire("t", { maxConcurrent: 2, maxPerMinute: 3 });
    const b = l.acquire("t", { maxConcurrent: 2, maxPerMinute: 3 });
    assert.ok(a.ok && b.ok);
    assert.equal(pickL(l.acquire("t", { maxConcurrent: 2, maxPerMinute: 3 })), "concurrent");
    if (a.ok) a.release();
    if (a.ok) a.release();
    assert.equal(l.activeCalls("t"), 1, "release is idempotent");
    assert.ok(l.acquire("t", { maxConcurrent: 2, maxPerMinute: 3 }).ok);
    if (b.ok) b.release();
    assert.equal(pickL(l.acquire("t", { maxConcurrent: 5, maxPerMinute: 3 })), "rate");
    now += 60_001;
    assert.ok(l.acquire("t", { maxConcurrent: 5, maxPerMinute: 3 }).ok);
  });
});

const pickL = (v: ReturnType<TrunkLimits["acquire"]>) => (v.ok ? "ok" : v.reason);
