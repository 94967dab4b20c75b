/**
 * The phone gateway's call control: a SIP endpoint whose inbound calls are checked (who may
 * call, how many at once), routed to a call flow and run by the flow engine, which decides
 * whether to answer, reject, redirect, play, gather, dial… Outbound calls are placed here
 * too. In-dialog requests are routed to their calls.
 */
import { EventEmitter } from "node:events";
import {
  type FlowClock,
  type FlowDocument,
  FlowRun,
  type FlowRunResult,
  type Program,
  type ServiceRegistry,
  type TraceEvent,
} from "@switchboard/flows";
import type { Logger } from "pino";
import { Call, type CallMediaOptions, type DialOptions } from "./Call";
import type { PromptAudio } from "./flow/PromptAudio";
import { SipCallChannel } from "./flow/SipCallChannel";
import { silentLogger } from "./log";
import { DigestChallenger, type DigestChallengerOptions } from "./sip/digest";
import { ALLOWED_METHODS, type IncomingRequest, type SipEndpoint } from "./sip/SipEndpoint";
import type { SipRemote, SipRequest } from "./sip/types";

/** A flow for a call, with the services it may use. */
export interface RoutedCall {
  flow: FlowDocument | Program;
  services: ServiceRegistry;
  vars?: Record<string, string>;
  clock?: FlowClock;
  onTrace?: (e: TraceEvent) => void;
}

export interface GatewayAccess {
  /** Addresses that may call without authentication. */
  trustedAddresses?: string[];
  /** Callers from other addresses must answer this digest challenge. */
  digest?: DigestChallengerOptions;
  /**
   * Neither trusted addresses nor digest: let everyone call. Only sensible on loopback; the
   * gateway process refuses it on any other address.
   */
  open?: boolean;
}

export interface GatewayOptions {
  endpoint: SipEndpoint;
  media: CallMediaOptions;
  prompts: PromptAudio;
  access: GatewayAccess;
  /** The flow for an inbound call; null answers 404. */
  route: (call: Call) => Promise<RoutedCall | null>;
  /** Concurrent calls before answering 503 (default 2000). */
  maxCalls?: number;
  logger?: Logger;
}

interface GatewayEvents {
  call: [Call];
  flowDone: [Call, FlowRunResult];
}

export class Gateway extends EventEmitter<GatewayEvents> {
  private readonly live = new Map<string, Call>();
  private readonly runs = new Map<Call, FlowRun>();
  private readonly challenger: DigestChallenger | undefined;
  private readonly log: Logger;

  constructor(private readonly opts: GatewayOptions) {
    super();
    this.log = opts.logger ?? silentLogger();
    this.challenger = opts.access.digest ? new DigestChallenger(opts.access.digest) : undefined;
    opts.endpoint.on("request", (incoming) => {
      this.onRequest(incoming).catch((err: unknown) => {
        this.log.error({ err }, "request handling failed");
        if (incoming.request.method !== "ACK") incoming.respond(500);
      });
    });
    opts.endpoint.on("ack", (ack) => this.onAck(ack));
  }

  get activeCalls(): number {
    return this.live.size;
  }

  get calls(): IterableIterator<Call> {
    return this.live.values();
  }

  /** The flow running on a call, if any (to move the call elsewhere). */
  flowOf(call: Call): FlowRun | undefined {
    return this.runs.get(call);
  }

  /** Places an outbound call from this gateway's endpoint. */
  async dial(o: Omit<DialOptions, "endpoint" | "media" | "logger">): Promise<Call> {
    if (this.live.size >= (this.opts.maxCalls ?? 2000))
      throw new Error("the gateway is at its call limit");
    const call = await Call.dial({
      ...o,
      endpoint: this.opts.endpoint,
      media: this.opts.media,
      logger: this.log,
    });
    this.track(call);
    return call;
  }

  /** Runs a flow on a call (an inbound call's route, or an answered outbound call). */
  async runFlow(call: Call, routed: RoutedCall): Promise<FlowRunResult> {
    const run = new FlowRun(routed.flow, {
      call: new SipCallChannel(call, this.opts.prompts),
      services: routed.services,
      log: call.log,
      ...(routed.vars && { vars: routed.vars }),
      ...(routed.clock && { clock: routed.clock }),
      ...(routed.onTrace && { onTrace: routed.onTrace }),
    });
    this.runs.set(call, run);
    try {
      const result = await run.run();
      call.log.info({ reason: result.reason, steps: result.steps }, "flow done");
      this.emit("flowDone", call, result);
      return result;
    } finally {
      if (this.runs.get(call) === run) this.runs.delete(call);
    }
  }

  /** Hangs up every call. */
  async hangupAll(): Promise<void> {
    await Promise.all([...this.live.values()].map((c) => c.hangup()));
  }

  private track(call: Call): void {
    this.live.set(call.callId, call);
    call.once("ended", () => {
      if (this.live.get(call.callId) === call) this.live.delete(call.callId);
    });
  }

  private async onRequest(incoming: IncomingRequest): Promise<void> {
    const rq = incoming.request;
    const existing = this.live.get(rq.headers.callId);
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
        other: { allow: ALLOWED_METHODS },
      });
    }
    if (rq.headers.to.params.tag !== undefined) return void incoming.respond(481);
    if (this.live.size >= (this.opts.maxCalls ?? 2000))
      return void incoming.respond(503, "Service Unavailable", { other: { "retry-after": "5" } });
    if (!(await this.authorized(incoming))) return;
    const call = await Call.accept(incoming, {
      endpoint: this.opts.endpoint,
      media: this.opts.media,
      logger: this.log,
    });
    if (!call) return;
    this.track(call);
    this.emit("call", call);
    void this.routeAndRun(call);
  }

  private async routeAndRun(call: Call): Promise<void> {
    try {
      const routed = await this.opts.route(call);
      if (call.state === "ended") return;
      if (!routed) {
        call.reject(404, "Not Found");
        return;
      }
      await this.runFlow(call, routed);
    } catch (err) {
      call.log.error({ err }, "routing the call failed");
      if (call.state === "offered" || call.state === "early") call.reject(500, "Server Error");
      else await call.hangup();
    }
  }

  private onAck(ack: SipRequest): void {
    this.live.get(ack.headers.callId)?.handleAck(ack);
  }

  private async authorized(incoming: IncomingRequest): Promise<boolean> {
    const a = this.opts.access;
    if (a.trustedAddresses && isTrusted(a.trustedAddresses, incoming.remote)) return true;
    if (this.challenger) {
      const user = await this.challenger.verify(incoming.request);
      if (user) {
        this.log.info({ user, remote: incoming.remote.address }, "caller authenticated");
        return true;
      }
      this.challenger.challenge(incoming);
      return false;
    }
    if (a.open && !a.trustedAddresses?.length) return true;
    this.log.info({ remote: incoming.remote.address }, "call from an untrusted address refused");
    incoming.respond(403, "Forbidden");
    return false;
  }
}

const isTrusted = (list: string[], remote: SipRemote) => list.includes(remote.address);
