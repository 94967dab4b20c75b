/**
 * One phone call leg (the gateway is a B2BUA: each phone is one Call, the room is the other
 * side). Inbound: INVITE with or without SDP (late offer: we offer in the 200, the ACK answers),
 * CANCEL before answer, BYE either way, re-INVITE (hold/unhold). Outbound: INVITE through a
 * trunk with digest auth, provisional responses as `ringing`, failures as typed reasons.
 * Everything the call creates (RTP sockets, timers, clock subscription) is released in `end()`.
 */

import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { CallMedia, type FrameSource } from "./call/CallMedia";
import { Dialog } from "./call/Dialog";
import { type CallEndReason, reasonForStatus } from "./call/reasons";
import type { DtmfSource } from "./dtmf/DtmfDetector";
import type { DtmfDigit } from "./dtmf/rfc4733";
import { silentLogger } from "./log";
import { type FrameClock, sharedFrameClock } from "./rtp/FrameClock";
import { type PortRange, RtpLeg } from "./rtp/RtpLeg";
import {
  type AudioSdp,
  buildAudioSdp,
  type MediaDirection,
  parseAudioSdp,
  type SdpCodec,
} from "./sdp/AudioSdp";
import { acceptAnswer, type NegotiatedAudio, negotiate } from "./sdp/negotiate";
import { authorize, type DigestCredentials } from "./sip/digest";
import type { IncomingRequest, SentRequest, SipEndpoint } from "./sip/SipEndpoint";
import type { NameAddr, OutgoingRequest, SipRemote, SipRequest, SipResponse } from "./sip/types";
import { newCallId, newTag } from "./sip/uri";

export type CallState = "calling" | "ringing" | "answering" | "active" | "ended";
export type CallDirection = "inbound" | "outbound";

export interface CallMediaOptions {
  /** Address RTP binds to. */
  address: string;
  /** Address written in SDP (defaults to `address`). */
  publicAddress?: string;
  portRange: PortRange;
  clock?: FrameClock;
  /** G.711 laws we accept, in our preference order when we offer. */
  codecs?: ("PCMU" | "PCMA")[];
  /** Payload type we offer for telephone-event (default 101). */
  telephoneEventPt?: number;
}

export interface CallOptions {
  endpoint: SipEndpoint;
  media: CallMediaOptions;
  logger?: Logger;
}

export interface DialOptions extends CallOptions {
  /** Request URI, e.g. sip:+4930123@trunk.example.com */
  to: string;
  from: NameAddr;
  /** Outbound proxy/trunk URI (a Route), when the request URI's host is not where to send. */
  proxy?: string;
  credentials?: DigestCredentials;
  /** Give up (CANCEL) when not answered within this time (default 60 s). */
  noAnswerTimeoutMs?: number;
  /** Extra headers on the INVITE. */
  headers?: Record<string, string>;
}

interface CallEvents {
  ringing: [SipResponse];
  answered: [];
  dtmf: [DtmfDigit, DtmfSource];
  hold: [boolean];
  ended: [CallEndReason];
}

const T1 = 500;
const T2 = 4000;
const TIMER_H = 32_000;
const STATIC_CODECS: Record<"PCMU" | "PCMA", SdpCodec> = {
  PCMU: { pt: 0, name: "PCMU", rate: 8000 },
  PCMA: { pt: 8, name: "PCMA", rate: 8000 },
};

export class Call extends EventEmitter<CallEvents> {
  readonly id = randomBytes(6).toString("hex");
  state: CallState;
  endReason: CallEndReason | undefined;
  onHold = false;
  readonly log: Logger;
  private dialog: Dialog | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private invite: IncomingRequest | undefined;
  /** Inbound: the INVITE's request URI (which number was called); outbound: the target. */
  requestUri: string | undefined;
  private sentInvite: SentRequest | undefined;
  private pendingAnswer: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private sdpVersion = 0;
  private readonly sdpSession = String(Math.floor(Math.random() * 1e9));
  private lateOffer = false;
  private ourOfferDirection: MediaDirection = "sendrecv";
  private pendingBye = false;
  private answerRetransmit: { stop: () => void } | undefined;
  private authTried = false;
  private confirmed = false;

