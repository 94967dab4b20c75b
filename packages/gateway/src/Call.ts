/**
 * One call leg (the gateway is a B2BUA: each phone is one Call; what it talks to, a flow, a
 * room, another call, is attached through its media). The parts:
 * - `call/CallState`: the state machine (every transition explicit);
 * - `call/InboundInvite` (UAS) and `call/OutboundInvite` (UAC): the initial INVITE;
 * - `call/InDialog`: BYE, re-INVITE (hold), INFO (DTMF), REFER (+ NOTIFY sipfrag);
 * - `call/OfferAnswer`: our SDP; `media/CallMedia`: RTP and the media graph.
 * Everything a call creates (RTP sockets, timers, clock subscription) is released in `end()`.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { type CallState, canTransition, IllegalTransitionError } from "./call/CallState";
import type { Dialog } from "./call/Dialog";
import { InboundInvite } from "./call/InboundInvite";
import { InDialog, type ReferRequest } from "./call/InDialog";
import { OfferAnswer } from "./call/OfferAnswer";
import { OutboundInvite } from "./call/OutboundInvite";
import type { CallEndReason } from "./call/reasons";
import { TimerSet } from "./call/timers";
import type { CallMediaOptions, CallOptions, DialOptions } from "./callOptions";
import type { DtmfSource } from "./dtmf/DtmfDetector";
import type { DtmfDigit } from "./dtmf/rfc4733";
import { silentLogger } from "./log";
import { CallMedia, type FrameSource } from "./media/CallMedia";
import { sharedFrameClock } from "./rtp/FrameClock";
import { RtpLeg } from "./rtp/RtpLeg";
import type { NegotiatedAudio } from "./sdp/negotiate";
import type { IncomingRequest, SipEndpoint } from "./sip/SipEndpoint";
import type { NameAddr, SipRemote, SipRequest, SipResponse } from "./sip/types";

export type { CallState } from "./call/CallState";
export type { CallMediaOptions, CallOptions, DialOptions } from "./callOptions";
export type CallDirection = "inbound" | "outbound";

export interface CallEvents {
  state: [CallState];
  /** Outbound: 180/183 from the called party. */
  ringing: [SipResponse];
  answered: [];
  dtmf: [DtmfDigit, DtmfSource];
  hold: [boolean];
  /** The peer asks us to transfer (REFER, already answered 202). */
  refer: [ReferRequest];
  ended: [CallEndReason];
}

export class Call extends EventEmitter<CallEvents> {
  readonly id = randomBytes(6).toString("hex");
  readonly log: Logger;
  endReason: CallEndReason | undefined;
  onHold = false;
  /** Inbound: the INVITE's request URI (which number was called); outbound: the target. */
  requestUri: string | undefined;
  /** Inbound: where the INVITE came from. */
  remote: SipRemote | undefined;
  /** @internal */ readonly timers = new TimerSet();
  /** @internal */ readonly offerAnswer: OfferAnswer;
  /** @internal */ dialog: Dialog | undefined;
  private current: CallState;
  private transferred = false;
  private uas: InboundInvite | undefined;
  private uac: OutboundInvite | undefined;
  private readonly inDialog: InDialog;

  private constructor(
    readonly direction: CallDirection,
    /** @internal */ readonly endpoint: SipEndpoint,
    readonly media: CallMedia,
    /** @internal */ readonly mediaOpts: CallMediaOptions,
    logger: Logger,
    /** @internal */ readonly remoteTransport: SipRemote["transport"],
  ) {
    super();
    this.current = direction === "inbound" ? "offered" : "calling";
    this.log = logger.child({ call: this.id });
    this.offerAnswer = new OfferAnswer(mediaOpts, media.leg.localPort);
    this.inDialog = new InDialog(this);
    media.on("dtmf", (d, src) => this.digit(d, src));
  }

  // ─── creating calls ──────────────────────────────────────────────────────

  /**
   * Takes an initial INVITE: sends 100, opens RTP, negotiates the offer if any. Answers 488
   * (no common codec) or 503 (no RTP port) and returns null. Then `ring`, `answer`,
   * `reject` or `redirect`.
   */
  static async accept(invite: IncomingRequest, opts: CallOptions): Promise<Call | null> {
    const log = opts.logger ?? silentLogger();
    invite.respond(100, "Trying");
    const offer = InboundInvite.readOffer(invite, opts.media);
    if (offer === "incompatible") {
      invite.respond(488, "Not Acceptable Here");
      return null;
    }
    const leg = await Call.openLeg(opts.media, log).catch((err: unknown) => {
      log.warn({ err }, "no RTP port for an inbound call");
      invite.respond(503, "Service Unavailable", { other: { "retry-after": "5" } });
      return null;
    });
    if (!leg) return null;
    const media = new CallMedia(leg, opts.media.clock ?? sharedFrameClock);
    const call = new Call(
      "inbound",
      opts.endpoint,
      media,
      opts.media,
      log,
      invite.remote.transport,
    );
    call.requestUri = invite.request.uri;
    call.remote = invite.remote;
    call.uas = new InboundInvite(call, invite, offer);
    return call;
  }

