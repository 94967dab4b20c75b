/// <reference path="./sip-lib.d.ts" />
/**
 * The only place that converts between npm `sip`'s loose objects and our typed messages.
 * Every incoming message is validated here (zod); anything that does not fit is refused.
 */
import { type RawMessage, parse as sipParse, stringifyUri } from "sip";
import { z } from "zod";
import type {
  AuthHeader,
  NameAddr,
  OutgoingRequest,
  SipHeaders,
  SipMessage,
  SipRequest,
  SipResponse,
} from "./types";

/** Larger messages are dropped (UDP) or refused (TCP). */
export const MAX_SIP_MESSAGE_BYTES = 64 * 1024;

const paramsSchema = z.record(z.string(), z.string().nullable());
const nameAddrSchema = z.object({
  name: z.string().optional(),
  uri: z.string().min(1).max(2048),
  params: paramsSchema.default({}),
});
const viaSchema = z.object({
  protocol: z.string().min(1),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  params: paramsSchema.default({}),
});
const cseqSchema = z.object({
  seq: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
  method: z.string().min(1).max(32),
});
const authSchema = z.record(z.string(), z.string());
const routeSchema = z.object({ uri: z.unknown() });

const headersSchema = z.object({
  via: z.array(viaSchema).min(1),
  from: nameAddrSchema,
  to: nameAddrSchema,
  "call-id": z.string().min(1).max(512),
  cseq: cseqSchema,
  contact: z.union([z.literal("*"), z.array(nameAddrSchema)]).optional(),
  route: z.array(routeSchema).optional(),
  "record-route": z.array(routeSchema).optional(),
  "content-type": z.string().optional(),
  "content-length": z.number().optional(),
  "max-forwards": z.string().optional(),
  "www-authenticate": z.array(authSchema).optional(),
  "proxy-authenticate": z.array(authSchema).optional(),
  authorization: z.array(authSchema).optional(),
  "proxy-authorization": z.array(authSchema).optional(),
});

const requestSchema = z.object({
  method: z.string().regex(/^[A-Z]{2,16}$/),
  uri: z.string().regex(/^sips?:/i),
  version: z.literal("2.0"),
  content: z.string().optional(),
});
const responseSchema = z.object({
  status: z.number().int().min(100).max(699),
  reason: z.string().max(256).default(""),
  version: z.literal("2.0"),
  content: z.string().optional(),
});

const KNOWN = new Set([
  "via",
  "from",
  "to",
  "call-id",
  "cseq",
  "contact",
  "route",
  "record-route",
  "content-type",
  "content-length",
  "max-forwards",
  "www-authenticate",
  "proxy-authenticate",
  "authorization",
  "proxy-authorization",
]);

export type DecodeResult =
  | { ok: true; message: SipMessage; raw: RawMessage }
  /** `raw` is set when the message parsed far enough to be answered with a 400. */
  | { ok: false; reason: string; raw?: RawMessage };

const HEADER_END = Buffer.from("\r\n\r\n");

/** Parses and validates one SIP message (a datagram or a framed stream message). */
export function decode(data: Buffer): DecodeResult {
  if (data.length > MAX_SIP_MESSAGE_BYTES) return { ok: false, reason: "too large" };
  const end = data.indexOf(HEADER_END);
  if (end < 0) return { ok: false, reason: "no end of headers" };
  let raw: RawMessage | undefined;
  try {
    raw = sipParse(data);
  } catch {
    return { ok: false, reason: "unparseable" };
  }
  if (!raw || typeof raw !== "object" || !raw.headers) return { ok: false, reason: "unparseable" };
  const headers = headersSchema.safeParse(raw.headers);
  if (!headers.success)
    return { ok: false, reason: `bad headers: ${firstIssue(headers.error)}`, raw };
  const h = headers.data;
  const bodyBytes = data.length - end - 4;
  if (h["content-length"] !== undefined) {
    const cl = h["content-length"];
    if (!Number.isInteger(cl) || cl < 0) return { ok: false, reason: "bad Content-Length", raw };
    if (cl > bodyBytes) return { ok: false, reason: "truncated body", raw };
  }
  const typed = toHeaders(h, raw.headers);
  if (raw.method !== undefined) {
    const rq = requestSchema.safeParse(raw);
    if (!rq.success) return { ok: false, reason: `bad request line: ${firstIssue(rq.error)}`, raw };
    if (rq.data.method !== typed.cseq.method)
      return { ok: false, reason: "CSeq method mismatch", raw };
    const message: SipRequest = {
      kind: "request",
      method: rq.data.method,
      uri: rq.data.uri,
      headers: typed,
      body: rq.data.content ?? "",
    };
    return { ok: true, message, raw };
  }
  const rs = responseSchema.safeParse(raw);
  if (!rs.success) return { ok: false, reason: `bad status line: ${firstIssue(rs.error)}` };
  const message: SipResponse = {
    kind: "response",
    status: rs.data.status,
    reason: rs.data.reason,
    headers: typed,
    body: rs.data.content ?? "",
  };
  return { ok: true, message, raw };
}

