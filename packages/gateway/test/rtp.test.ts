import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { test } from "node:test";
import { JitterBuffer } from "../src/rtp/JitterBuffer";
import { parseRtp, serializeRtp } from "../src/rtp/packet";
import { RtpLeg } from "../src/rtp/RtpLeg";
import { RtpStats } from "../src/rtp/RtpStats";
import { buildRtcpReport, parseRtcpReport } from "../src/rtp/rtcp";
import { until } from "./helpers/harness";
import { GATEWAY_RTP_RANGE } from "./helpers/ports";

test("RTP parse/serialize round trip, including marker and 32-bit fields", () => {
  const p = {
    payloadType: 101,
    marker: true,
    sequenceNumber: 65535,
    timestamp: 0xfedcba98,
    ssrc: 0x80000001,
    payload: Uint8Array.of(1, 2, 3, 4),
  };
  const bytes = serializeRtp(p);
  assert.equal(bytes.length, 16);
  const back = parseRtp(bytes);
  assert.ok(back);
  assert.deepEqual({ ...back, payload: [...back.payload] }, { ...p, payload: [1, 2, 3, 4] });
});

test("RTP parser refuses non-RTP, handles CSRCs, extension and padding", () => {
  assert.equal(parseRtp(new Uint8Array(11)), null);
  assert.equal(parseRtp(Uint8Array.of(0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), null, "version 1");
  assert.equal(parseRtp(Uint8Array.of(0x80, 200, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0)), null, "RTCP SR");
  // CC=1, X=1 (one extension word), P=1 (2 bytes of padding)
  const b = Uint8Array.of(
    0xb1,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    /*csrc*/ 9,
    9,
    9,
    9,
    /*ext*/ 0xbe,
    0xde,
    0,
    1,
    1,
    2,
    3,
    4,
    /*payload*/ 7,
    8,
    /*pad*/ 0,
    2,
  );
  const p = parseRtp(b);
  assert.deepEqual([...(p?.payload ?? [])], [7, 8]);
  assert.equal(
    parseRtp(Uint8Array.of(0xa0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 99)),
    null,
    "bad padding",
  );
});

test("jitter buffer reorders, drops duplicates and late packets, stays bounded", () => {
  const jb = new JitterBuffer(8, 2, 16);
  const out: number[] = [];
  const pop = () => {
    for (let f = jb.pop(); f; f = jb.pop()) out.push(f.seq);
  };
  for (const s of [10, 12, 11, 11, 13]) jb.push(s, s * 160, 0, Uint8Array.of(s));
  pop();
  assert.deepEqual(out, [10, 11, 12, 13]);
  assert.equal(jb.duplicates, 1);
  jb.push(9, 0, 0, Uint8Array.of(9));
  assert.equal(jb.late, 1);
  // A lost packet (14) is skipped once later ones wait.
  jb.push(15, 0, 0, Uint8Array.of(15));
  jb.push(16, 0, 0, Uint8Array.of(16));
  const f1 = jb.pop();
  assert.equal(f1, null, "slot 14 is empty");
  pop();
  assert.deepEqual(out.slice(-2), [15, 16]);
  for (let s = 100; s < 200; s++) jb.push(s, 0, 0, Uint8Array.of(1));
  assert.ok(jb.size <= 8);
});

test("RTP stats count loss and jitter; RTCP SR/RR round trip", () => {
  const st = new RtpStats();
  let t = 0;
  for (let s = 0; s < 100; s++) {
    if (s % 10 === 5) continue; // 10 % loss
    t = s * 20 + (s % 2 ? 3 : 0); // 3 ms jitter
    st.onReceive(s, s * 160, t);
  }
  const r = st.receiveReport();
  assert.equal(r.packetsReceived, 90);
  assert.equal(r.packetsLost, 10);
  assert.ok(Math.abs(r.fractionLost - 0.1) < 0.01);
  assert.ok(r.jitter > 5 && r.jitter < 40, `jitter ${r.jitter}`);
  const sr = parseRtcpReport(
    buildRtcpReport(
      42,
      { packetsSent: 7, octetsSent: 1120, rtpTimestamp: 5 },
      { remoteSsrc: 9, stats: r },
    ),
  );
  assert.equal(sr?.type, "SR");
  assert.equal(sr?.senderPackets, 7);
  assert.equal(sr?.blocks[0]?.ssrc, 9);
  assert.equal(sr?.blocks[0]?.packetsLost, 10);
  const rr = parseRtcpReport(
    buildRtcpReport(42, { packetsSent: 0, octetsSent: 0, rtpTimestamp: 0 }, null),
  );
  assert.equal(rr?.type, "RR");
});

test("two RTP legs on loopback exchange packets and RTCP", async () => {
  const a = await RtpLeg.open({
    address: "127.0.0.1",
    portRange: GATEWAY_RTP_RANGE,
    rtcpIntervalMs: 50,
  });
  const b = await RtpLeg.open({
    address: "127.0.0.2",
    portRange: GATEWAY_RTP_RANGE,
    rtcpIntervalMs: 50,
  });
  try {
    assert.equal(a.localPort % 2, 0);
    a.setRemote("127.0.0.2", b.localPort);
    b.setRemote("127.0.0.1", a.localPort);
    const got: number[] = [];
    const reports: string[] = [];
    b.on("packet", (p) => got.push(p.payload.length));
    a.on("rtcp", (r) => reports.push(r.type));
    for (let i = 0; i < 5; i++) a.send(0, new Uint8Array(160), 160);
    await until(() => got.length === 5, "5 packets");
    await until(() => reports.length > 0, "an RTCP report from b");
    assert.equal(a.stats.packetsSent, 5);
    assert.equal(b.stats.packetsReceived, 5);
  } finally {
    a.close();
    b.close();
  }
});

/** A bare UDP socket that sends RTP with its own SSRC (an attacker, or a NATed phone). */
async function rawSender(address: string) {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, address, () => r()));
  let seq = 1;
  return {
    port: (s.address() as { port: number }).port,
    send(to: number, ssrc: number) {
      const pkt = serializeRtp({
        payloadType: 0,
        marker: false,
        sequenceNumber: seq++,
        timestamp: seq * 160,
        ssrc,
        payload: new Uint8Array(160),
      });
      s.send(pkt, to, "127.0.0.1");
    },
    close: () => s.close(),
  };
}