  private constructor(
    readonly direction: CallDirection,
    private readonly endpoint: SipEndpoint,
    readonly media: CallMedia,
    private readonly mediaOpts: CallMediaOptions,
    logger: Logger,
    private readonly remoteTransport: SipRemote["transport"],
  ) {
    super();
    this.state = direction === "inbound" ? "answering" : "calling";
    this.log = logger.child({ call: this.id });
    media.on("dtmf", (d, src) => {
      this.log.info({ digit: d, source: src }, "dtmf");
      this.emit("dtmf", d, src);
    });
  }

  // ─── inbound ─────────────────────────────────────────────────────────────

  /**
   * Takes an initial INVITE: sends 100, opens RTP, negotiates the offer if any. Answers 488
   * (and returns null) when no codec matches. Call `answer()` or `reject()` next.
   */
  static async accept(invite: IncomingRequest, opts: CallOptions): Promise<Call | null> {
    invite.respond(100, "Trying");
    const rq = invite.request;
    let negotiated: NegotiatedAudio | null = null;
    if (rq.body.length > 0) {
      const offer = parseAudioSdp(rq.body);
      negotiated = offer && negotiate(offer, opts.media.codecs);
      if (!negotiated) {
        invite.respond(488, "Not Acceptable Here");
        return null;
      }
    }
    let leg: RtpLeg;
    try {
      leg = await RtpLeg.open({
        address: opts.media.address,
        portRange: opts.media.portRange,
        ...(opts.logger && { logger: opts.logger }),
      });
    } catch (err) {
      (opts.logger ?? silentLogger()).error({ err }, "no RTP port for inbound call");
      invite.respond(503, "Service Unavailable");
      return null;
    }
    const media = new CallMedia(leg, opts.media.clock ?? sharedFrameClock);
    const call = new Call(
      "inbound",
      opts.endpoint,
      media,
      opts.media,
      opts.logger ?? silentLogger(),
      invite.remote.transport,
    );
    call.invite = invite;
    call.requestUri = rq.uri;
    call.dialog = Dialog.fromInvite(rq, newTag(), invite.remote.transport);
    call.lateOffer = negotiated === null;
    if (negotiated) media.apply(negotiated);
    call.log.info(
      { callId: rq.headers.callId, from: rq.headers.from.uri, lateOffer: call.lateOffer },
      "inbound call",
    );
    return call;
  }

  /** Sends 180 Ringing. */
  ring(): void {
    if (this.invite && this.state === "answering" && this.dialog)
      this.invite.respond(180, "Ringing", { toTag: this.dialog.localTag });
  }

  /**
   * Answers (200 OK with our SDP: the answer, or an offer for a late-offer INVITE). Resolves
   * when the ACK arrives; rejects when the call ends first (CANCEL, no ACK).
   */
  answer(): Promise<void> {
    const invite = this.invite;
    const dialog = this.dialog;
    if (!invite || !dialog || this.state !== "answering")
      return Promise.reject(new Error(`cannot answer in state ${this.state}`));
    const sdp = this.localSdp(this.media.audio?.direction ?? "sendrecv");
    const send = () =>
      invite.respond(200, "OK", {
        toTag: dialog.localTag,
        contact: [this.contact()],
        contentType: "application/sdp",
        body: sdp,
        other: { allow: "INVITE, ACK, CANCEL, BYE, OPTIONS" },
      });
    this.answerRetransmit = this.retransmit(send, () => {
      this.log.warn("no ACK for our 200 OK");
      this.pendingBye = true;
      void this.sendBye();
      this.end("ack-timeout");
    });
    return new Promise((resolve, reject) => {
      this.pendingAnswer = { resolve, reject };
    });
  }

  /** Refuses an unanswered inbound call. */
  reject(status = 486, reason?: string): void {
    if (this.invite && this.state === "answering") {
      this.invite.respond(status, reason, this.dialog ? { toTag: this.dialog.localTag } : {});
      this.end(status === 486 ? "busy" : "rejected");
    }
  }

  // ─── outbound ────────────────────────────────────────────────────────────

