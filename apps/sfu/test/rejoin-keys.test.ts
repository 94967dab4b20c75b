import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Peer, type PeerChannel } from "../src/Peer";
import { RejoinKeys } from "../src/RejoinKeys";

const channel: PeerChannel = { notify: () => undefined, request: async () => true };
const peer = (id: string, role: "moderator" | "guest" = "guest") =>
  new Peer(id, `Name ${id}`, role, { codecs: [] }, channel);

describe("rejoin keys (with an injected clock)", () => {
  test("a key works once, while the peer is here and for the window after it left", () => {
    let now = 1_000;
    const live = new Map<string, Peer>();
    const keys = new RejoinKeys(
      120_000,
      (id) => live.get(id),
      () => now,
    );
    const ada = peer("ada", "moderator");
    live.set("ada", ada);
    const key = keys.issue(ada);
    ada.handRaisedAt = 5;
    // A ghost (still in the room): its identity and its live hand.
    assert.deepEqual(keys.claim("ada", key), {
      displayName: "Name ada",
      role: "moderator",
      handRaisedAt: 5,
    });
    assert.equal(keys.claim("ada", key), undefined, "used up");

    const again = keys.issue(ada);
    live.delete("ada");
    keys.left(ada);
    ada.handRaisedAt = null;
    now += 119_999;
    assert.equal(keys.claim("ada", "x".repeat(again.length)), undefined, "wrong key");
    assert.equal(keys.claim("ada", again)?.handRaisedAt, 5, "the hand as it was at leaving");

    const late = keys.issue(ada);
    keys.left(ada);
    now += 120_001;
    assert.equal(keys.claim("ada", late), undefined, "past the window");
  });

  test("a removed peer's key and every key of a closed room are gone", () => {
    const keys = new RejoinKeys(
      120_000,
      () => undefined,
      () => 0,
    );
    const bob = peer("bob");
    const cy = peer("cy");
    const bobKey = keys.issue(bob);
    const cyKey = keys.issue(cy);
    keys.revoke("bob");
    assert.equal(keys.claim("bob", bobKey), undefined);
    keys.clear();
    assert.equal(keys.claim("cy", cyKey), undefined);
  });

  test("expired keys are pruned when someone leaves", () => {
    let now = 0;
    const keys = new RejoinKeys(
      10,
      () => undefined,
      () => now,
    );
    const ids = Array.from({ length: 50 }, (_, i) => peer(`p${i}`));
    for (const p of ids) {
      keys.issue(p);
      keys.left(p);
    }
    now = 100;
    const last = peer("last");
    const key = keys.issue(last);
    keys.left(last);
    assert.equal(keys.size, 1, "only the last one is kept");
    assert.ok(keys.claim("last", key));
  });
});
