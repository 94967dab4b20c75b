import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  DisplayNameSchema,
  NotificationSchema,
  parseClientRequest,
  requestSchemas,
  SlugSchema,
} from "../src/index";

const opusCaps = {
  codecs: [{ kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2 }],
  headerExtensions: [],
};

describe("parseClientRequest", () => {
  test("accepts a well-formed join and trims the name", () => {
    const r = parseClientRequest({
      method: "join",
      data: { room: "demo", displayName: "  Ada  ", rtpCapabilities: opusCaps },
    });
    assert.ok(r.ok);
    assert.equal(r.request.method, "join");
    if (r.request.method === "join") assert.equal(r.request.data.displayName, "Ada");
  });

  test("fills defaults (produce.paused=false)", () => {
    const r = parseClientRequest({
      method: "produce",
      data: {
        transportId: "t1",
        kind: "audio",
        source: "mic",
        rtpParameters: {
          codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2 }],
        },
      },
    });
    assert.ok(r.ok);
    if (r.ok && r.request.method === "produce") assert.equal(r.request.data.paused, false);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ["a non-object", "hello", /\(root\)/],
    ["null", null, /\(root\)/],
    ["an unknown method", { method: "explode", data: {} }, /method/],
    ["a missing data object", { method: "join" }, /data/],
    ["a wrong-typed field", { method: "closeProducer", data: { producerId: 42 } }, /producerId/],
    [
      "a room slug with spaces",
      { method: "join", data: { room: "a b", displayName: "x", rtpCapabilities: opusCaps } },
      /data\.room/,
    ],
    [
      "an over-long display name",
      {
        method: "join",
        data: { room: "demo", displayName: "x".repeat(65), rtpCapabilities: opusCaps },
      },
      /data\.displayName/,
    ],
    [
      "a display name with control characters",
      {
        method: "join",
        data: { room: "demo", displayName: "a\u0007b", rtpCapabilities: opusCaps },
      },
      /data\.displayName/,
    ],
    [
      "a bad DTLS fingerprint",
      {
        method: "connectTransport",
        data: {
          transportId: "t",
          dtlsParameters: { fingerprints: [{ algorithm: "sha-256", value: "zz" }] },
        },
      },
      /fingerprints/,
    ],
    [
      "an out-of-range simulcast layer",
      { method: "setConsumerPreferredLayers", data: { consumerId: "c", spatialLayer: 9 } },
      /spatialLayer/,
    ],
  ];
  for (const [what, raw, path] of bad) {
    test(`refuses ${what} with a typed INVALID_REQUEST error`, () => {
      const r = parseClientRequest(raw);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.error.code, "INVALID_REQUEST");
      assert.ok(r.error.issues && r.error.issues.length > 0);
      assert.match(r.error.issues.map((i) => i.path).join(" "), path);
    });
  }
});

describe("field schemas", () => {
  test("slugs", () => {
    for (const ok of ["demo", "a", "team-sync-2"]) assert.ok(SlugSchema.safeParse(ok).success, ok);
    for (const no of ["", "-a", "a-", "A", "a_b", "x".repeat(65)]) {
      assert.equal(SlugSchema.safeParse(no).success, false, no);
    }
  });
  test("display names", () => {
    assert.equal(DisplayNameSchema.parse(" Zoë 🎧 "), "Zoë 🎧");
    assert.equal(DisplayNameSchema.safeParse("   ").success, false);
  });
  test("every request method has a request and a response schema", () => {
    for (const [method, s] of Object.entries(requestSchemas)) {
      assert.ok(s.data && s.response, method);
    }
  });
  test("notifications are validated on the client side too", () => {
    assert.ok(NotificationSchema.safeParse({ method: "peerLeft", data: { peerId: "p" } }).success);
    assert.equal(
      NotificationSchema.safeParse({ method: "peerLeft", data: { peerId: 1 } }).success,
      false,
    );
  });
});