  /** Places an outbound call (early offer). Listen to `ringing`/`answered`/`ended`. */
  static async dial(opts: DialOptions): Promise<Call> {
    const leg = await RtpLeg.open({
      address: opts.media.address,
      portRange: opts.media.portRange,
      ...(opts.logger && { logger: opts.logger }),
    });
    const media = new CallMedia(leg, opts.media.clock ?? sharedFrameClock);
    const target = await opts.endpoint.resolve(opts.proxy ?? opts.to);
    const call = new Call(
      "outbound",
      opts.endpoint,
      media,
      opts.media,
      opts.logger ?? silentLogger(),
      target.transport,
    );
    const dialog = new Dialog(
      newCallId(opts.endpoint.host),
      opts.from,
      { uri: opts.to, params: {} },
      newTag(),
      opts.to,
      target.transport,
      opts.proxy ? [opts.proxy] : [],
    );
    call.dialog = dialog;
    const offer = call.localSdp("sendrecv");
    const rq: OutgoingRequest = {
      ...dialog.request("INVITE", [call.contact()], { type: "application/sdp", content: offer }),
      uri: opts.to,
    };
    if (opts.headers) rq.headers.other = { ...opts.headers };
    call.log.info({ to: opts.to, callId: dialog.callId }, "dialing");
    const timeout = setTimeout(
      () => void call.giveUp("no-answer"),
      opts.noAnswerTimeoutMs ?? 60_000,
    );
    call.timers.add(timeout);
    await call.sendInvite(rq, target, opts.credentials);
    return call;
  }

  private async sendInvite(
    rq: OutgoingRequest,
    target: SipRemote,
    creds?: DigestCredentials,
  ): Promise<void> {
    this.sentInvite = await this.endpoint.send(
      rq,
      (rs) =>
        this.onInviteResponse(rq, rs, target, creds).catch((err: unknown) =>
          this.log.error({ err }, "handling INVITE response failed"),
        ),
      target,
    );
  }

  private async onInviteResponse(
    rq: OutgoingRequest,
    rs: SipResponse,
    target: SipRemote,
    creds?: DigestCredentials,
  ): Promise<void> {
    const dialog = this.dialog;
    if (!dialog) return;
    if (rs.status < 200) {
      if (rs.status > 100 && this.state === "calling") {
        this.state = "ringing";
        this.emit("ringing", rs);
      }
      return;
    }
    if (rs.status >= 300) {
      if (
        (rs.status === 401 || rs.status === 407) &&
        creds &&
        !this.authTried &&
        this.state !== "ended"
      ) {
        this.authTried = true;
        dialog.localSeq++;
        const retry = authorize(
          { ...rq, headers: { ...rq.headers, cseq: { seq: dialog.localSeq, method: "INVITE" } } },
          rs,
          creds,
        );
        if (retry) {
          this.log.info({ status: rs.status }, "answering digest challenge");
          await this.sendInvite(retry, target, creds);
          return;
        }
      }
      if (this.state !== "ended") {
        this.log.info({ status: rs.status, reason: rs.reason }, "outbound call failed");
        this.end(reasonForStatus(rs.status));
      }
      return;
    }
    // 2xx (first or retransmitted): ACK it.
    if (this.state === "ended") {
      // Answered after we gave up: ACK and BYE (RFC 3261 §15).
      dialog.confirmFrom(rs);
      await this.endpoint.sendStateless(
        dialog.ack(rs.headers.cseq.seq),
        await this.inDialogTarget(),
      );
      await this.endpoint.send(dialog.request("BYE", []), () => {}, await this.inDialogTarget());
      return;
    }
    const first = !this.confirmed;
    this.confirmed = true;
    if (first) dialog.confirmFrom(rs);
    await this.endpoint.sendStateless(dialog.ack(rs.headers.cseq.seq), await this.inDialogTarget());
    if (!first) return;
    const answer = parseAudioSdp(rs.body);
    const n =
      answer &&
      acceptAnswer(
        { codecs: this.offeredCodecs(), telephoneEventPt: this.tePt(), direction: "sendrecv" },
        answer,
      );
    this.clearTimers();
    if (!n) {
      this.log.warn("2xx without a usable SDP answer");
      this.state = "active";
      await this.hangup();
      this.endReason = "incompatible";
      return;
    }
    this.media.apply(n);
    this.state = "active";
    this.log.info({ codec: n.codec.name }, "outbound call answered");
    this.emit("answered");
  }

  /** Cancels an unanswered outbound call (or ends it if already answered). */
  private async giveUp(reason: CallEndReason): Promise<void> {
    if (this.state === "active") return;
    if (this.state === "ended") return;
    this.end(reason);
    try {
      await this.sentInvite?.cancel();
    } catch (err) {
      this.log.debug({ err }, "CANCEL failed");
    }
  }

  // ─── both directions ─────────────────────────────────────────────────────

