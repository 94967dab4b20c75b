/** REGISTER (RFC 3261 §10) with digest auth, for registering the gateway at a trunk/registrar. */
import { authorize, type DigestCredentials } from "./digest";
import type { SipEndpoint } from "./SipEndpoint";
import type { OutgoingRequest, SipRemote, SipResponse } from "./types";
import { newCallId, newTag } from "./uri";

export interface RegisterOptions {
  /** Registrar URI, e.g. sip:registrar.example.com */
  registrar: string;
  /** Address of record, e.g. sip:gateway@example.com */
  aor: string;
  credentials?: DigestCredentials;
  expiresSeconds?: number;
  target?: SipRemote;
}

export type RegisterResult =
  | { ok: true; expiresSeconds: number; response: SipResponse }
  | {
      ok: false;
      status: number;
      reason: "auth-failed" | "rejected" | "timeout" | "unavailable";
      response: SipResponse;
    };

/** Registers once (answering one 401/407 challenge). Refresh by calling again before expiry. */
export async function register(endpoint: SipEndpoint, o: RegisterOptions): Promise<RegisterResult> {
  const callId = newCallId(endpoint.host);
  const tag = newTag();
  const expires = o.expiresSeconds ?? 3600;
  const build = (seq: number): OutgoingRequest => ({
    method: "REGISTER",
    uri: o.registrar,
    headers: {
      from: { uri: o.aor, params: { tag } },
      to: { uri: o.aor, params: {} },
      callId,
      cseq: { seq, method: "REGISTER" },
      contact: [{ uri: endpoint.contactUri(), params: { expires: String(expires) } }],
      other: { expires: String(expires) },
    },
  });
  const once = (rq: OutgoingRequest) =>
    new Promise<SipResponse>((resolve, reject) => {
      endpoint
        .send(
          rq,
          (rs) => {
            if (rs.status >= 200) resolve(rs);
          },
          o.target,
        )
        .catch(reject);
    });
  let rq = build(1);
  let rs = await once(rq);
  if ((rs.status === 401 || rs.status === 407) && o.credentials) {
    const signed = authorize(build(2), rs, o.credentials);
    if (signed) {
      rq = signed;
      rs = await once(rq);
    }
  }
  if (rs.status >= 200 && rs.status < 300) {
    const granted = Number(
      rs.headers.contact[0]?.params.expires ?? rs.headers.other.expires ?? expires,
    );
    return { ok: true, expiresSeconds: Number.isFinite(granted) ? granted : expires, response: rs };
  }
  const reason =
    rs.status === 401 || rs.status === 407
      ? "auth-failed"
      : rs.status === 408
        ? "timeout"
        : rs.status >= 500
          ? "unavailable"
          : "rejected";
  return { ok: false, status: rs.status, reason, response: rs };
}
