/**
 * The UAC side of a call's initial INVITE: sent with our offer, one digest retry on 401/407,
 * provisional responses (180 → ringing, 183 with SDP → early media), the 2xx ACKed (and
 * re-ACKed when retransmitted), failures mapped to reasons, CANCEL on give-up, and a 2xx
 * that arrives after we gave up ACKed and BYEd (RFC 3261 §15).
 */
import type { Call } from "../Call";
import type { DialOptions } from "../callOptions";
import { authorize, type DigestCredentials } from "../sip/digest";
import type { SentRequest } from "../sip/SipEndpoint";
import type { OutgoingRequest, SipRemote, SipResponse } from "../sip/types";
import { newCallId, newTag } from "../sip/uri";
import { Dialog } from "./Dialog";
import { type CallEndReason, reasonForStatus } from "./reasons";

export class OutboundInvite {
  private sent: SentRequest | undefined;
  private authTried = false;
  private confirmed = false;
  private readonly request: OutgoingRequest;

  constructor(
    private readonly call: Call,
    private readonly opts: DialOptions,
    private readonly target: SipRemote,
  ) {
    const dialog = new Dialog(
      newCallId(call.endpoint.host),
      opts.from,
      { uri: opts.to, params: {} },
      newTag(),
      opts.to,
      target.transport,
      opts.proxy ? [opts.proxy] : [],
    );
    call.dialog = dialog;
    this.request = {
      ...dialog.request("INVITE", [call.contact()], {
        type: "application/sdp",
        content: call.offerAnswer.offer("sendrecv"),
      }),
      uri: opts.to,
    };
    if (opts.headers) this.request.headers.other = { ...opts.headers };
  }

  async start(): Promise<void> {
    this.call.log.info({ to: this.opts.to, callId: this.call.callId }, "dialing");
    this.call.timers.after(this.opts.noAnswerTimeoutMs ?? 60_000, () => {
      void this.cancel("no-answer");
    });
    await this.send(this.request, this.opts.credentials);
  }

  private async send(rq: OutgoingRequest, creds?: DigestCredentials): Promise<void> {
    this.sent = await this.call.endpoint.send(
      rq,
      (rs) =>
        this.onResponse(rq, rs, creds).catch((err: unknown) =>
          this.call.log.error({ err }, "handling an INVITE response failed"),
        ),
      this.target,
    );
  }

  private async onResponse(
    rq: OutgoingRequest,
    rs: SipResponse,
    creds?: DigestCredentials,
  ): Promise<void> {
    const call = this.call;
    const dialog = call.dialog;
    if (!dialog) return;
    if (rs.status < 200) return this.provisional(rs);
    if (rs.status >= 300) {
      if ((rs.status === 401 || rs.status === 407) && creds && !this.authTried) {
        if (call.state === "ended") return;
        this.authTried = true;
        dialog.localSeq++;
        const retry = authorize(
          { ...rq, headers: { ...rq.headers, cseq: { seq: dialog.localSeq, method: "INVITE" } } },
          rs,
          creds,
        );
        if (retry) {
          call.log.info({ status: rs.status }, "answering a digest challenge");
          await this.send(retry, creds);
          return;
        }
      }
      if (call.state !== "ended") {
        call.log.info({ status: rs.status, reason: rs.reason }, "outbound call failed");
        call.end(reasonForStatus(rs.status));
      }
      return;
    }
    // 2xx, first or retransmitted: always ACK it.
    if (!this.confirmed) dialog.confirmFrom(rs);
    const first = !this.confirmed;
    this.confirmed = true;
    const target = await call.inDialogTarget();
    await call.endpoint.sendStateless(dialog.ack(rs.headers.cseq.seq), target);
    if (!first) return;
    if (call.state === "ended") {
      // Answered after we gave up.
      await call.endpoint.send(dialog.request("BYE", []), () => {}, target);
      return;
    }
    const n = call.offerAnswer.offerPending
      ? call.offerAnswer.takeAnswer(rs.body)
      : call.media.audio;
    if (!n) {
      call.log.warn("2xx without a usable SDP answer");
      call.end("incompatible");
      await call.sendBye();
      return;
    }
    call.applyMedia(n);
    call.transition("active");
    call.log.info({ codec: n.codec.name }, "outbound call answered");
  }

  private provisional(rs: SipResponse): void {
    const call = this.call;
    if (rs.status === 100 || call.state === "ended") return;
    if (rs.status === 183 && rs.body.length > 0 && call.offerAnswer.offerPending) {
      const n = call.offerAnswer.takeAnswer(rs.body);
      if (n) {
        call.applyMedia(n);
        if (call.state === "calling" || call.state === "ringing") call.transition("early");
      }
    } else if (call.state === "calling") call.transition("ringing");
    call.emit("ringing", rs);
  }

  /** Gives up before answer: CANCEL (if anything came back) and end with `reason`. */
  async cancel(reason: CallEndReason): Promise<void> {
    const call = this.call;
    if (call.state === "active" || call.state === "ended") {
      if (call.state === "active" && reason === "local-hangup") await call.hangup();
      return;
    }
    call.end(reason);
    try {
      await this.sent?.cancel();
    } catch (err) {
      call.log.debug({ err }, "CANCEL failed");
    }
  }
}
