/// <reference path="./sip-lib.d.ts" />
/**
 * A SIP endpoint: our UDP/TCP transports + npm `sip`'s transaction layer (retransmissions,
 * timers), with typed, validated messages in and out. Answers OPTIONS itself.
 */

import { lookup } from "node:dns/promises";
import { EventEmitter } from "node:events";
import { isIP } from "node:net";
import type { Logger } from "pino";
import {
  makeTransactionLayer,
  type RawMessage,
  type RawTarget,
  type RawTransactionLayer,
  stringify,
} from "sip";
import { silentLogger } from "../log";
import { SipTransports } from "./transport";
import type {
  OutgoingRequest,
  ResponseExtras,
  SipRemote,
  SipRequest,
  SipResponse,
  SipTransport,
} from "./types";
import { formatSipUri, newBranch, parseSipUri } from "./uri";
import { decode, rawOutgoing, toRaw } from "./wire";

export interface SipEndpointOptions {
  /** Address to bind (e.g. "127.0.0.1", "0.0.0.0"). */
  address: string;
  /** Port for UDP and TCP; 0 picks one. */
  port: number;
  /** Address to announce in Via/Contact when binding to 0.0.0.0 or behind NAT. */
  publicAddress?: string;
  transports?: SipTransport[];
  userAgent?: string;
  logger?: Logger;
}

/** An incoming request with its server transaction. */
export interface IncomingRequest {
  readonly request: SipRequest;
  readonly remote: SipRemote;
  /** Sends a response through the server transaction (can be repeated, e.g. 2xx retransmits). */
  respond(status: number, reason?: string, extras?: ResponseExtras): SipResponse;
}

/** A request we sent (client transaction). */
export interface SentRequest {
  /** The request as sent, with our Via and branch. */
  readonly request: SipRequest;
  readonly target: SipRemote;
  /** Sends CANCEL for this (INVITE) request; resolves with the CANCEL's final response. */
  cancel(): Promise<SipResponse>;
}

export type ResponseHandler = (rs: SipResponse) => void;

interface EndpointEvents {
  request: [IncomingRequest];
  ack: [SipRequest, SipRemote];
}

const REASONS: Record<number, string> = {
  100: "Trying",
  180: "Ringing",
  183: "Session Progress",
  200: "OK",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  480: "Temporarily Unavailable",
  481: "Call/Transaction Does Not Exist",
  486: "Busy Here",
  487: "Request Terminated",
  488: "Not Acceptable Here",
  491: "Request Pending",
  500: "Server Internal Error",
  501: "Not Implemented",
  503: "Service Unavailable",
  603: "Decline",
};

export const reasonPhrase = (status: number): string => REASONS[status] ?? "";

export const ALLOWED_METHODS = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY";

export class SipEndpoint extends EventEmitter<EndpointEvents> {
  private readonly transports: SipTransports;
  private readonly layer: RawTransactionLayer;
  private readonly log: Logger;
  private running = false;

  constructor(private readonly opts: SipEndpointOptions) {
    super();
    this.log = opts.logger ?? silentLogger();
    this.transports = new SipTransports({
      address: opts.address,
      port: opts.port,
      ...(opts.publicAddress !== undefined && { publicAddress: opts.publicAddress }),
      transports: opts.transports ?? ["UDP", "TCP"],
      logger: this.log,
      onMessage: (data, remote) => this.onMessage(data, remote),
    });
    this.layer = makeTransactionLayer({}, (target: RawTarget, onError?: (e: Error) => void) =>
      this.transports.connection(toRemote(target), onError),
    );
  }

  async start(): Promise<void> {
    await this.transports.start();
    this.running = true;
    this.log.info({ address: this.opts.address, port: this.port }, "sip endpoint listening");
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.layer.destroy();
    await this.transports.stop();
  }

  get port(): number {
    return this.transports.port;
  }

  /** The host we announce (Via, Contact, SDP defaults). */
  get host(): string {
    return this.transports.hostForVia;
  }

  contactUri(user?: string, transport: SipTransport = "UDP"): string {
    return formatSipUri({ ...(user && { user }), host: this.host, port: this.port, transport });
  }