function firstIssue(e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${i.path.join(".")}: ${i.message}` : "invalid";
}

function toHeaders(h: z.infer<typeof headersSchema>, all: Record<string, unknown>): SipHeaders {
  const other: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) {
    if (KNOWN.has(name)) continue;
    if (typeof value === "string") other[name] = value;
    // sip.js parses Refer-To as an address: keep it as the text it was.
    else if (name === "refer-to" && isAddress(value)) other[name] = `<${value.uri}>`;
  }
  const mf = h["max-forwards"] === undefined ? undefined : Number.parseInt(h["max-forwards"], 10);
  return {
    via: h.via.map((v) => ({ ...v, params: { ...v.params } })),
    from: nameAddr(h.from),
    to: nameAddr(h.to),
    callId: h["call-id"],
    cseq: { ...h.cseq },
    contact: h.contact === undefined || h.contact === "*" ? [] : h.contact.map(nameAddr),
    route: (h.route ?? []).map((r) => stringifyUri(r.uri)),
    recordRoute: (h["record-route"] ?? []).map((r) => stringifyUri(r.uri)),
    ...(h["content-type"] !== undefined && { contentType: h["content-type"] }),
    ...(mf !== undefined && Number.isFinite(mf) && { maxForwards: mf }),
    wwwAuthenticate: h["www-authenticate"] ?? [],
    proxyAuthenticate: h["proxy-authenticate"] ?? [],
    authorization: h.authorization ?? [],
    proxyAuthorization: h["proxy-authorization"] ?? [],
    other,
  };
}

function isAddress(v: unknown): v is { uri: string } {
  return typeof v === "object" && v !== null && typeof (v as { uri?: unknown }).uri === "string";
}

function nameAddr(n: {
  name?: string | undefined;
  uri: string;
  params: Record<string, string | null>;
}): NameAddr {
  return { ...(n.name !== undefined && { name: n.name }), uri: n.uri, params: { ...n.params } };
}

function rawAddr(n: NameAddr): Record<string, unknown> {
  return { name: n.name, uri: n.uri, params: { ...n.params } };
}

function rawAuth(list: AuthHeader[] | undefined): AuthHeader[] | undefined {
  return list && list.length > 0 ? list.map((a) => ({ ...a })) : undefined;
}

/** Builds sip.js's header object from ours (fresh objects: sip.js mutates them). */
export function rawHeaders(h: SipHeaders): Record<string, unknown> {
  const out: Record<string, unknown> = {
    via: h.via.map((v) => ({ version: "2.0", ...v, params: { ...v.params } })),
    to: rawAddr(h.to),
    from: rawAddr(h.from),
    "call-id": h.callId,
    cseq: { ...h.cseq },
  };
  if (h.contact.length > 0) out.contact = h.contact.map(rawAddr);
  if (h.route.length > 0) out.route = h.route.map((uri) => ({ uri, params: {} }));
  if (h.recordRoute.length > 0)
    out["record-route"] = h.recordRoute.map((uri) => ({ uri, params: {} }));
  if (h.maxForwards !== undefined) out["max-forwards"] = String(h.maxForwards);
  if (h.contentType !== undefined) out["content-type"] = h.contentType;
  const auth = {
    "www-authenticate": rawAuth(h.wwwAuthenticate),
    "proxy-authenticate": rawAuth(h.proxyAuthenticate),
    authorization: rawAuth(h.authorization),
    "proxy-authorization": rawAuth(h.proxyAuthorization),
  };
  for (const [k, v] of Object.entries(auth)) if (v) out[k] = v;
  for (const [k, v] of Object.entries(h.other)) {
    if (KNOWN.has(k)) continue;
    // sip.js writes Refer-To from an address object.
    out[k] = k === "refer-to" ? { uri: v.replace(/^\s*<|>\s*$/g, ""), params: {} } : v;
  }
  return out;
}

export function toRaw(m: SipMessage): RawMessage {
  const base = { version: "2.0", headers: rawHeaders(m.headers), content: m.body };
  return m.kind === "request"
    ? { ...base, method: m.method, uri: m.uri }
    : { ...base, status: m.status, reason: m.reason };
}

/** A new request in sip.js shape, with an empty Via slot for the transaction layer to fill. */
export function rawOutgoing(rq: OutgoingRequest): RawMessage {
  const h = rq.headers;
  const headers: SipHeaders = {
    via: [],
    from: h.from,
    to: h.to,
    callId: h.callId,
    cseq: h.cseq,
    contact: h.contact ?? [],
    route: h.route ?? [],
    recordRoute: [],
    maxForwards: 70,
    ...(h.contentType !== undefined && { contentType: h.contentType }),
    wwwAuthenticate: [],
    proxyAuthenticate: [],
    authorization: h.authorization ?? [],
    proxyAuthorization: h.proxyAuthorization ?? [],
    other: h.other ?? {},
  };
  const raw = toRaw({
    kind: "request",
    method: rq.method,
    uri: rq.uri,
    headers,
    body: rq.body ?? "",
  });
  raw.headers.via = [{ params: {} }];
  return raw;
}