  /** Ends the call from our side: BYE when established, CANCEL/487 before. */
  async hangup(): Promise<void> {
    if (this.state === "ended") return;
    if (this.state === "active") {
      this.end("local-hangup");
      await this.sendBye();
      return;
    }
    if (this.direction === "outbound") return this.giveUp("local-hangup");
    if (this.answerRetransmit) {
      // 200 sent, ACK not yet here: BYE as soon as it is (or on ACK timeout).
      this.pendingBye = true;
      return;
    }
    this.reject(480, "Temporarily Unavailable");
  }

  /** Plays 8 kHz audio to the caller; resolves when done or interrupted. */
  play(source: FrameSource): Promise<void> {
    return this.media.play(source);
  }

  /** Handles a request for this call (the gateway routes by Call-ID and tags). */
  handleRequest(incoming: IncomingRequest): void {
    const rq = incoming.request;
    const dialog = this.dialog;
    if (!dialog) {
      incoming.respond(481);
      return;
    }
    if (rq.method === "CANCEL") {
      this.onCancel(incoming);
      return;
    }
    if (rq.headers.cseq.seq <= dialog.remoteSeq && rq.method !== "ACK") {
      incoming.respond(500, "Server Internal Error", { other: { "retry-after": "1" } });
      return;
    }
    dialog.remoteSeq = rq.headers.cseq.seq;
    switch (rq.method) {
      case "BYE":
        incoming.respond(200, "OK");
        this.log.info("remote hung up");
        this.end("remote-hangup");
        return;
      case "INVITE":
        this.onReInvite(incoming);
        return;
      case "INFO":
        incoming.respond(200, "OK");
        return;
      default:
        incoming.respond(405, "Method Not Allowed", {
          other: { allow: "INVITE, ACK, CANCEL, BYE, OPTIONS" },
        });
    }
  }

  /** An ACK for this call (to our 2xx). */
  handleAck(ack: SipRequest): void {
    if (!this.answerRetransmit) return;
    this.answerRetransmit.stop();
    this.answerRetransmit = undefined;
    if (ack.body.length > 0 && (this.lateOffer || this.reofferPending)) {
      const answer = parseAudioSdp(ack.body);
      const n =
        answer &&
        acceptAnswer(
          {
            codecs: this.offeredCodecs(),
            telephoneEventPt: this.tePt(),
            direction: this.ourOfferDirection,
          },
          answer,
        );
      if (!n) {
        this.log.warn("ACK without a usable SDP answer");
        this.state = "active";
        void this.hangup().then(() => {
          this.endReason = "incompatible";
        });
        return;
      }
      this.media.apply(n);
      this.lateOffer = false;
      this.reofferPending = false;
      this.updateHold(n);
    }
    if (this.lateOffer) {
      // We offered in the 200 and the ACK brought no answer: no media is possible.
      this.log.warn("late-offer ACK without SDP");
      this.state = "active";
      this.pendingAnswer?.reject(new Error("no SDP answer in ACK"));
      this.pendingAnswer = undefined;
      this.end("incompatible");
      void this.sendBye();
      return;
    }
    if (this.state === "answering") {
      this.state = "active";
      this.log.info({ codec: this.media.audio?.codec.name }, "call answered");
      this.pendingAnswer?.resolve();
      this.pendingAnswer = undefined;
      this.emit("answered");
    }
    if (this.pendingBye) {
      this.end("local-hangup");
      void this.sendBye();
    }
  }

  matches(rq: SipRequest): boolean {
    return this.dialog?.matches(rq) ?? false;
  }

  get callId(): string {
    return this.dialog?.callId ?? "";
  }

  get remoteIdentity(): NameAddr | undefined {
    return this.dialog?.remote;
  }

  private reofferPending = false;

  private onReInvite(incoming: IncomingRequest): void {
    const rq = incoming.request;
    if (this.state !== "active" || this.answerRetransmit) {
      incoming.respond(491, "Request Pending");
      return;
    }
    const contact = rq.headers.contact[0]?.uri;
    if (contact && this.dialog) this.dialog.remoteTarget = contact;
    let sdp: string;
    if (rq.body.length > 0) {
      const offer = parseAudioSdp(rq.body);
      const n = offer && negotiate(offer, this.mediaOpts.codecs);
      if (!n) {
        incoming.respond(488, "Not Acceptable Here");
        return;
      }
      this.media.apply(n);
      this.updateHold(n);
      sdp = this.localSdp(n.direction);
    } else {
      // Offerless re-INVITE: we offer, the ACK answers.
      this.reofferPending = true;
      this.ourOfferDirection = "sendrecv";
      sdp = this.localSdp("sendrecv");
    }
    const send = () =>
      incoming.respond(200, "OK", {
        toTag: this.dialog?.localTag ?? "",
        contact: [this.contact()],
        contentType: "application/sdp",
        body: sdp,
      });
    this.answerRetransmit = this.retransmit(send, () => {
      this.answerRetransmit = undefined;
      void this.hangup();
    });
  }

