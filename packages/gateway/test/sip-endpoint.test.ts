/**
 * The SIP layer on real sockets: hostile input never crashes it and OPTIONS is still
 * answered; malformed requests with a usable Via get 400; inbound digest challenge.
 */
import assert from "node:assert/strict";
import { createSocket, type Socket } from "node:dgram";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { Call } from "../src/Call";
import { createLogger } from "../src/log";
import { SipEndpoint } from "../src/sip/SipEndpoint";
import { GATEWAY_IP, type Harness, PEER_IP, startHarness, until } from "./helpers/harness";
import { freePort, GATEWAY_RTP_RANGE, PEER_SIP_RANGE } from "./helpers/ports";

function options(port: number, branch: string, transport = "UDP"): string {
  return [
    `OPTIONS sip:gw@${GATEWAY_IP} SIP/2.0`,
    `Via: SIP/2.0/${transport} ${PEER_IP}:${port};branch=z9hG4bK${branch};rport`,
    `From: <sip:probe@${PEER_IP}>;tag=p${branch}`,
    `To: <sip:gw@${GATEWAY_IP}>`,
    `Call-ID: ${branch}@${PEER_IP}`,
    "CSeq: 1 OPTIONS",
    "Max-Forwards: 70",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
}

class UdpProbe {
  readonly got: string[] = [];
  private constructor(
    readonly sock: Socket,
    readonly port: number,
  ) {
    sock.on("message", (m) => this.got.push(m.toString("latin1")));
  }
  static async open(): Promise<UdpProbe> {
    const port = await freePort(PEER_IP, ...PEER_SIP_RANGE);
    const s = createSocket("udp4");
    await new Promise<void>((r) => s.bind(port, PEER_IP, r));
    return new UdpProbe(s, port);
  }
  send(to: number, data: string | Uint8Array): Promise<void> {
    return new Promise((r) =>
      this.sock.send(
        typeof data === "string" ? Buffer.from(data, "latin1") : data,
        to,
        GATEWAY_IP,
        () => r(),
      ),
    );
  }
  async waitFor(re: RegExp, ms = 3000): Promise<string> {
    await until(() => this.got.some((m) => re.test(m)), `a message matching ${re}`, ms);
    return this.got.find((m) => re.test(m))!;
  }
  close() {
    this.sock.close();
  }
}

describe("hostile input", () => {
  let h: Harness;
  let probe: UdpProbe;
  before(async () => {
    h = await startHarness();
    probe = await UdpProbe.open();
  });
  after(async () => {
    probe.close();
    await h.close();
  });

  test("garbage datagrams, truncated and malformed SIP: OPTIONS is still answered", async () => {
    const junk: (string | Uint8Array)[] = [
      new Uint8Array(0),
      Uint8Array.from({ length: 1200 }, (_, i) => (i * 7919) & 0xff),
      "\r\n\r\n",
      "INVITE sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKa\r\nFrom: <sip:a@b>", // no end of headers
      "SIP/2.0 200 OK\r\n\r\n",
      "NOTSIP / HTTP/1.1\r\nHost: x\r\n\r\n",
      `OPTIONS sip:gw@${GATEWAY_IP} SIP/2.0\r\nVia: SIP/2.0/UDP ${PEER_IP}:${probe.port};branch=z9hG4bKx;hasOwnProperty=1;__proto__=2\r\n\r\n`,
      `BYE sip:gw SIP/2.0\r\nVia: ::::\r\nCSeq: banana\r\nContent-Length: -5\r\n\r\n`,
      "\u0000".repeat(65_000),
    ];
    for (const j of junk) await probe.send(h.port, j);
    await probe.send(h.port, options(probe.port, "alive1"));
    const rs = await probe.waitFor(/^SIP\/2\.0 200 OK[\s\S]*alive1/);
    assert.match(rs, /Allow: INVITE, ACK, CANCEL, BYE, OPTIONS/);
  });

  test("a request missing Call-ID gets 400 (its Via is usable)", async () => {
    const bad = options(probe.port, "nocallid").replace(/Call-ID: .*\r\n/, "");
    await probe.send(h.port, bad);
    const rs = await probe.waitFor(/^SIP\/2\.0 400[\s\S]*nocallid/);
    assert.match(rs, /Warning: 399/);
  });

  test("a body shorter than its Content-Length (truncated) gets 400", async () => {
    const bad =
      options(probe.port, "truncated").replace("Content-Length: 0", "Content-Length: 500") +
      "v=0\r\n";
    await probe.send(h.port, bad);
    await probe.waitFor(/^SIP\/2\.0 400[\s\S]*truncated/);
  });

  test("TCP: a >64 KiB header block closes that connection; OPTIONS over TCP still works", async () => {
    const flood = connect(h.port, GATEWAY_IP);
    const closed = new Promise<void>((r) => flood.on("close", () => r()));
    flood.on("error", () => {});
    flood.write(`OPTIONS sip:gw@${GATEWAY_IP} SIP/2.0\r\nX-Junk: ${"a".repeat(70 * 1024)}`);
    await closed;

    const c = connect(h.port, GATEWAY_IP);
    let got = "";
    c.on("data", (d) => {
      got += d.toString("latin1");
    });
    await new Promise<void>((r) => c.on("connect", () => r()));
    c.write(options(c.localPort ?? 0, "tcpalive", "TCP"));
    await until(() => /SIP\/2\.0 200 OK[\s\S]*tcpalive/.test(got), "OPTIONS over TCP");
    c.destroy();
  });
});

describe("digest challenge for untrusted callers", () => {
  let h: Harness;
  let client: SipEndpoint;
  before(async () => {
    h = await startHarness({
      access: {
        trustedAddresses: ["10.9.9.9"],
        digest: {
          realm: "switchboard.test",
          lookup: (u) => (u === "alice" ? "wonderland-42" : null),
        },
      },
    });
    client = new SipEndpoint({
      address: PEER_IP,
      port: await freePort(PEER_IP, ...PEER_SIP_RANGE),
      logger: createLogger("silent"),
    });
    await client.start();
  });
  after(async () => {
    await client.stop();
    await h.close();
  });

  const dial = (credentials?: { user: string; password: string }) =>
    Call.dial({
      endpoint: client,
      media: { address: PEER_IP, portRange: GATEWAY_RTP_RANGE },
      to: `sip:dialin@${GATEWAY_IP}:${h.port}`,
      from: { uri: `sip:alice@${PEER_IP}`, params: {} },
      ...(credentials && { credentials }),
    });

  test("INVITE with the right credentials is answered after a 401", async () => {
    const call = await dial({ user: "alice", password: "wonderland-42" });
    await until(() => call.state === "active", "answer");
    await call.hangup();
    await until(() => h.calls.at(-1)?.state === "ended", "gateway side ended");
    assert.equal(h.calls.at(-1)?.endReason, "remote-hangup");
  });

  test("wrong password or none: auth-failed", async () => {
    const wrong = await dial({ user: "alice", password: "nope" });
    const none = await dial();
    await until(() => wrong.state === "ended" && none.state === "ended", "both ended");
    assert.equal(wrong.endReason, "auth-failed");
    assert.equal(none.endReason, "auth-failed");
  });
});