  /**
   * Sends a request in a client transaction. `onResponse` gets every response (provisional,
   * final, 2xx retransmissions); a 408/503 is synthesized on timeout/transport error.
   */
  async send(
    rq: OutgoingRequest,
    onResponse: ResponseHandler,
    target?: SipRemote,
  ): Promise<SentRequest> {
    const to = target ?? (await this.resolve(rq.headers.route?.[0] ?? rq.uri));
    const raw = rawOutgoing(rq);
    if (this.opts.userAgent) raw.headers["user-agent"] = this.opts.userAgent;
    return this.sendRaw(raw, to, onResponse);
  }

  /** Sends a request statelessly (ACK for a 2xx). */
  async sendStateless(rq: OutgoingRequest, target?: SipRemote): Promise<void> {
    const to = target ?? (await this.resolve(rq.headers.route?.[0] ?? rq.uri));
    const raw = rawOutgoing(rq);
    raw.headers.via = [{ params: { branch: newBranch() } }];
    this.transports.connection(to).send(raw);
  }

  /** Where a request URI goes: its host/port/transport (IP or DNS A record; no SRV). */
  async resolve(uri: string): Promise<SipRemote> {
    const u = parseSipUri(uri);
    if (!u) throw new Error(`bad SIP URI: ${uri}`);
    const transport: SipTransport = u.params.transport?.toUpperCase() === "TCP" ? "TCP" : "UDP";
    const address = isIP(u.host) ? u.host : (await lookup(u.host, { family: 4 })).address;
    return { transport, address, port: u.port ?? 5060 };
  }

  private sendRaw(raw: RawMessage, target: SipRemote, onResponse: ResponseHandler): SentRequest {
    const deliver = (rs: RawMessage) => {
      const typed = fromRawResponse(rs);
      if (typed) onResponse(typed);
    };
    let client: { message(m: RawMessage): void } | undefined;
    const connection = this.transports.connection(target, (err) => {
      this.log.debug({ err, target }, "sip transport error, reporting 503");
      client?.message({ ...responseTo(raw, 503, "Service Unavailable") });
    });
    client = this.layer.createClientTransaction(connection, raw, (rs) => {
      try {
        deliver(rs);
      } catch (err) {
        this.log.error({ err }, "sip response handler failed");
      }
    });
    const sent = fromRawRequest(raw, this.host, this.port, target.transport);
    return {
      request: sent,
      target,
      cancel: () =>
        new Promise<SipResponse>((resolve) => {
          const cancel: RawMessage = {
            method: "CANCEL",
            uri: raw.uri,
            version: "2.0",
            headers: {
              via: [structuredClone(raw.headers.via as unknown[])[0]],
              from: raw.headers.from,
              to: raw.headers.to,
              "call-id": raw.headers["call-id"],
              cseq: { seq: sent.headers.cseq.seq, method: "CANCEL" },
              "max-forwards": "70",
            },
            content: "",
          };
          if (raw.headers.route) cancel.headers.route = raw.headers.route;
          this.sendRaw(cancel, target, (rs) => {
            if (rs.status >= 200) resolve(rs);
          });
        }),
    };
  }

  private onMessage(data: Buffer, remote: SipRemote): void {
    if (!this.running) return;
    const decoded = decode(data);
    if (!decoded.ok) {
      this.log.debug({ remote, reason: decoded.reason, bytes: data.length }, "sip message refused");
      if (decoded.raw?.method !== undefined && decoded.raw.method !== "ACK")
        this.badRequest(decoded.raw, remote, decoded.reason);
      return;
    }
    const { message, raw } = decoded;
    if (message.kind === "response") {
      this.layer.getClient(raw)?.message(raw, toRawTarget(remote));
      return;
    }
    // RFC 3261 18.2.1 (+ RFC 3581 rport): remember where the request really came from.
    const via = message.headers.via[0];
    const rawVia = (raw.headers.via as { params: Record<string, string | null> }[])[0];
    if (via && rawVia) {
      via.params.received = remote.address;
      rawVia.params.received = remote.address;
      if (Object.hasOwn(via.params, "rport")) {
        via.params.rport = String(remote.port);
        rawVia.params.rport = String(remote.port);
      }
    }
    const existing = this.layer.getServer(raw);
    if (existing) {
      existing.message(raw, toRawTarget(remote));
      return;
    }
    if (message.method === "ACK") {
      this.emit("ack", message, remote);
      return;
    }
    const tx = this.layer.createServerTransaction(raw, this.transports.connection(remote));
    const incoming: IncomingRequest = {
      request: message,
      remote,
      respond: (status, reason, extras) => {
        const rs = buildResponse(message, status, reason ?? reasonPhrase(status), extras);
        if (this.opts.userAgent) rs.headers.other.server = this.opts.userAgent;
        tx.send(toRaw(rs));
        return rs;
      },
    };
    if (message.method === "OPTIONS") {
      incoming.respond(200, "OK", {
        other: { allow: ALLOWED_METHODS, accept: "application/sdp" },
      });
      return;
    }
    if (this.listenerCount("request") === 0) {
      incoming.respond(503);
      return;
    }
    this.emit("request", incoming);
  }