  private updateHold(n: NegotiatedAudio): void {
    // The remote holds us when it no longer wants our media (sendonly/inactive offer).
    const held = !n.send;
    if (held !== this.onHold) {
      this.onHold = held;
      this.log.info({ held }, held ? "call on hold" : "call resumed");
      this.emit("hold", held);
    }
  }

  private onCancel(incoming: IncomingRequest): void {
    incoming.respond(200, "OK");
    if (this.state !== "answering" || this.answerRetransmit) return;
    this.invite?.respond(
      487,
      "Request Terminated",
      this.dialog ? { toTag: this.dialog.localTag } : {},
    );
    this.log.info("caller cancelled");
    this.end("cancelled");
  }

  private async sendBye(): Promise<void> {
    const dialog = this.dialog;
    if (!dialog) return;
    try {
      await this.endpoint.send(dialog.request("BYE", []), () => {}, await this.inDialogTarget());
    } catch (err) {
      this.log.warn({ err }, "BYE could not be sent");
    }
  }

  /** In-dialog requests go to the first route or the remote target, over the dialog's transport. */
  private async inDialogTarget(): Promise<SipRemote | undefined> {
    const d = this.dialog;
    if (!d) return undefined;
    const uri = d.routeSet[0] ?? d.remoteTarget;
    const r = await this.endpoint.resolve(uri);
    return /;transport=/i.test(uri) ? r : { ...r, transport: d.transportHint };
  }

  /** Retransmits a 2xx (T1 doubling to T2) until stopped; gives up after 64·T1. */
  private retransmit(send: () => void, onTimeout: () => void): { stop: () => void } {
    send();
    let interval = T1;
    let timer: NodeJS.Timeout;
    const again = () => {
      timer = setTimeout(() => {
        this.timers.delete(timer);
        send();
        interval = Math.min(interval * 2, T2);
        again();
      }, interval);
      this.timers.add(timer);
    };
    again();
    const giveUp = setTimeout(() => {
      this.timers.delete(giveUp);
      clearTimeout(timer);
      onTimeout();
    }, TIMER_H);
    this.timers.add(giveUp);
    return {
      stop: () => {
        clearTimeout(timer);
        clearTimeout(giveUp);
        this.timers.delete(timer);
        this.timers.delete(giveUp);
      },
    };
  }

  private offeredCodecs(): SdpCodec[] {
    return (this.mediaOpts.codecs ?? ["PCMU", "PCMA"]).map((c) => STATIC_CODECS[c]);
  }

  private tePt(): number {
    return this.mediaOpts.telephoneEventPt ?? 101;
  }

  /** Our SDP: an answer (negotiated codec only) or an offer (all our codecs). */
  private localSdp(direction: MediaDirection): string {
    const n = this.media.audio;
    const answering = n !== null && !this.lateOffer && !this.reofferPending;
    this.sdpVersion++;
    return buildAudioSdp({
      address: this.mediaOpts.publicAddress ?? this.mediaOpts.address,
      port: this.media.leg.localPort,
      codecs: answering ? [n.codec] : this.offeredCodecs(),
      ...(answering
        ? n.telephoneEventPt !== undefined && { telephoneEventPt: n.telephoneEventPt }
        : { telephoneEventPt: this.tePt() }),
      direction,
      ptime: 20,
      sessionId: this.sdpSession,
      sessionVersion: this.sdpVersion,
    });
  }

  private contact(): NameAddr {
    return { uri: this.endpoint.contactUri(undefined, this.remoteTransport), params: {} };
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Releases everything (idempotent) and emits `ended` once. */
  private end(reason: CallEndReason): void {
    if (this.state === "ended") return;
    this.state = "ended";
    this.endReason = reason;
    this.clearTimers();
    this.answerRetransmit = undefined;
    this.media.close();
    this.pendingAnswer?.reject(new Error(`call ended: ${reason}`));
    this.pendingAnswer = undefined;
    this.log.info({ reason }, "call ended");
    this.emit("ended", reason);
  }
}

export type { AudioSdp };
