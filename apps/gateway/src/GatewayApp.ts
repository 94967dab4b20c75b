import { mkdir } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Db, findRoomBySlug, flowForCall, pinEntryFlow, roomFlow } from "@switchboard/db";
import {
  DialerService,
  EchoService,
  RecorderService,
  RoomsService,
  ServiceRegistry,
} from "@switchboard/flows";
import {
  type Call,
  CallDialer,
  ConferenceRooms,
  callEcho,
  callRecorder,
  Gateway,
  PinGuard,
  SipEndpoint,
  TrunkLimits,
  userOf,
} from "@switchboard/gateway";
import type { GatewayLiveCall, ParsedDialRequest } from "@switchboard/gateway-api";
import type { PhoneCall } from "@switchboard/protocol";
import { gatewayControlToken } from "@switchboard/tokens";
import type { Logger } from "pino";
import { ControlApi, type DialResult } from "./ControlApi";
import type { GatewayConfig } from "./config";
import { type OutboundDeps, placeOutbound } from "./Outbound";
import { gatewayPrompts } from "./prompts";
import { roomAccess } from "./RoomAccess";
import { maskedCaller, RoomLink } from "./RoomLink";
import { CallRecorder, numberOf } from "./records";
import { TrunkRegistrations } from "./TrunkRegistrations";
import { voicemailStore } from "./voicemail";

export interface LiveCall {
  call: Call;
  from: string;
  to: string;
  room: string | undefined;
  flow: string | undefined;
  startedAt: number;
}

/** A call's end reason in plain words for the room. */
export function describeEnd(reason: string): string {
  const words: Record<string, string> = {
    busy: "the line is busy",
    "no-answer": "nobody answered",
    rejected: "the call was declined",
    "not-found": "the number does not exist",
    unavailable: "the number cannot be reached now",
    "auth-failed": "the trunk refused our credentials",
    cancelled: "the call was cancelled",
    "remote-hangup": "they hung up",
    "local-hangup": "hung up",
    transferred: "the call was transferred",
  };
  return words[reason] ?? "the call failed";
}

export interface RunningGateway {
  sipPort: number;
  healthPort: number;
  gateway: Gateway;
  live: Map<string, LiveCall>;
  registrations: TrunkRegistrations;
  close(): Promise<void>;
}

/**
 * The gateway process: SIP endpoint + call flows from the database (@switchboard/flows run
 * by @switchboard/gateway), rooms reached through the SFU (a listener per room, a phone
 * participant per caller), voicemail and call records in the database, and an HTTP server
 * for health and the control API (dial-out).
 */
