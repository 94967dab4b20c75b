/**
 * One RTP leg: a UDP socket pair (RTP on an even port, RTCP on the next) bound in a port range,
 * sending G.711 frames with a continuous sequence/timestamp, receiving and parsing RTP, and
 * exchanging RTCP SR/RR every 5 s.
 */
import { randomInt } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { silentLogger } from "../log";
import { parseRtp, type RtpPacket, writeRtpHeader } from "./packet";
import { RtpStats } from "./RtpStats";
import { buildRtcpReport, parseRtcpReport, type RtcpReport } from "./rtcp";

export interface PortRange {
  min: number;
  max: number;
}

export interface RtpLegOptions {
  address: string;
  portRange: PortRange;
  /** Follow the source address of incoming RTP (symmetric RTP behind NAT). Default true. */
  latch?: boolean;
  /** Send RTCP reports (default every 5000 ms; 0 disables). */
  rtcpIntervalMs?: number;
  logger?: Logger;
}

interface RtpLegEvents {
  packet: [RtpPacket];
  rtcp: [RtcpReport];
}

const MAX_BIND_ATTEMPTS = 50;

async function bindUdp(address: string, port: number): Promise<Socket> {
  const s = createSocket({ type: address.includes(":") ? "udp6" : "udp4" });
  await new Promise<void>((resolve, reject) => {
    s.once("error", reject);
    s.bind(port, address, () => {
      s.off("error", reject);
      resolve();
    });
  });
  return s;
}

export class RtpLeg extends EventEmitter<RtpLegEvents> {
  readonly stats = new RtpStats();
  readonly ssrc = randomInt(1, 0xffffffff);
  private seq = randomInt(0, 0xffff);
  private timestamp = randomInt(0, 0xffffffff);
  private remote: { address: string; port: number } | null = null;
  private remoteSsrc = 0;
  /**
   * dgram sends synchronously when it can (uv_udp_try_send) but keeps a reference when the
   * kernel queue is full, so a ring of buffers (not one) is reused: no allocation per packet.
   */
  private readonly sendRing = Array.from({ length: 8 }, () => new Uint8Array(12 + 1500));
  private ringIndex = 0;
  private rtcpTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly rtp: Socket,
    private readonly rtcp: Socket,
    readonly localAddress: string,
    readonly localPort: number,
    private readonly opts: RtpLegOptions,
  ) {
    super();
    const log = opts.logger ?? silentLogger();
    rtp.on("error", (err) => log.warn({ err, port: localPort }, "rtp socket error"));
    rtcp.on("error", (err) => log.warn({ err, port: localPort + 1 }, "rtcp socket error"));
    rtp.on("message", (data, rinfo) => this.onRtp(data, rinfo.address, rinfo.port));
    rtcp.on("message", (data) => {
      const r = parseRtcpReport(data);
      if (r) this.emit("rtcp", r);
    });
    const every = opts.rtcpIntervalMs ?? 5000;
    if (every > 0) {
      this.rtcpTimer = setInterval(() => this.sendRtcp(), every);
      this.rtcpTimer.unref();
    }
  }

  /** Binds an even RTP port and the next one for RTCP, at random in the range. */
  static async open(opts: RtpLegOptions): Promise<RtpLeg> {
    const { min, max } = opts.portRange;
    const evens = Math.floor((max - 1 - min) / 2) + 1;
    if (evens < 1) throw new Error(`RTP port range ${min}-${max} is too small`);
    for (let i = 0; i < MAX_BIND_ATTEMPTS; i++) {
      const port = min + (min % 2) + 2 * randomInt(0, evens);
      if (port + 1 > max) continue;
      let rtp: Socket | undefined;
      try {
        rtp = await bindUdp(opts.address, port);
        const rtcp = await bindUdp(opts.address, port + 1);
        return new RtpLeg(rtp, rtcp, opts.address, port, opts);
      } catch {
        rtp?.close();
      }
    }
    throw new Error(`no free RTP port pair in ${min}-${max} on ${opts.address}`);
  }

  setRemote(address: string, port: number): void {
    this.remote = port > 0 && address !== "0.0.0.0" ? { address, port } : null;
  }

  get remoteAddress(): { address: string; port: number } | null {
    return this.remote;
  }

  /**
   * Sends one packet with our SSRC, the next sequence number and `timestamp` advanced by
   * `samples` AFTER sending (pass samples=0 for DTMF event packets that share a timestamp).
   */
  send(
    payloadType: number,
    payload: Uint8Array,
    samples: number,
    marker = false,
    length = payload.length,
  ): void {
    if (this.closed || !this.remote) return;
    const buf = this.sendRing[this.ringIndex]!;
    this.ringIndex = (this.ringIndex + 1) & 7;
    writeRtpHeader(buf, {
      payloadType,
      marker,
      sequenceNumber: this.seq,
      timestamp: this.timestamp,
      ssrc: this.ssrc,
    });
    buf.set(length === payload.length ? payload : payload.subarray(0, length), 12);
    // dgram copies the bytes synchronously into the send request, so the buffer is reusable.
    this.rtp.send(buf, 0, 12 + length, this.remote.port, this.remote.address);
    this.stats.onSend(length, this.timestamp);
    this.seq = (this.seq + 1) & 0xffff;
    this.timestamp = (this.timestamp + samples) >>> 0;
  }

  /** Advances the timestamp without sending (keeps the clock when sending is paused). */
  skip(samples: number): void {
    this.timestamp = (this.timestamp + samples) >>> 0;
  }

  get currentTimestamp(): number {
    return this.timestamp;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.rtcpTimer) clearInterval(this.rtcpTimer);
    this.rtp.close();
    this.rtcp.close();
    this.removeAllListeners();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private onRtp(data: Buffer, address: string, port: number): void {
    const p = parseRtp(data);
    if (!p) return;
    if (
      (this.opts.latch ?? true) &&
      (!this.remote || this.remote.port !== port || this.remote.address !== address)
    ) {
      this.remote = { address, port };
    }
    this.remoteSsrc = p.ssrc;
    this.stats.onReceive(p.sequenceNumber, p.timestamp, performance.now());
    this.emit("packet", p);
  }

  private sendRtcp(): void {
    if (this.closed || !this.remote) return;
    const received =
      this.stats.packetsReceived > 0
        ? { remoteSsrc: this.remoteSsrc, stats: this.stats.receiveReport() }
        : null;
    const report = buildRtcpReport(
      this.ssrc,
      {
        packetsSent: this.stats.packetsSent,
        octetsSent: this.stats.octetsSent,
        rtpTimestamp: this.stats.lastRtpTimestampSent,
      },
      received,
    );
    this.rtcp.send(report, this.remote.port + 1, this.remote.address);
  }
}
