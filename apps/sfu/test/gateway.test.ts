import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { after, before, describe, test } from "node:test";
import { createRoomWithSettings } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import type { NewConsumer, RequestData } from "@switchboard/protocol";
import { gatewayKey } from "@switchboard/tokens";
import { io } from "socket.io-client";
import type { Sfu } from "../src/server";
import { audioRtpParameters, FAKE_DTLS, startTestSfu, TestClient, waitFor } from "../src/testing";

const secret = "gateway-test-secret-".padEnd(48, "y");

/** What the phone gateway can receive: Opus only. */
const OPUS_ONLY: RequestData<"join">["rtpCapabilities"] = {
  codecs: [
    {
      kind: "audio",
      mimeType: "audio/opus",
      clockRate: 48000,
      channels: 2,
      preferredPayloadType: 100,
    },
  ],
  headerExtensions: [],
};

/** One RTP packet of PCMU silence. */
function pcmuPacket(seq: number, ssrc: number): Buffer {
  const b = Buffer.alloc(12 + 160, 0xff);
  b[0] = 0x80;
  b[1] = 0;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(seq * 160, 4);
  b.writeUInt32BE(ssrc, 8);
  return b;
}

describe("the phone gateway's participants: plain RTP, phone tiles, the hidden listener", () => {
  let t: TestDatabase;
  let sfu: Sfu;
  let url: string;
  const clients: TestClient[] = [];
  const gatewayClient = () => {
    const c = new TestClient(url);
    c.socket.disconnect();
    // A TestClient whose handshake carries the gateway key.
    const socket = io(url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      auth: { gatewayKey: gatewayKey(secret) },
    });
    Object.assign(c, { socket });
    socket.on("notification", (n) => c.notifications.push(n));
    socket.on("serverRequest", (r, ack) => {
      c.serverRequests.push(r);
      ack({ ok: true });
    });
    clients.push(c);
    return c;
  };
  const browserClient = () => {
    const c = new TestClient(url);
    clients.push(c);
    return c;
  };

  before(async () => {
    t = createTestDatabase();
    await createRoomWithSettings(t.db, { name: "Phones", slug: "phones", pin: "123456" });
    sfu = await startTestSfu(t.db, { emptyRoomGraceMs: 200, secret });
    url = `http://127.0.0.1:${sfu.port}`;
  });

  after(async () => {
    for (const c of clients) c.close();
    await sfu.close();
    await t.dispose();
  });

  test("only the gateway may join as phone or listener", async () => {
    const c = browserClient();
    await c.connected();
    const { routerRtpCapabilities } = await c.request("getRouterRtpCapabilities", {});
    const res = await c.raw({
      method: "join",
      data: {
        room: "phones",
        displayName: "Fake",
        rtpCapabilities: routerRtpCapabilities,
        as: "phone",
      },
    });
    assert.ok(!res.ok && res.error.code === "FORBIDDEN");
  });

  test("a phone caller is a tile whose G.711 reaches the room; the listener hears browsers only", async () => {
    const browser = browserClient();
    const b = await browser.join("phones", "Browser");
    await browser.request("connectTransport", {
      transportId: b.sendTransport!.id,
      dtlsParameters: FAKE_DTLS,
    });
    const { producerId: micId } = await browser.request("produce", {
      transportId: b.sendTransport!.id,
      kind: "audio",
      rtpParameters: audioRtpParameters(4242),
      source: "mic",
    });
    await browser.request("produce", {
      transportId: b.sendTransport!.id,
      kind: "video",
      rtpParameters: {
        codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000 }],
        encodings: [{ ssrc: 77 }],
      },
      source: "camera",
    });

    // The hidden listener: receives the browser's mic (not its camera), seen by nobody.
    const listener = gatewayClient();
    await listener.connected();
    const l = await listener.request("join", {
      room: "phones",
      displayName: "gateway",
      rtpCapabilities: OPUS_ONLY,
      as: "listener",
    });
    assert.equal(l.sendTransport, null);
    const rx = createSocket("udp4");
    await new Promise<void>((r) => rx.bind(0, "127.0.0.1", () => r()));
    const rxPort = rx.address().port;
    assert.equal(
      (
        await listener.raw({
          method: "createPlainTransport",
          data: { direction: "send", ip: "127.0.0.1", port: rxPort },
        })
      ).ok,
      false,
      "a listener only receives",
    );
    const recv = await listener.request("createPlainTransport", {
      direction: "recv",
      ip: "127.0.0.1",
      port: rxPort,
    });
    assert.ok(recv.port > 0);
    const consumed = await waitFor(
      () =>
        listener.serverRequests
          .map((r) => r.data as NewConsumer)
          .find((d) => d.producerId === micId),
      "listener consumes the mic",
    );
    assert.equal(consumed.kind, "audio");
    assert.equal(consumed.rtpParameters.codecs[0]?.mimeType, "audio/opus");
    assert.ok(consumed.rtpParameters.encodings?.[0]?.ssrc, "an SSRC to tell speakers apart");
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(listener.serverRequests.length, 1, "no video for the listener");
    assert.ok(
      !browser.notifications.some((n) => n.method === "peerJoined"),
      "the listener is hidden",
    );

    // A phone caller: a tile for the browser, its PCMU producer consumed by the browser.
    const phone = gatewayClient();
    await phone.connected();
    const p = await phone.request("join", {
      room: "phones",
      displayName: "Phone ••• 89",
      rtpCapabilities: OPUS_ONLY,
      as: "phone",
    });
    assert.equal(p.role, "guest", "a caller never hosts");
    const joinedNote = await waitFor(
      () => browser.notifications.find((n) => n.method === "peerJoined"),
      "the browser sees the caller",
    );
    assert.ok(joinedNote.method === "peerJoined" && joinedNote.data.kind === "phone");
    const tx = createSocket("udp4");
    await new Promise<void>((r) => tx.bind(0, "127.0.0.1", () => r()));
    const send = await phone.request("createPlainTransport", {
      direction: "send",
      ip: "127.0.0.1",
      port: tx.address().port,
    });
    const ssrc = 0x5eed;
    const { producerId: phoneMic } = await phone.request("produce", {
      transportId: send.transportId,
      kind: "audio",
      source: "mic",
      rtpParameters: {
        codecs: [{ mimeType: "audio/PCMU", payloadType: 0, clockRate: 8000 }],
        encodings: [{ ssrc }],
      },
    });
    const toBrowser = await waitFor(
      () =>
        browser.serverRequests
          .map((r) => r.data as NewConsumer)
          .find((d) => d.producerId === phoneMic),
      "the browser consumes the caller",
    );
    assert.equal(toBrowser.rtpParameters.codecs[0]?.mimeType, "audio/PCMU", "no transcoding");
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(
      !listener.serverRequests.some((r) => (r.data as NewConsumer).producerId === phoneMic),
      "the gateway mixes callers itself",
    );
    for (let seq = 0; seq < 25; seq++) tx.send(pcmuPacket(seq, ssrc), send.port, send.ip);
    const producer = sfu.rooms.get("phones")?.peers.get(p.peerId)?.producer(phoneMic);
    assert.ok(producer);
    await waitFor(async () => {
      const stats = await producer.getStats();
      return stats.some((s) => s.byteCount > 0);
    }, "RTP from the phone arrives at the SFU");
    rx.close();
    tx.close();
  });
});