  /** Places an outbound call (early offer). Listen to `ringing`/`answered`/`ended`. */
  static async dial(opts: DialOptions): Promise<Call> {
    const log = opts.logger ?? silentLogger();
    // Resolve first: a target that does not resolve costs no RTP port.
    const target = await opts.endpoint.resolve(opts.proxy ?? opts.to);
    const leg = await Call.openLeg(opts.media, log);
    const media = new CallMedia(leg, opts.media.clock ?? sharedFrameClock);
    const call = new Call("outbound", opts.endpoint, media, opts.media, log, target.transport);
    call.requestUri = opts.to;
    call.uac = new OutboundInvite(call, opts, target);
    try {
      await call.uac.start();
    } catch (err) {
      call.end("failed");
      throw err;
    }
    return call;
  }

  private static openLeg(o: CallMediaOptions, logger: Logger): Promise<RtpLeg> {
    return RtpLeg.open({
      address: o.address,
      portRange: o.portRange,
      logger,
      ...(o.latching && { latching: o.latching }),
    });
  }

  // ─── state ───────────────────────────────────────────────────────────────

  get state(): CallState {
    return this.current;
  }

  /** @internal Moves the state machine (throws on a transition that is not allowed). */
  transition(to: CallState): void {
    if (to === this.current) return;
    if (!canTransition(this.current, to)) throw new IllegalTransitionError(this.current, to);
    this.current = to;
    this.emit("state", to);
    if (to === "active") this.emit("answered");
  }

  // ─── what the owner of the call does ─────────────────────────────────────

  /** Inbound: 180 Ringing, or 183 with SDP (early media: what plays is heard before answer). */
  ring(earlyMedia = false): void {
    this.uas?.ring(earlyMedia);
  }

  /** Inbound: 200 OK; resolves when the ACK arrives, rejects when the call ends first. */
  answer(): Promise<void> {
    if (!this.uas) return Promise.reject(new Error("only inbound calls are answered"));
    return this.uas.answer();
  }

  /** Inbound, unanswered: a final failure response (486 busy, 603 decline, 404, 480…). */
  reject(status = 486, reason?: string): void {
    this.uas?.reject(status, reason);
  }

  /** Inbound, unanswered: 302 to `contact`. */
  redirect(contact: string): void {
    this.uas?.redirect(contact);
  }

  /** Ends the call from our side: BYE when established, CANCEL or 480 before. */
  async hangup(): Promise<void> {
    switch (this.current) {
      case "ended":
        return;
      case "active":
        this.end("local-hangup");
        await this.sendBye();
        return;
      case "answering":
        this.uas?.hangupWhenAcked();
        return;
      default:
        if (this.uac) await this.uac.cancel("local-hangup");
        else this.uas?.reject(480, "Temporarily Unavailable", "local-hangup");
    }
  }

  /** Plays 8 kHz audio to the caller; resolves when done or interrupted. */
  play(source: FrameSource, signal?: AbortSignal): Promise<"done" | "stopped"> {
    return this.media.play(source, signal);
  }

  // ─── requests from the network (the gateway routes by Call-ID and tags) ───

  handleRequest(incoming: IncomingRequest): void {
    if (incoming.request.method === "CANCEL") {
      if (this.uas) this.uas.cancel(incoming);
      else incoming.respond(481);
      return;
    }
    this.inDialog.handle(incoming);
  }

  /** An ACK for this call (to a 2xx of ours). */
  handleAck(ack: SipRequest): void {
    if (this.inDialog.takeAck(ack)) return;
    this.uas?.ack(ack);
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

  // ─── for the parts ───────────────────────────────────────────────────────

  /** @internal Applies negotiated media (an offer taken or an answer received). */
  applyMedia(n: NegotiatedAudio): void {
    this.media.apply(n);
    const held = !n.send;
    if (held !== this.onHold && this.current === "active") {
      this.onHold = held;
      this.log.info({ held }, held ? "call on hold" : "call resumed");
      this.emit("hold", held);
    }
  }

  /** @internal */
  digit(d: DtmfDigit, source: DtmfSource): void {
    this.log.debug({ digit: d, source }, "dtmf");
    this.emit("dtmf", d, source);
  }

  /** @internal */
  contact(): NameAddr {
    return { uri: this.endpoint.contactUri(undefined, this.remoteTransport), params: {} };
  }

  /** @internal Sends BYE in the dialog (after `end`); never throws. */
  async sendBye(): Promise<void> {
    const dialog = this.dialog;
    if (!dialog) return;
    try {
      await this.endpoint.send(dialog.request("BYE", []), () => {}, await this.inDialogTarget());
    } catch (err) {
      this.log.warn({ err }, "BYE could not be sent");
    }
  }

  /** @internal In-dialog requests go to the first route or the remote target. */
  async inDialogTarget(): Promise<SipRemote | undefined> {
    const d = this.dialog;
    if (!d) return undefined;
    const uri = d.routeSet[0] ?? d.remoteTarget;
    const r = await this.endpoint.resolve(uri);
    return /;transport=/i.test(uri) ? r : { ...r, transport: d.transportHint };
  }

  /** The call was handed to someone else (REFER): its end is recorded as "transferred". */
  markTransferred(): void {
    this.transferred = true;
  }

  /** @internal Releases everything (idempotent) and emits `ended` once. */
  end(why: CallEndReason): void {
    if (this.current === "ended") return;
    const reason =
      this.transferred && (why === "remote-hangup" || why === "local-hangup") ? "transferred" : why;
    this.transition("ended");
    this.endReason = reason;
    this.timers.clear();
    this.uas?.ended(reason);
    this.media.close();
    this.log.info({ reason }, "call ended");
    this.emit("ended", reason);
  }
}
