/**
 * One RTP leg: a UDP socket pair (RTP on an even port, RTCP on the next) from the port pool,
 * sending G.711 frames with a continuous sequence/timestamp, receiving and parsing RTP, and
 * exchanging RTCP SR/RR every 5 s.
 *
 * Who may send to us (against "RTP bleed": someone spraying the port range must neither
 * hear the call nor inject audio or DTMF):
 * - "signalled" (default): only the address and port in the peer's SDP. Within the first
 *   packets after the remote is set, a source with the signalled IP but another port is
 *   latched once (phones that send from another port than they announce).
 * - "nat": within the first packets, the first source is latched once (phones behind NAT),
 *   then pinned with its SSRC.
 * - A phone on this machine (its SDP names one of our own addresses) that sends from
 *   loopback is latched like "nat": nothing off the machine can send from loopback.
 * Everything else is dropped and counted (`stats.rejectedPackets`).
 */
import { randomInt } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";
import { EventEmitter } from "node:events";
import { networkInterfaces } from "node:os";
import type { Logger } from "pino";
import { silentLogger } from "../log";
import { type PortPool, type PortRange, portPoolFor } from "./PortPool";
import { parseRtp, type RtpPacket, writeRtpHeader } from "./packet";
import { RtpStats } from "./RtpStats";
import { buildRtcpReport, parseRtcpReport, type RtcpReport } from "./rtcp";

export type { PortRange } from "./PortPool";

export type RtpLatching = "signalled" | "nat";

const isLoopback = (a: string) => a.startsWith("127.") || a === "::1";

let own: { at: number; set: Set<string> } | undefined;
/** This machine's own non-loopback addresses (re-read every minute). */
function ownAddresses(): Set<string> {
  if (!own || Date.now() - own.at > 60_000) {
    const set = new Set<string>();
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) if (!a.internal) set.add(a.address);
    own = { at: Date.now(), set };
  }
  return own.set;
}

/** Packets after `setRemote` during which one latch may happen. */
export const LATCH_WINDOW = 10;

export interface RtpLegOptions {
  address: string;
  portRange: PortRange;
  /** Whose packets are accepted (see above); default "signalled". */
  latching?: RtpLatching;
  /** The port pool to take from (default: the process's pool for this address and range). */
  pool?: PortPool;
  /** Send RTCP reports (default every 5000 ms; 0 disables). */
  rtcpIntervalMs?: number;
  logger?: Logger;
}

interface RtpLegEvents {
  packet: [RtpPacket];
  rtcp: [RtcpReport];
}

const MAX_BIND_ATTEMPTS = 8;

/** Thrown when the port range has no free pair: answer 503. */
export class NoRtpPortError extends Error {
  constructor(range: PortRange, address: string) {
    super(`no free RTP port pair in ${range.min}-${range.max} on ${address}`);
    this.name = "NoRtpPortError";
  }
}

/** Binds a UDP socket; a socket whose bind fails is closed (never left open). */
async function bindUdp(address: string, port: number): Promise<Socket> {
  const s = createSocket({ type: address.includes(":") ? "udp6" : "udp4" });
  try {
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.bind(port, address, () => {
        s.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    s.close();
    throw err;
  }
  return s;
}

export class RtpLeg extends EventEmitter<RtpLegEvents> {
  readonly stats = new RtpStats();
  readonly ssrc = randomInt(1, 0xffffffff);
  private seq = randomInt(0, 0xffff);
  private timestamp = randomInt(0, 0xffffffff);
  private remote: { address: string; port: number } | null = null;
  private signalled: { address: string; port: number } | null = null;
  private remoteSsrc = 0;
  /** The SSRC we accept after a NAT latch (null: any). */
  private pinnedSsrc: number | null = null;
  private latched = false;
  private packetsSinceRemote = 0;
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
    private readonly pool: PortPool,
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

  /** Binds a free even port from the pool and the next one for RTCP. */
  static async open(opts: RtpLegOptions): Promise<RtpLeg> {
    const pool = opts.pool ?? portPoolFor(opts.address, opts.portRange);
    for (let i = 0; i < MAX_BIND_ATTEMPTS; i++) {
      const port = pool.take();
      if (port === undefined) break;
      let rtp: Socket | undefined;
      try {
        rtp = await bindUdp(opts.address, port);
        const rtcp = await bindUdp(opts.address, port + 1);
        return new RtpLeg(rtp, rtcp, opts.address, port, opts, pool);
      } catch {
        rtp?.close();
        // In use by another process: try it again only after the others.
        pool.give(port, true);
      }
    }
    throw new NoRtpPortError(opts.portRange, opts.address);
  }

  /** The address and port from the peer's SDP (a new offer or answer). */
  setRemote(address: string, port: number): void {
    const next = port > 0 && address !== "0.0.0.0" && address !== "::" ? { address, port } : null;
    const same =
      next &&
      this.signalled &&
      next.address === this.signalled.address &&
      next.port === this.signalled.port;
    if (same) return;
    this.signalled = next;
    this.remote = next;
    this.latched = false;
    this.pinnedSsrc = null;
    this.packetsSinceRemote = 0;
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
    this.pool.give(this.localPort);
    this.removeAllListeners();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private onRtp(data: Buffer, address: string, port: number): void {
    const p = parseRtp(data);
    if (!p) return;
    if (!this.accepts(address, port, p.ssrc)) {
      if (this.stats.rejectedPackets++ === 0)
        this.opts.logger?.info(
          { from: `${address}:${port}`, expected: this.remote, port: this.localPort },
          "rtp from an unexpected source dropped (further ones only counted)",
        );
      return;
    }
    this.remoteSsrc = p.ssrc;
    this.stats.onReceive(p.sequenceNumber, p.timestamp, performance.now());
    this.emit("packet", p);
  }

  /** Whether a packet from this source may be heard (and may move where we send). */
  private accepts(address: string, port: number, ssrc: number): boolean {
    const r = this.remote;
    const window = this.packetsSinceRemote < LATCH_WINDOW;
    if (this.signalled) this.packetsSinceRemote++;
    if (r && r.address === address && r.port === port)
      return this.pinnedSsrc === null || this.pinnedSsrc === ssrc;
    if (this.latched || !window || !this.signalled) return false;
    const mode = this.opts.latching ?? "signalled";
    // A softphone on this very machine announces the NIC's address in its SDP but sends from
    // 127.0.0.1: latch to it (pinned). Nothing off the machine can send from loopback.
    const local = isLoopback(address) && ownAddresses().has(this.signalled.address);
    if (mode === "signalled" && address !== this.signalled.address && !local) return false;
    this.latched = true;
    this.remote = { address, port };
    if (mode === "nat" || local) this.pinnedSsrc = ssrc;
    this.opts.logger?.info(
      { from: this.signalled, to: this.remote, mode, port: this.localPort },
      "rtp source latched",
    );
    return true;
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
