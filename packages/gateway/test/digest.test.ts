/** DigestChallenger against answers made by our own client side: replays are refused. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { authorize, DigestChallenger } from "../src/sip/digest";
import type { IncomingRequest } from "../src/sip/SipEndpoint";
import type { OutgoingRequest, ResponseExtras, SipHeaders, SipRequest } from "../src/sip/types";

const headers = (extra: Partial<SipHeaders> = {}): SipHeaders => ({
  via: [{ protocol: "SIP/2.0/UDP", host: "127.0.0.2", port: 5070, params: { branch: "z9hG4bKx" } }],
  from: { uri: "sip:alice@127.0.0.2", params: { tag: "a1" } },
  to: { uri: "sip:dialin@127.0.0.1", params: {} },
  callId: "replay-test",
  cseq: { seq: 1, method: "INVITE" },
  contact: [],
  route: [],
  recordRoute: [],
  wwwAuthenticate: [],
  proxyAuthenticate: [],
  authorization: [],
  proxyAuthorization: [],
  other: {},
  ...extra,
});

function challengeOnce(challenger: DigestChallenger) {
  const invite: SipRequest = {
    kind: "request",
    method: "INVITE",
    uri: "sip:dialin@127.0.0.1",
    headers: headers(),
    body: "",
  };
  let sent: ResponseExtras | undefined;
  const incoming: IncomingRequest = {
    request: invite,
    remote: { transport: "UDP", address: "127.0.0.2", port: 5070 },
    respond: (status, reason, extras) => {
      sent = extras;
      return { kind: "response", status, reason: reason ?? "", headers: headers(), body: "" };
    },
  };
  challenger.challenge(incoming);
  assert.ok(sent?.wwwAuthenticate?.length, "a 401 with a challenge");
  return sent.wwwAuthenticate;
}

describe("digest challenges", () => {
  const challenger = new DigestChallenger({
    realm: "switchboard.test",
    lookup: (u) => (u === "alice" ? "wonderland-42" : null),
  });
  const outgoing: OutgoingRequest = {
    method: "INVITE",
    uri: "sip:dialin@127.0.0.1",
    headers: {
      from: { uri: "sip:alice@127.0.0.2", params: { tag: "a1" } },
      to: { uri: "sip:dialin@127.0.0.1", params: {} },
      callId: "replay-test",
      cseq: { seq: 2, method: "INVITE" },
    },
  };
  const answered = (creds: { user: string; password: string }) => {
    const challenge = challengeOnce(challenger);
    const signed = authorize(
      outgoing,
      {
        kind: "response",
        status: 401,
        reason: "Unauthorized",
        headers: headers({ wwwAuthenticate: challenge }),
        body: "",
      },
      creds,
    );
    assert.ok(signed?.headers.authorization);
    const rq: SipRequest = {
      kind: "request",
      method: "INVITE",
      uri: outgoing.uri,
      headers: headers({
        authorization: signed.headers.authorization,
        cseq: { seq: 2, method: "INVITE" },
      }),
      body: "",
    };
    return rq;
  };

  test("the right answer is accepted once; the same answer replayed is refused", async () => {
    const rq = answered({ user: "alice", password: "wonderland-42" });
    assert.equal(await challenger.verify(rq), "alice");
    assert.equal(await challenger.verify(rq), null, "a captured answer cannot be replayed");
  });

  test("a wrong password or an unknown user is refused", async () => {
    assert.equal(await challenger.verify(answered({ user: "alice", password: "nope" })), null);
    assert.equal(await challenger.verify(answered({ user: "mallory", password: "x" })), null);
  });
});