test("RTP bleed: packets from anyone but the signalled peer are dropped and counted, never followed", async () => {
  const leg = await RtpLeg.open({
    address: "127.0.0.1",
    portRange: GATEWAY_RTP_RANGE,
    rtcpIntervalMs: 0,
  });
  const peer = await rawSender("127.0.0.2");
  const attacker = await rawSender("127.0.0.9");
  try {
    leg.setRemote("127.0.0.2", peer.port);
    const heard: number[] = [];
    leg.on("packet", (p) => heard.push(p.ssrc));
    for (let i = 0; i < 20; i++) attacker.send(leg.localPort, 666);
    for (let i = 0; i < 3; i++) peer.send(leg.localPort, 42);
    await until(() => heard.length === 3, "the peer's packets");
    await until(() => leg.stats.rejectedPackets === 20, "the attacker's packets counted");
    assert.ok(heard.every((s) => s === 42));
    assert.deepEqual(
      leg.remoteAddress,
      { address: "127.0.0.2", port: peer.port },
      "not redirected",
    );
  } finally {
    leg.close();
    peer.close();
    attacker.close();
  }
});

test("latching: the signalled IP from another port is followed once; nat mode pins the first source and SSRC", async () => {
  const leg = await RtpLeg.open({
    address: "127.0.0.1",
    portRange: GATEWAY_RTP_RANGE,
    rtcpIntervalMs: 0,
  });
  const phone = await rawSender("127.0.0.2");
  const other = await rawSender("127.0.0.2");
  try {
    leg.setRemote("127.0.0.2", 9); // the phone announced port 9 but sends from another one
    phone.send(leg.localPort, 1);
    await until(() => leg.remoteAddress?.port === phone.port, "latched to the real port");
    other.send(leg.localPort, 2);
    await until(() => leg.stats.rejectedPackets === 1, "a second port on the same IP is refused");
    assert.equal(leg.remoteAddress?.port, phone.port);
  } finally {
    leg.close();
  }
  const nat = await RtpLeg.open({
    address: "127.0.0.1",
    portRange: GATEWAY_RTP_RANGE,
    rtcpIntervalMs: 0,
    latching: "nat",
  });
  const behindNat = await rawSender("127.0.0.5");
  try {
    nat.setRemote("10.1.2.3", 4000); // a private address in the SDP
    const heard: number[] = [];
    nat.on("packet", (p) => heard.push(p.ssrc));
    behindNat.send(nat.localPort, 7);
    await until(() => heard.length === 1, "first source latched");
    assert.deepEqual(nat.remoteAddress, { address: "127.0.0.5", port: behindNat.port });
    behindNat.send(nat.localPort, 8); // same source, another SSRC: refused
    phone.send(nat.localPort, 7); // another source: refused
    await until(() => nat.stats.rejectedPackets === 2, "both refused");
  } finally {
    nat.close();
    behindNat.close();
    phone.close();
    other.close();
  }
});