  /** Stateless 400 for a request that parsed far enough to have a Via. */
  private badRequest(raw: RawMessage, remote: SipRemote, why: string): void {
    const h = raw.headers;
    if (!Array.isArray(h.via) || h.via.length === 0) return;
    try {
      const rs: RawMessage = {
        status: 400,
        reason: "Bad Request",
        version: "2.0",
        headers: {
          via: h.via,
          ...(h.from !== undefined && { from: h.from }),
          ...(h.to !== undefined && { to: h.to }),
          ...(typeof h["call-id"] === "string" && { "call-id": h["call-id"] }),
          ...(h.cseq !== undefined && { cseq: h.cseq }),
          warning: `399 gateway "${why.replace(/["\\\r\n]/g, "")}"`,
        },
        content: "",
      };
      this.transports.write(remote, stringify(rs));
    } catch (err) {
      this.log.debug({ err }, "could not answer malformed request");
    }
  }
}

export function buildResponse(
  rq: SipRequest,
  status: number,
  reason: string,
  extras: ResponseExtras = {},
): SipResponse {
  const h = rq.headers;
  const toParams = { ...h.to.params };
  if (extras.toTag && toParams.tag === undefined) toParams.tag = extras.toTag;
  return {
    kind: "response",
    status,
    reason,
    headers: {
      via: h.via.map((v) => ({ ...v, params: { ...v.params } })),
      from: h.from,
      to: { ...h.to, params: toParams },
      callId: h.callId,
      cseq: h.cseq,
      contact: extras.contact ?? [],
      route: [],
      recordRoute: status >= 200 && status < 300 ? h.recordRoute : [],
      ...(extras.contentType !== undefined && { contentType: extras.contentType }),
      wwwAuthenticate: extras.wwwAuthenticate ?? [],
      proxyAuthenticate: extras.proxyAuthenticate ?? [],
      authorization: [],
      proxyAuthorization: [],
      other: { ...extras.other },
    },
    body: extras.body ?? "",
  };
}

function toRemote(t: RawTarget): SipRemote {
  return {
    transport: t.protocol.toUpperCase() === "TCP" ? "TCP" : "UDP",
    address: t.address,
    port: t.port,
  };
}

function toRawTarget(r: SipRemote): RawTarget {
  return { protocol: r.transport, address: r.address, port: r.port };
}

function responseTo(rq: RawMessage, status: number, reason: string): RawMessage {
  return {
    status,
    reason,
    version: "2.0",
    headers: {
      via: rq.headers.via,
      to: rq.headers.to,
      from: rq.headers.from,
      "call-id": rq.headers["call-id"],
      cseq: rq.headers.cseq,
    },
    content: "",
  };
}

/** Responses from the transaction layer are either decoded wire messages or synthesized 408/503. */
function fromRawResponse(rs: RawMessage): SipResponse | null {
  const text = stringify({ ...rs, headers: { ...rs.headers } });
  const d = decode(Buffer.from(text, "binary"));
  return d.ok && d.message.kind === "response" ? d.message : null;
}

function fromRawRequest(
  raw: RawMessage,
  host: string,
  port: number,
  transport: SipTransport,
): SipRequest {
  // The Via is filled when the transaction first sends (next tick); describe it as it will be.
  const via = (raw.headers.via as { params: Record<string, string | null> }[])[0];
  const d = decode(
    Buffer.from(
      stringify({
        ...raw,
        headers: {
          ...raw.headers,
          via: [{ version: "2.0", protocol: transport, host, port, params: { ...via?.params } }],
        },
      }),
      "binary",
    ),
  );
  if (!d.ok || d.message.kind !== "request")
    throw new Error(`built an invalid request: ${d.ok ? "" : d.reason}`);
  return d.message;
}
