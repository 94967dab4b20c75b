/**
 * The UAS side of a call's initial INVITE: provisional responses (180, 183 with early
 * media), the 200 OK retransmitted until its ACK (which may carry the answer to our offer,
 * for a late-offer INVITE), final failures and redirects, and CANCEL (200, then 487).
 */
import type { Call } from "../Call";
import type { CallMediaOptions } from "../callOptions";
import { parseAudioSdp } from "../sdp/AudioSdp";
import type { NegotiatedAudio } from "../sdp/negotiate";
import { negotiate } from "../sdp/negotiate";
import { ALLOWED_METHODS, type IncomingRequest } from "../sip/SipEndpoint";
import type { SipRequest } from "../sip/types";
import { newTag } from "../sip/uri";
import { isUnanswered } from "./CallState";
import { Dialog } from "./Dialog";
import type { CallEndReason } from "./reasons";
import { retransmit2xx } from "./timers";

/** What a final failure status means for the call record. */
function reasonForReject(status: number): CallEndReason {
  if (status === 486 || status === 600) return "busy";
  if (status === 404 || status === 484 || status === 604) return "not-found";
  if (status === 480 || status === 503) return "unavailable";
  return "rejected";
}

export class InboundInvite {
  private retransmit: { stop: () => void } | undefined;
  private pending: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private answerPromise: Promise<void> | undefined;
  private byeWhenAcked = false;
  private readonly lateOffer: boolean;
  private finalSent = false;

  constructor(
    private readonly call: Call,
    private readonly invite: IncomingRequest,
    private readonly offer: NegotiatedAudio | null,
  ) {
    const rq = invite.request;
    call.dialog = Dialog.fromInvite(rq, newTag(), invite.remote.transport);
    this.lateOffer = offer === null;
    if (offer) call.applyMedia(offer);
    call.log.info(
      { callId: rq.headers.callId, from: rq.headers.from.uri, lateOffer: this.lateOffer },
      "inbound call",
    );
  }

  /** The INVITE's offer: negotiated, null (no SDP: late offer) or "incompatible" (→ 488). */
  static readOffer(
    invite: IncomingRequest,
    media: CallMediaOptions,
  ): NegotiatedAudio | null | "incompatible" {
    const body = invite.request.body;
    if (body.length === 0) return null;
    const parsed = parseAudioSdp(body);
    return (parsed && negotiate(parsed, media.codecs)) ?? "incompatible";
  }

  private get toTag(): string {
    return this.call.dialog?.localTag ?? "";
  }

  ring(earlyMedia: boolean): void {
    const state = this.call.state;
    if (!isUnanswered(state) || this.finalSent) return;
    if (earlyMedia && this.offer) {
      this.invite.respond(183, "Session Progress", {
        toTag: this.toTag,
        contact: [this.call.contact()],
        contentType: "application/sdp",
        body: this.call.offerAnswer.answer(this.offer),
      });
      this.call.transition("early");
      return;
    }
    this.invite.respond(180, "Ringing", { toTag: this.toTag, contact: [this.call.contact()] });
  }

  answer(): Promise<void> {
    if (this.answerPromise) return this.answerPromise;
    if (!isUnanswered(this.call.state) || this.finalSent)
      return Promise.reject(new Error(`cannot answer in state ${this.call.state}`));
    const sdp = this.offer
      ? this.call.offerAnswer.answer(this.offer)
      : this.call.offerAnswer.offer();
    this.finalSent = true;
    this.call.transition("answering");
    this.answerPromise = new Promise<void>((resolve, reject) => {
      this.pending = { resolve, reject };
    });
    // Callers that never await still must not see an unhandled rejection.
    this.answerPromise.catch(() => {});
    this.retransmit = retransmit2xx(
      this.call.timers,
      () =>
        this.invite.respond(200, "OK", {
          toTag: this.toTag,
          contact: [this.call.contact()],
          contentType: "application/sdp",
          body: sdp,
          other: { allow: ALLOWED_METHODS },
        }),
      () => {
        this.call.log.warn("no ACK for our 200 OK");
        this.retransmit = undefined;
        this.call.end("ack-timeout");
        void this.call.sendBye();
      },
    );
    return this.answerPromise;
  }

  reject(status: number, reason?: string, why?: CallEndReason): void {
    if (!isUnanswered(this.call.state) || this.finalSent) return;
    this.finalSent = true;
    this.invite.respond(status, reason, { toTag: this.toTag });
    this.call.end(why ?? reasonForReject(status));
  }

  redirect(contact: string): void {
    if (!isUnanswered(this.call.state) || this.finalSent) return;
    this.finalSent = true;
    this.invite.respond(302, "Moved Temporarily", {
      toTag: this.toTag,
      contact: [{ uri: contact, params: {} }],
    });
    this.call.end("redirected");
  }

  /** Our 200 is out but not ACKed: BYE as soon as it is (or when the ACK never comes). */
  hangupWhenAcked(): void {
    this.byeWhenAcked = true;
  }

  cancel(incoming: IncomingRequest): void {
    incoming.respond(200, "OK");
    if (!isUnanswered(this.call.state) || this.finalSent) return;
    this.finalSent = true;
    this.invite.respond(487, "Request Terminated", { toTag: this.toTag });
    this.call.log.info("caller cancelled");
    this.call.end("cancelled");
  }

  /** The ACK for our 200 (with the answer when we offered in the 200). */
  ack(ack: SipRequest): void {
    if (!this.retransmit) return;
    this.retransmit.stop();
    this.retransmit = undefined;
    if (this.lateOffer) {
      const n = ack.body.length > 0 ? this.call.offerAnswer.takeAnswer(ack.body) : null;
      if (!n) {
        this.call.log.warn("late-offer ACK without a usable SDP answer");
        this.call.end("incompatible");
        void this.call.sendBye();
        return;
      }
      this.call.applyMedia(n);
    }
    this.call.transition("active");
    this.call.log.info({ codec: this.call.media.audio?.codec.name }, "call answered");
    this.pending?.resolve();
    this.pending = undefined;
    if (this.byeWhenAcked) {
      this.call.end("local-hangup");
      void this.call.sendBye();
    }
  }

  /** The call ended (for whatever reason): an answer still waiting fails. */
  ended(reason: CallEndReason): void {
    this.retransmit?.stop();
    this.retransmit = undefined;
    this.pending?.reject(new Error(`call ended: ${reason}`));
    this.pending = undefined;
  }
}