export async function startGateway(
  config: GatewayConfig,
  deps: { db: Db; log: Logger },
): Promise<RunningGateway> {
  const { db, log } = deps;
  const endpoint = new SipEndpoint({
    address: config.sipAddress,
    port: config.sipPort,
    ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
    userAgent: "Switchboard",
    logger: log,
  });
  const prompts = await gatewayPrompts(db, log);
  await mkdir(config.recordingsDir, { recursive: true });
  const links = new Map<string, Promise<RoomLink>>();
  const linkFor = (room: string): Promise<RoomLink> => {
    let link = links.get(room);
    if (!link) {
      const opening: Promise<RoomLink> = RoomLink.open(
        {
          sfuUrl: config.sfuUrl,
          secret: config.secret,
          room,
          rtpAddress: config.rtpAddress,
          log,
        },
        () => {
          if (links.get(room) === opening) links.delete(room);
        },
      );
      opening.catch(() => {
        if (links.get(room) === opening) links.delete(room);
      });
      links.set(room, opening);
      link = opening;
    }
    return link;
  };
  const conference = new ConferenceRooms(async (room) => (await linkFor(room)).connection);
  const recorder = new CallRecorder(db, log);
  const live = new Map<string, LiveCall>();
  const pinGuard = new PinGuard();

  const gateway: Gateway = new Gateway({
    endpoint,
    media: {
      address: config.rtpAddress,
      ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
      portRange: { min: config.rtpMinPort, max: config.rtpMaxPort },
      latching: config.rtpLatching,
    },
    prompts,
    logger: log,
    maxCalls: config.maxCalls,
    access: {
      ...(config.trustedAddresses.length > 0 && { trustedAddresses: config.trustedAddresses }),
      ...(config.digestUser &&
        config.digestPassword && {
          digest: {
            realm: "switchboard",
            lookup: (user: string) =>
              user === config.digestUser ? (config.digestPassword ?? null) : null,
          },
        }),
      open: config.trustedAddresses.length === 0 && !config.digestUser,
    },
    route: async (call) => {
      const called = userOf(call.requestUri);
      const routed = (await flowForCall(db, called).catch((err: unknown) => {
        log.error({ err }, "flow lookup failed");
        return null;
      })) ?? { name: "PIN entry", document: pinEntryFlow() };
      const entry = live.get(call.callId);
      if (entry) entry.flow = routed.name;
      call.log.info({ called, flow: routed.name }, "call routed");
      return { flow: routed.document, services: servicesFor(call) };
    },
  });

  const outbound: OutboundDeps = {
    db,
    gateway,
    secret: config.secret,
    localHost: config.publicAddress ?? config.sipAddress,
    limits: new TrunkLimits(),
    sipDialHosts: config.sipDialHosts,
    log,
  };

  /** What a flow on `call` may use. */
  function servicesFor(call: Call): ServiceRegistry {
    return new ServiceRegistry()
      .provide(
        RoomsService,
        roomAccess(call, {
          db,
          linkFor,
          conference,
          recorder,
          pinGuard,
          trustedAddresses: config.trustedAddresses,
          log: call.log,
          onRoom: (c, room) => {
            const entry = live.get(c.callId);
            if (entry) entry.room = room ?? undefined;
          },
        }),
      )
      .provide(EchoService, callEcho(call))
      .provide(
        RecorderService,
        callRecorder(call, { dir: config.recordingsDir, store: voicemailStore(db, call.log) }),
      )
      .provide(
        DialerService,
        new CallDialer(
          call,
          async (req) => {
            const placed = await placeOutbound(outbound, {
              to: req.to,
              origin: "flow",
              trunk: req.trunk,
              from: req.callerId ?? (userOf(call.remoteIdentity?.uri) || undefined),
              noAnswerTimeoutMs: req.timeoutMs + 1000,
            });
            if (!placed.ok) return { refused: placed.message };
            track(placed.call, { from: placed.caller, to: numberOf(req.to), trunk: placed.trunk });
            return placed.call;
          },
          async (target) => {
            const placed = await placeOutbound(outbound, { to: target, origin: "transfer" });
            if (!placed.ok) return { refused: placed.message };
            track(placed.call, { from: placed.caller, to: numberOf(target), trunk: placed.trunk });
            const answered = await new Promise<boolean>((resolve) => {
              placed.call.once("answered", () => resolve(true));
              placed.call.once("ended", () => resolve(false));
            });
            return answered ? placed.call : { refused: placed.call.endReason ?? "failed" };
          },
        ),
      );
  }

  const track = (
    call: Call,
    info: { from: string; to: string; room?: string; trunk?: string | null; flow?: string },
  ) => {
    live.set(call.callId, {
      call,
      from: info.from,
      to: info.to,
      room: info.room,
      flow: info.flow,
      startedAt: Date.now(),
    });
    call.once("ended", () => live.delete(call.callId));
    recorder.track(call, info);
  };
  gateway.on("call", (call) => {
    track(call, { from: numberOf(call.remoteIdentity?.uri), to: numberOf(call.requestUri) });
  });

  /** A room's dial-out: the answered call runs a one-step flow into the room. */
  const dialIntoRoom = async (req: ParsedDialRequest): Promise<DialResult> => {
    if (!(await findRoomBySlug(db, req.room)))
      return { error: "ROOM_NOT_FOUND", message: `no room "${req.room}"` };
    const placed = await placeOutbound(outbound, {
      to: req.to,
      origin: "room",
      trunk: req.trunk,
      from: req.from,
    });
    if (!placed.ok) return { error: placed.code, message: placed.message };
    const call = placed.call;
    track(call, { from: placed.caller, to: numberOf(req.to), room: req.room, trunk: placed.trunk });
    // Listen at once: an auto-answering phone can pick up before the room link is ready.
    const link = linkFor(req.room).catch(() => undefined);
    const shown = maskedCaller(req.to);
    const report = (state: PhoneCall["state"], reason?: string) =>
      link.then((l) =>
        l?.report({ callId: call.callId, to: shown, state, ...(reason ? { reason } : {}) }),
      );
    let answered = false;
    const onAnswered = () => {
      answered = true;
      void report("answered");
      void gateway.runFlow(call, {
        flow: roomFlowNoWelcome(req.room),
        services: servicesFor(call),
      });
    };
    void report("ringing");
    if (call.state === "active") onAnswered();
    else call.once("answered", onAnswered);
    call.once("ended", (reason) => {
      const final = answered
        ? report("ended", describeEnd(reason))
        : report(reason === "busy" ? "busy" : "failed", describeEnd(reason));
      // The room link was opened for this call only if nobody else uses it.
      if (!answered) void final.then(() => link.then((l) => l?.closeIfUnused()));
    });
    return { callId: call.callId };
  };

  const control = new ControlApi({
    token: gatewayControlToken(config.secret),
    log,
    dial: dialIntoRoom,
    liveCalls: () => [...live.values()].map(liveCallView),
    hangup: async (callId) => {
      const entry = live.get(callId);
      if (!entry) return false;
      await entry.call.hangup();
      return true;
    },
  });
  const http: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Public: only whether it is up. Anything more goes through the authenticated API.
    if (req.method === "GET" && req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    control.handle(req, res);
  });
  await endpoint.start();
  const registrations = new TrunkRegistrations({ db, endpoint, secret: config.secret, log });
  await registrations.start();
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.healthPort, config.httpAddress, () => resolve());
  });
  const healthPort = (http.address() as AddressInfo).port;
  log.info({ sip: `${config.sipAddress}:${endpoint.port}`, http: healthPort }, "gateway listening");

  let closing: Promise<void> | undefined;
  return {
    sipPort: endpoint.port,
    healthPort,
    gateway,
    live,
    registrations,
    close() {
      closing ??= (async () => {
        registrations.stop();
        await gateway.hangupAll();
        for (const link of links.values()) (await link.catch(() => undefined))?.close();
        await endpoint.stop();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      })();
      return closing;
    },
  };
}

/** A room's dial-out goes straight in (the person called knows why). */
function roomFlowNoWelcome(slug: string) {
  const flow = roomFlow(slug);
  return { ...flow, steps: flow.steps.filter((s) => s.type === "conference") };
}

function liveCallView(c: LiveCall): GatewayLiveCall {
  const s = c.call.state;
  return {
    callId: c.call.callId,
    direction: c.call.direction,
    from: c.from,
    to: c.to,
    room: c.room ?? null,
    flow: c.flow ?? null,
    state:
      s === "active" ? "active" : s === "ended" ? "ended" : s === "calling" ? "calling" : "ringing",
    startedAt: new Date(c.startedAt).toISOString(),
  };
}
