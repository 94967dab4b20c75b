/**
 * Requests inside an established dialog: BYE, re-INVITE (hold and resume; with or without
 * an offer), INFO (DTMF as application/dtmf-relay), REFER (RFC 3515: 202, then NOTIFYs with
 * the referred call's progress as message/sipfrag), OPTIONS. Requests out of CSeq order get
 * 500, unknown methods 405.
 */
import type { Call } from "../Call";
import { ALLOWED_METHODS, type IncomingRequest } from "../sip/SipEndpoint";
import type { SipRequest } from "../sip/types";
import { dtmfFromInfo } from "./info";
import { parseReferTo, type ReferTarget, sipfrag } from "./refer";
import { retransmit2xx } from "./timers";

export interface ReferRequest {
  /** Where to call, and the dialog it replaces (attended transfer). */
  target: ReferTarget;
  referredBy: string | undefined;
  /**
   * Tells the referrer how the referred call goes (NOTIFY with a sipfrag); a final status
   * (≥ 200) ends the implicit subscription.
   */
  notify(status: number, reason: string): Promise<void>;
}

export class InDialog {
  /** A re-INVITE answered 200 and waiting for its ACK. */
  private reinvite: { stop: () => void; weOffered: boolean } | undefined;
  private notifySubscriptionOpen = false;

  constructor(private readonly call: Call) {}

  handle(incoming: IncomingRequest): void {
    const rq = incoming.request;
    const call = this.call;
    const dialog = call.dialog;
    if (!dialog || call.state === "ended") return void incoming.respond(481);
    if (rq.headers.cseq.seq <= dialog.remoteSeq)
      return void incoming.respond(500, "Server Internal Error", { other: { "retry-after": "1" } });
    dialog.remoteSeq = rq.headers.cseq.seq;
    switch (rq.method) {
      case "BYE":
        incoming.respond(200, "OK");
        call.log.info("remote hung up");
        call.end("remote-hangup");
        return;
      case "INVITE":
        this.onReInvite(incoming);
        return;
      case "INFO":
        this.onInfo(incoming);
        return;
      case "REFER":
        this.onRefer(incoming);
        return;
      case "OPTIONS":
      case "NOTIFY":
        incoming.respond(200, "OK");
        return;
      default:
        incoming.respond(405, "Method Not Allowed", { other: { allow: ALLOWED_METHODS } });
    }
  }

  /** An ACK for a re-INVITE's 2xx; false when it is not one. */
  takeAck(ack: SipRequest): boolean {
    const pending = this.reinvite;
    if (!pending || ack.headers.cseq.seq !== this.call.dialog?.remoteSeq) return false;
    pending.stop();
    this.reinvite = undefined;
    if (pending.weOffered) {
      const n = ack.body.length > 0 ? this.call.offerAnswer.takeAnswer(ack.body) : null;
      if (n) this.call.applyMedia(n);
      else this.call.log.warn("re-INVITE ACK without a usable answer; media unchanged");
    }
    return true;
  }

  private onReInvite(incoming: IncomingRequest): void {
    const call = this.call;
    const rq = incoming.request;
    if (call.state !== "active" || this.reinvite)
      return void incoming.respond(491, "Request Pending");
    const contact = rq.headers.contact[0]?.uri;
    if (contact && call.dialog) call.dialog.remoteTarget = contact;
    let sdp: string;
    const weOffered = rq.body.length === 0;
    if (!weOffered) {
      const n = call.offerAnswer.takeOffer(rq.body);
      if (!n) return void incoming.respond(488, "Not Acceptable Here");
      call.applyMedia(n);
      sdp = call.offerAnswer.answer(n);
    } else sdp = call.offerAnswer.offer("sendrecv");
    const stop = retransmit2xx(
      call.timers,
      () =>
        incoming.respond(200, "OK", {
          toTag: call.dialog?.localTag ?? "",
          contact: [call.contact()],
          contentType: "application/sdp",
          body: sdp,
        }),
      () => {
        this.reinvite = undefined;
        call.log.warn("no ACK for our re-INVITE 200; hanging up");
        void call.hangup();
      },
    ).stop;
    this.reinvite = { stop, weOffered };
  }

  private onInfo(incoming: IncomingRequest): void {
    const rq = incoming.request;
    incoming.respond(200, "OK");
    const digit = dtmfFromInfo(rq.headers.contentType, rq.body);
    if (digit) this.call.digit(digit, "info");
  }

  private onRefer(incoming: IncomingRequest): void {
    const call = this.call;
    const rq = incoming.request;
    if (call.state !== "active") return void incoming.respond(491, "Request Pending");
    const target = parseReferTo(rq.headers.other["refer-to"]);
    if (!target)
      return void incoming.respond(400, "Bad Request", {
        other: { warning: '399 gateway "Refer-To is missing or not a SIP URI"' },
      });
    if (call.listenerCount("refer") === 0 || this.notifySubscriptionOpen)
      return void incoming.respond(603, "Decline");
    incoming.respond(202, "Accepted");
    this.notifySubscriptionOpen = true;
    call.log.info({ target: target.uri, replaces: target.replaces?.callId }, "refer");
    const notify = (status: number, reason: string) => this.sendNotify(status, reason);
    void notify(100, "Trying");
    call.emit("refer", {
      target,
      referredBy: rq.headers.other["referred-by"],
      notify,
    });
  }

  private async sendNotify(status: number, reason: string): Promise<void> {
    const call = this.call;
    const dialog = call.dialog;
    if (!dialog || call.state === "ended" || !this.notifySubscriptionOpen) return;
    const final = status >= 200;
    if (final) this.notifySubscriptionOpen = false;
    const rq = dialog.request("NOTIFY", [call.contact()], {
      type: "message/sipfrag;version=2.0",
      content: sipfrag(status, reason),
    });
    rq.headers.other = {
      event: "refer",
      "subscription-state": final ? "terminated;reason=noresource" : "active;expires=60",
    };
    try {
      await call.endpoint.send(rq, () => {}, await call.inDialogTarget());
    } catch (err) {
      call.log.debug({ err }, "NOTIFY could not be sent");
    }
  }
}
