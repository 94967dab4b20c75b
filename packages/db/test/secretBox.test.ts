import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { openSecret, SecretBoxError, sealSecret } from "../src/secretBox";

describe("secretBox (AES-256-GCM at rest)", () => {
  const key = new Uint8Array(randomBytes(32));

  test("round trip, with a fresh IV every time", () => {
    const a = sealSecret(key, "pässwörd 🔑", "ctx");
    const b = sealSecret(key, "pässwörd 🔑", "ctx");
    assert.notEqual(a, b, "random IV: two seals of the same text differ");
    assert.doesNotMatch(a, /pässwörd/);
    assert.equal(openSecret(key, a, "ctx"), "pässwörd 🔑");
    assert.equal(openSecret(key, sealSecret(key, ""), ""), "");
    // iv (12) + tag (16) + ciphertext, base64.
    assert.equal(Buffer.from(a, "base64").length, 12 + 16 + Buffer.byteLength("pässwörd 🔑"));
  });

  test("a tampered ciphertext, tag or IV is refused", () => {
    const sealed = Buffer.from(sealSecret(key, "secret", "ctx"), "base64");
    for (const index of [0, 12, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[index] = (bad[index] ?? 0) ^ 0x01;
      assert.throws(() => openSecret(key, bad.toString("base64"), "ctx"), SecretBoxError);
    }
    assert.throws(() => openSecret(key, sealed.subarray(0, 20).toString("base64")), SecretBoxError);
    assert.throws(() => openSecret(key, "not base64 at all!"), SecretBoxError);
  });

  test("the wrong key or the wrong context is refused", () => {
    const sealed = sealSecret(key, "secret", "ctx");
    assert.throws(() => openSecret(new Uint8Array(randomBytes(32)), sealed, "ctx"), SecretBoxError);
    assert.throws(() => openSecret(key, sealed, "other"), SecretBoxError);
    assert.throws(() => sealSecret(new Uint8Array(16), "x"), /32 bytes/);
  });
});
