/**
 * The phone gateway: a SIP endpoint whose inbound calls are answered and run through a call
 * flow (PIN dial-in by default), plus outbound dialing. Routes in-dialog requests to calls,
 * challenges INVITEs from untrusted addresses with digest auth.
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { Call, type CallMediaOptions, type DialOptions } from "./Call";
import { pinDialInFlow } from "./ivr/flows/pinDialIn";
import type { PromptLibrary } from "./ivr/prompts";
import { type FlowResult, runFlow } from "./ivr/runFlow";
import type { Flow, FlowHooks, RoomRef } from "./ivr/types";
import { silentLogger } from "./log";
import { DigestChallenger, type DigestChallengerOptions } from "./sip/digest";
import type { IncomingRequest, SipEndpoint } from "./sip/SipEndpoint";
import type { SipRemote, SipRequest } from "./sip/types";

export interface GatewayOptions<R extends RoomRef> {
  endpoint: SipEndpoint;
  media: CallMediaOptions;
  prompts: PromptLibrary;
  hooks: FlowHooks<R>;
  flow?: Flow;
  /** Addresses that may call without authentication; unset = everyone. */
  trustedAddresses?: string[];
  /** Digest-challenge INVITEs from untrusted addresses (else they get 403). */
  digest?: DigestChallengerOptions;
  /**
   * Picks the flow for an inbound call (e.g. by the number called: a DID that rings
   * straight into a room). null = the default flow.
   */
  route?: (call: Call) => Promise<{ flow: Flow; room?: R } | null>;
  /** Concurrent calls before answering 503 (default 2000). */
  maxCalls?: number;
  /** Ring for this long before answering (default 0). */
  answerDelayMs?: number;
  logger?: Logger;
}

interface GatewayEvents<R extends RoomRef> {
  call: [Call];
  flowDone: [Call, FlowResult<R>];
}

export class Gateway<R extends RoomRef = RoomRef> extends EventEmitter<GatewayEvents<R>> {
  private readonly calls = new Map<string, Call>();
  private readonly challenger: DigestChallenger | undefined;
  private readonly log: Logger;

  constructor(private readonly opts: GatewayOptions<R>) {
    super();
    this.log = opts.logger ?? silentLogger();
    this.challenger = opts.digest ? new DigestChallenger(opts.digest) : undefined;
    opts.endpoint.on("request", (incoming) => {
      this.onRequest(incoming).catch((err: unknown) => {
        this.log.error({ err }, "request handling failed");
        if (incoming.request.method !== "ACK") incoming.respond(500);
      });
    });
    opts.endpoint.on("ack", (ack) => this.onAck(ack));
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  /** Places an outbound call from this gateway's endpoint. */
  async dial(o: Omit<DialOptions, "endpoint" | "media" | "logger">): Promise<Call> {
    const call = await Call.dial({
      ...o,
      endpoint: this.opts.endpoint,
      media: this.opts.media,
      logger: this.log,
    });
    this.track(call);
    return call;
  }

  /** Hangs up every call. */
  async hangupAll(): Promise<void> {
    await Promise.all([...this.calls.values()].map((c) => c.hangup()));
  }

  private track(call: Call): void {
    this.calls.set(call.callId, call);
    call.once("ended", () => {
      if (this.calls.get(call.callId) === call) this.calls.delete(call.callId);
    });
  }

  private async onRequest(incoming: IncomingRequest): Promise<void> {
    const rq = incoming.request;
    const existing = this.calls.get(rq.headers.callId);
    if (existing) {
      if (rq.method === "CANCEL" || existing.matches(rq)) return existing.handleRequest(incoming);
      if (rq.method === "INVITE" && rq.headers.to.params.tag === undefined)
        return void incoming.respond(482, "Loop Detected");
      return void incoming.respond(481);
    }
    if (rq.method !== "INVITE") {
      if (rq.method === "CANCEL" || rq.headers.to.params.tag !== undefined)
        return void incoming.respond(481);
      return void incoming.respond(405, "Method Not Allowed", {
        other: { allow: "INVITE, ACK, CANCEL, BYE, OPTIONS" },
      });
    }
    if (rq.headers.to.params.tag !== undefined) return void incoming.respond(481);
    if (!(await this.authorized(incoming))) return;
    if (this.calls.size >= (this.opts.maxCalls ?? 2000)) return void incoming.respond(503);
    const call = await Call.accept(incoming, {
      endpoint: this.opts.endpoint,
      media: this.opts.media,
      logger: this.log,
    });
    if (!call) return;
    this.track(call);
    this.emit("call", call);
    void this.answerAndRun(call);
  }

  private async answerAndRun(call: Call): Promise<void> {
    try {
      if (this.opts.answerDelayMs) {
        call.ring();
        await new Promise((r) => setTimeout(r, this.opts.answerDelayMs));
        if (call.state !== "answering") return;
      }
      const routed = this.opts.route ? await this.opts.route(call) : null;
      await call.answer();
      const result = await runFlow(
        call,
        routed?.flow ?? this.opts.flow ?? pinDialInFlow,
        this.opts.prompts,
        this.opts.hooks,
        routed?.room,
      );
      this.emit("flowDone", call, result);
      if (call.state === "active") await call.hangup();
    } catch (err) {
      // answer() rejects when the call ended before it was confirmed (CANCEL, no ACK).
      call.log.debug({ err }, "call flow ended early");
    }
  }

  private onAck(ack: SipRequest): void {
    this.calls.get(ack.headers.callId)?.handleAck(ack);
  }

  private async authorized(incoming: IncomingRequest): Promise<boolean> {
    const trusted = this.opts.trustedAddresses;
    if (!trusted || isTrusted(trusted, incoming.remote)) return true;
    if (!this.challenger) {
      incoming.respond(403, "Forbidden");
      return false;
    }
    const user = await this.challenger.verify(incoming.request);
    if (user) {
      this.log.info({ user, remote: incoming.remote.address }, "caller authenticated");
      return true;
    }
    this.challenger.challenge(incoming);
    return false;
  }
}

const isTrusted = (list: string[], remote: SipRemote) => list.includes(remote.address);
