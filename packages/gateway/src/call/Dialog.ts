/** SIP dialog state (RFC 3261 §12) and the in-dialog requests it builds. */
import type { NameAddr, OutgoingRequest, SipRemote, SipRequest, SipResponse } from "../sip/types";

export class Dialog {
  localSeq: number;
  remoteSeq = -1;
  remoteTag: string | undefined;
  remoteTarget: string;
  routeSet: string[];

  constructor(
    readonly callId: string,
    readonly local: NameAddr,
    readonly remote: NameAddr,
    readonly localTag: string,
    remoteTarget: string,
    /** Where in-dialog requests go when the target has no transport of its own. */
    readonly transportHint: SipRemote["transport"],
    routeSet: string[] = [],
    localSeq = Math.floor(Math.random() * 10000) + 1,
  ) {
    this.remoteTarget = remoteTarget;
    this.routeSet = routeSet;
    this.localSeq = localSeq;
  }

  /** UAS side: the dialog an INVITE creates. */
  static fromInvite(rq: SipRequest, localTag: string, transport: SipRemote["transport"]): Dialog {
    const d = new Dialog(
      rq.headers.callId,
      rq.headers.to,
      rq.headers.from,
      localTag,
      rq.headers.contact[0]?.uri ?? rq.headers.from.uri,
      transport,
      [...rq.headers.recordRoute],
    );
    d.remoteTag = rq.headers.from.params.tag ?? undefined;
    d.remoteSeq = rq.headers.cseq.seq;
    return d;
  }

  /** UAC side: fix the dialog from a 2xx (remote tag, target, route set reversed). */
  confirmFrom(rs: SipResponse): void {
    this.remoteTag = rs.headers.to.params.tag ?? undefined;
    const contact = rs.headers.contact[0]?.uri;
    if (contact) this.remoteTarget = contact;
    this.routeSet = [...rs.headers.recordRoute].reverse();
  }

  /** Whether an incoming request belongs to this dialog. */
  matches(rq: SipRequest): boolean {
    return (
      rq.headers.callId === this.callId &&
      rq.headers.to.params.tag === this.localTag &&
      (this.remoteTag === undefined || rq.headers.from.params.tag === this.remoteTag)
    );
  }

  get localAddr(): NameAddr {
    return { ...this.local, params: { ...this.local.params, tag: this.localTag } };
  }

  get remoteAddr(): NameAddr {
    return {
      ...this.remote,
      params: {
        ...this.remote.params,
        ...(this.remoteTag !== undefined && { tag: this.remoteTag }),
      },
    };
  }

  /** A new in-dialog request (BYE, re-INVITE…) with the next CSeq. */
  request(
    method: string,
    contact: NameAddr[],
    body?: { type: string; content: string },
  ): OutgoingRequest {
    this.localSeq++;
    return this.build(method, this.localSeq, contact, body);
  }

  /** The ACK for a 2xx to our INVITE with CSeq `seq`. */
  ack(seq: number, body?: { type: string; content: string }): OutgoingRequest {
    return this.build("ACK", seq, [], body);
  }

  private build(
    method: string,
    seq: number,
    contact: NameAddr[],
    body?: { type: string; content: string },
  ): OutgoingRequest {
    return {
      method,
      uri: this.remoteTarget,
      headers: {
        from: this.localAddr,
        to: this.remoteAddr,
        callId: this.callId,
        cseq: { seq, method },
        ...(contact.length > 0 && { contact }),
        ...(this.routeSet.length > 0 && { route: this.routeSet }),
        ...(body && { contentType: body.type }),
      },
      ...(body && { body: body.content }),
    };
  }
}
