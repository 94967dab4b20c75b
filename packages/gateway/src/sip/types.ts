/** Typed SIP messages: what the rest of the gateway sees (never npm `sip`'s objects). */

export type SipTransport = "UDP" | "TCP";

/** Where a message came from or goes to. */
export interface SipRemote {
  transport: SipTransport;
  address: string;
  port: number;
}

export type SipParams = Record<string, string | null>;

/** `"Name" <sip:user@host>;tag=x` */
export interface NameAddr {
  name?: string;
  uri: string;
  params: SipParams;
}

export interface Via {
  protocol: string;
  host: string;
  port?: number;
  params: SipParams;
}

export interface CSeq {
  seq: number;
  method: string;
}

/** A WWW-/Proxy-Authenticate or (Proxy-)Authorization header: `scheme` + its parameters as sent. */
export type AuthHeader = Record<string, string>;

export interface SipHeaders {
  via: Via[];
  from: NameAddr;
  to: NameAddr;
  callId: string;
  cseq: CSeq;
  contact: NameAddr[];
  route: string[];
  recordRoute: string[];
  contentType?: string;
  maxForwards?: number;
  wwwAuthenticate: AuthHeader[];
  proxyAuthenticate: AuthHeader[];
  authorization: AuthHeader[];
  proxyAuthorization: AuthHeader[];
  /** Every other header by lower-case name, raw text. */
  other: Record<string, string>;
}

export interface SipRequest {
  kind: "request";
  method: string;
  uri: string;
  headers: SipHeaders;
  body: string;
}

export interface SipResponse {
  kind: "response";
  status: number;
  reason: string;
  headers: SipHeaders;
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Headers for a new request; the endpoint fills Via, Max-Forwards and Content-Length. */
export interface OutgoingHeaders {
  from: NameAddr;
  to: NameAddr;
  callId: string;
  cseq: CSeq;
  contact?: NameAddr[];
  route?: string[];
  contentType?: string;
  authorization?: AuthHeader[];
  proxyAuthorization?: AuthHeader[];
  other?: Record<string, string>;
}

export interface OutgoingRequest {
  method: string;
  uri: string;
  headers: OutgoingHeaders;
  body?: string;
}

/** Extra parts of a response made with `respond()`. */
export interface ResponseExtras {
  body?: string;
  contentType?: string;
  contact?: NameAddr[];
  /** To-tag to put on the response (dialog-creating responses). */
  toTag?: string;
  wwwAuthenticate?: AuthHeader[];
  proxyAuthenticate?: AuthHeader[];
  other?: Record<string, string>;
}
