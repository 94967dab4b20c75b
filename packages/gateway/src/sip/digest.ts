/// <reference path="./sip-lib.d.ts" />
/**
 * Digest authentication (RFC 2617 / 8760 MD5) on typed messages, using npm `sip/digest`.
 * - `DigestChallenger`: challenge inbound requests (e.g. INVITEs from untrusted addresses).
 * - `authorize()`: answer a 401/407 on an outbound INVITE/REGISTER.
 */
import { randomBytes } from "node:crypto";
import type { RawMessage } from "sip";
import { authenticateRequest, challenge, type DigestSession, signRequest } from "sip/digest";
import { z } from "zod";
import type { IncomingRequest } from "./SipEndpoint";
import type { AuthHeader, OutgoingRequest, SipRequest, SipResponse } from "./types";

export interface DigestCredentials {
  user: string;
  password: string;
}

const authListSchema = z.array(z.record(z.string(), z.string()));

/** sip/digest leaves undefined fields (e.g. opaque) in the headers it builds: drop them. */
function authHeaders(value: unknown): AuthHeader[] {
  const list = Array.isArray(value) ? value : [];
  return authListSchema.parse(
    list.map((a: unknown) =>
      Object.fromEntries(
        Object.entries(a && typeof a === "object" ? a : {}).filter(
          ([, v]) => typeof v === "string",
        ),
      ),
    ),
  );
}

const unquote = (s: string | undefined): string | undefined =>
  s !== undefined && s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;

export interface DigestChallengerOptions {
  realm: string;
  /** The password of a user, or null when unknown. */
  lookup: (user: string) => Promise<string | null> | string | null;
  /** How long a nonce stays valid (default 60 s). */
  nonceTtlMs?: number;
  /** Most outstanding nonces kept (oldest dropped first; default 10 000). */
  maxSessions?: number;
}

/** Server side: sends challenges and verifies the answers (nonce sessions kept in memory). */
export class DigestChallenger {
  private readonly sessions = new Map<
    string,
    { session: DigestSession; expires: number; lastNc: number }
  >();

  constructor(private readonly opts: DigestChallengerOptions) {}

  /** Answers `incoming` with 401 (or 407 when `proxy`) carrying a fresh challenge. */
  challenge(incoming: IncomingRequest, proxy = false): void {
    const status = proxy ? 407 : 401;
    // sip/digest makes its nonce from Math.random() unless given one: give it a strong one.
    const session: DigestSession = {
      realm: this.opts.realm,
      cnonce: randomBytes(16).toString("hex"),
      qop: "auth",
    };
    const raw: RawMessage = { status, headers: {} };
    challenge(session, raw);
    const header = authHeaders(raw.headers[proxy ? "proxy-authenticate" : "www-authenticate"]);
    this.remember(String(session.nonce), session);
    incoming.respond(status, proxy ? "Proxy Authentication Required" : "Unauthorized", {
      ...(proxy ? { proxyAuthenticate: header } : { wwwAuthenticate: header }),
    });
  }

  /** The authenticated user name, or null (no, stale or wrong credentials). */
  async verify(rq: SipRequest): Promise<string | null> {
    this.sweep();
    for (const [list, proxy] of [
      [rq.headers.authorization, false],
      [rq.headers.proxyAuthorization, true],
    ] as const) {
      for (const auth of list) {
        const nonce = unquote(auth.nonce);
        const user = unquote(auth.username);
        if (!nonce || !user || unquote(auth.realm) !== this.opts.realm) continue;
        const entry = this.sessions.get(nonce);
        if (!entry || Boolean(entry.session.proxy) !== proxy) continue;
        const password = await this.opts.lookup(user);
        if (password === null) return null;
        const raw: RawMessage = {
          method: rq.method,
          uri: rq.uri,
          headers: {
            [proxy ? "proxy-authorization" : "authorization"]: list.map((a) => ({ ...a })),
          },
          content: rq.body,
        };
        // A session is bound to one user: never reuse a cached HA1 for someone else.
        if (entry.session.user !== undefined && entry.session.user !== user) return null;
        // Replay protection (RFC 7616): each answer must carry a higher nonce count than the
        // last one accepted for this nonce; an answer without one uses its nonce up.
        const ncText = unquote(auth.nc);
        const nc = ncText === undefined ? undefined : Number.parseInt(ncText, 16);
        if (nc !== undefined && (!Number.isFinite(nc) || nc <= entry.lastNc)) return null;
        entry.session.user = user;
        if (!authenticateRequest(entry.session, raw, { user, password })) return null;
        if (nc === undefined) this.sessions.delete(nonce);
        else entry.lastNc = nc;
        return user;
      }
    }
    return null;
  }

  private remember(nonce: string, session: DigestSession): void {
    const max = this.opts.maxSessions ?? 10_000;
    while (this.sessions.size >= max) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    this.sessions.set(nonce, {
      session,
      expires: Date.now() + (this.opts.nonceTtlMs ?? 60_000),
      lastNc: 0,
    });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [nonce, e] of this.sessions) if (e.expires < now) this.sessions.delete(nonce);
  }
}

/** Client side state for one dialog/registration: reuse across requests for nonce counting. */
export interface DigestClientState {
  session: DigestSession | null;
}

/**
 * Returns `rq` with an Authorization (401) or Proxy-Authorization (407) header answering
 * `challengeResponse`. Returns null when the response carries no usable Digest challenge.
 */
export function authorize(
  rq: OutgoingRequest,
  challengeResponse: SipResponse,
  creds: DigestCredentials,
  state: DigestClientState = { session: null },
): OutgoingRequest | null {
  const proxy = challengeResponse.status === 407;
  const challenges = proxy
    ? challengeResponse.headers.proxyAuthenticate
    : challengeResponse.headers.wwwAuthenticate;
  const digest = challenges.filter((c) => c.scheme?.toLowerCase() === "digest");
  if (digest.length === 0) return null;
  const rawRq: RawMessage = { method: rq.method, uri: rq.uri, headers: {}, content: rq.body ?? "" };
  const rawRs: RawMessage = {
    status: challengeResponse.status,
    headers: { [proxy ? "proxy-authenticate" : "www-authenticate"]: digest.map((c) => ({ ...c })) },
  };
  try {
    const session: DigestSession = {};
    state.session =
      signRequest(session, rawRq, rawRs, { user: creds.user, password: creds.password }) ?? session;
  } catch {
    return null;
  }
  const name = proxy ? "proxy-authorization" : "authorization";
  let header: AuthHeader[];
  try {
    header = authHeaders(rawRq.headers[name]);
  } catch {
    return null;
  }
  if (header.length === 0) return null;
  return {
    ...rq,
    headers: {
      ...rq.headers,
      ...(proxy ? { proxyAuthorization: header } : { authorization: header }),
    },
  };
}
