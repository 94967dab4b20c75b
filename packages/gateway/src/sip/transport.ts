/// <reference path="./sip-lib.d.ts" />
/**
 * UDP and TCP transports for SIP, with our own sockets (error handlers, size limits, framing)
 * so that no input can crash the process. Messages are handed up as bytes + remote.
 */
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import type { Logger } from "pino";
import { type RawConnection, type RawMessage, stringify } from "sip";
import type { SipRemote, SipTransport } from "./types";
import { MAX_SIP_MESSAGE_BYTES } from "./wire";

export interface TransportOptions {
  address: string;
  port: number;
  /** Address put in Via/Contact (defaults to `address`). */
  publicAddress?: string;
  transports: SipTransport[];
  logger: Logger;
  onMessage: (data: Buffer, remote: SipRemote) => void;
}

const HEADER_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)[ \t]*$/im;

export class SipTransports {
  private udp: UdpSocket | undefined;
  private tcp: Server | undefined;
  private readonly streams = new Map<string, Socket>();
  private boundPort = 0;

  constructor(private readonly opts: TransportOptions) {}

  get port(): number {
    return this.boundPort;
  }

  get hostForVia(): string {
    return this.opts.publicAddress ?? this.opts.address;
  }

  async start(): Promise<number> {
    const { address, transports, logger } = this.opts;
    let port = this.opts.port;
    if (transports.includes("UDP")) {
      const udp = createSocket({ type: address.includes(":") ? "udp6" : "udp4" });
      udp.on("error", (err) => logger.error({ err }, "sip udp socket error"));
      udp.on("message", (data, rinfo) =>
        this.safeDeliver(data, { transport: "UDP", address: rinfo.address, port: rinfo.port }),
      );
      await new Promise<void>((resolve, reject) => {
        udp.once("error", reject);
        udp.bind(port, address, () => {
          udp.off("error", reject);
          resolve();
        });
      });
      port = udp.address().port;
      this.udp = udp;
    }
    if (transports.includes("TCP")) {
      const tcp = createServer((s) => this.adopt(s));
      tcp.on("error", (err) => logger.error({ err }, "sip tcp server error"));
      await new Promise<void>((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen(port, address, () => {
          tcp.off("error", reject);
          resolve();
        });
      });
      const a = tcp.address();
      if (a && typeof a === "object") port = a.port;
      this.tcp = tcp;
    }
    this.boundPort = port;
    return port;
  }

  async stop(): Promise<void> {
    for (const s of this.streams.values()) s.destroy();
    this.streams.clear();
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = undefined;
    this.tcp = undefined;
    if (udp) await new Promise<void>((r) => udp.close(() => r()));
    if (tcp) await new Promise<void>((r) => tcp.close(() => r()));
  }

  /** A connection in the shape sip.js's transaction layer expects. */
  connection(remote: SipRemote, onError?: (e: Error) => void): RawConnection {
    return {
      protocol: remote.transport,
      release: () => {},
      send: (m: RawMessage) => {
        if (m.method !== undefined) this.fillVia(m, remote.transport);
        this.write(remote, stringify(m), onError);
      },
    };
  }

  /** Sends raw bytes (stateless answers such as 400). */
  write(remote: SipRemote, text: string, onError?: (e: Error) => void): void {
    const data = Buffer.from(text, "binary");
    if (remote.transport === "UDP") {
      if (!this.udp) {
        onError?.(new Error("UDP transport not running"));
        return;
      }
      this.udp.send(data, remote.port, remote.address, (err) => {
        if (err) {
          this.opts.logger.debug({ err, remote }, "sip udp send failed");
          onError?.(err);
        }
      });
      return;
    }
    const stream = this.streamTo(remote, onError);
    if (stream) stream.write(data);
  }

  private fillVia(m: RawMessage, transport: SipTransport): void {
    const via = m.headers.via;
    if (!Array.isArray(via) || via.length === 0) return;
    const top: unknown = via[0];
    if (!top || typeof top !== "object") return;
    const v = top as {
      host?: string;
      port?: number;
      protocol?: string;
      params?: Record<string, unknown>;
    };
    v.host = this.hostForVia;
    v.port = this.boundPort;
    v.protocol = transport;
    v.params = v.params ?? {};
    if (transport === "UDP") v.params.rport = null;
  }

  private safeDeliver(data: Buffer, remote: SipRemote): void {
    try {
      this.opts.onMessage(data, remote);
    } catch (err) {
      this.opts.logger.error({ err, remote }, "sip message handler failed");
    }
  }

  private streamTo(remote: SipRemote, onError?: (e: Error) => void): Socket | undefined {
    const key = `${remote.address}:${remote.port}`;
    const existing = this.streams.get(key);
    if (existing && !existing.destroyed) return existing;
    if (!this.tcp) {
      onError?.(new Error("TCP transport not running"));
      return undefined;
    }
    const s = tcpConnect({ host: remote.address, port: remote.port });
    if (onError) s.once("error", onError);
    this.adopt(s, key);
    return s;
  }

  /** Frames a TCP stream into messages (Content-Length), bounded by MAX_SIP_MESSAGE_BYTES. */
  private adopt(s: Socket, knownKey?: string): void {
    const key = knownKey ?? `${s.remoteAddress}:${s.remotePort}`;
    const remote: SipRemote = {
      transport: "TCP",
      address: (knownKey ? knownKey.slice(0, knownKey.lastIndexOf(":")) : s.remoteAddress) ?? "",
      port: knownKey ? Number(knownKey.slice(knownKey.lastIndexOf(":") + 1)) : (s.remotePort ?? 0),
    };
    this.streams.set(key, s);
    s.setTimeout(120_000, () => s.destroy());
    s.on("error", (err) => this.opts.logger.debug({ err, remote }, "sip tcp stream error"));
    s.on("close", () => {
      if (this.streams.get(key) === s) this.streams.delete(key);
    });
    let buf: Buffer = Buffer.alloc(0);
    s.on("data", (chunk: Buffer) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      for (;;) {
        // Skip keep-alive CRLFs between messages.
        let start = 0;
        while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
        if (start > 0) buf = buf.subarray(start);
        const end = buf.indexOf(HEADER_END);
        if (end < 0) {
          if (buf.length > MAX_SIP_MESSAGE_BYTES) return this.flood(s, remote);
          return;
        }
        const head = buf.subarray(0, end).toString("binary");
        const cl = Number(CONTENT_LENGTH.exec(head)?.[1] ?? "0");
        const total = end + 4 + cl;
        if (total > MAX_SIP_MESSAGE_BYTES) return this.flood(s, remote);
        if (buf.length < total) return;
        const msg = buf.subarray(0, total);
        buf = buf.subarray(total);
        this.safeDeliver(Buffer.from(msg), remote);
      }
    });
  }

  private flood(s: Socket, remote: SipRemote): void {
    this.opts.logger.warn({ remote }, "sip tcp message over size limit, closing connection");
    s.destroy();
  }
}
