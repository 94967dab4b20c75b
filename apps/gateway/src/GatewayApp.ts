import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Db,
  findRoomByPin,
  findRoomBySlug,
  routeForDid,
  trunkForDialing,
} from "@switchboard/db";
import {
  type Call,
  ConferenceRooms,
  directRoomFlow,
  Gateway,
  PromptLibrary,
  type RoomRef,
  SipEndpoint,
} from "@switchboard/gateway";
import type { PhoneCall } from "@switchboard/protocol";
import { gatewayControlToken } from "@switchboard/tokens";
import type { Logger } from "pino";
import { ControlApi } from "./ControlApi";
import type { GatewayConfig } from "./config";
import { maskedCaller, RoomLink } from "./RoomLink";
import { CallRecorder, numberOf } from "./records";
import { TrunkRegistrations } from "./TrunkRegistrations";

export interface LiveCall {
  call: Call;
  from: string;
  to: string;
  room: string | undefined;
  startedAt: number;
  answered: boolean;
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
  };
  return words[reason] ?? "the call failed";
}

export interface RunningGateway {
  sipPort: number;
  healthPort: number;
  gateway: Gateway<RoomRef>;
  live: Map<string, LiveCall>;
  registrations: TrunkRegistrations;
  close(): Promise<void>;
}

/**
 * The gateway process: SIP endpoint + PIN IVR from @switchboard/gateway, rooms reached
 * through the SFU (a listener per room, a phone participant per caller), call records in
 * the database, and an HTTP server for health and the control API (dial-out).
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
  const prompts = await PromptLibrary.load();
  const links = new Map<string, Promise<RoomLink>>();
  const linkFor = (room: string): Promise<RoomLink> => {
    let link = links.get(room);
    if (!link) {
      link = RoomLink.open(
        {
          sfuUrl: config.sfuUrl,
          secret: config.secret,
          room,
          rtpAddress: config.rtpAddress,
          log,
        },
        () => links.delete(room),
      );
      link.catch(() => links.delete(room));
      links.set(room, link);
    }
    return link;
  };
  const conference = new ConferenceRooms(async (room) => (await linkFor(room)).connection);
  const recorder = new CallRecorder(db, log);
  const live = new Map<string, LiveCall>();

  /** Puts an answered call in a room; resolves when it leaves. */
  const enterRoom = async (call: Call, room: string): Promise<void> => {
    const entry = live.get(call.callId);
    if (entry) entry.room = room;
    recorder.inRoom(call, room);
    try {
      await (await linkFor(room)).addCaller(call);
    } catch (err) {
      log.warn({ err, room }, "could not bring the caller into the room");
      recorder.endReason(call, "room-unavailable");
      await call.hangup();
      return;
    }
    await conference.join(call, room);
  };

  const gateway = new Gateway<RoomRef>({
    endpoint,
    media: {
      address: config.rtpAddress,
      ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
      portRange: { min: config.rtpMinPort, max: config.rtpMaxPort },
    },
    prompts,
    logger: log,
    ...(config.trustedAddresses.length > 0 ? { trustedAddresses: config.trustedAddresses } : {}),
    ...(config.digestUser && config.digestPassword
      ? {
          digest: {
            realm: "switchboard",
            lookup: (user: string) =>
              user === config.digestUser ? (config.digestPassword ?? null) : null,
          },
        }
      : {}),
    // A DID that belongs to a room rings straight into it; any other number asks for a PIN.
    route: async (call) => {
      const route = await routeForDid(db, numberOf(call.requestUri)).catch(() => null);
      if (!route || !("room" in route)) return null;
      return { flow: directRoomFlow, room: { id: route.room.slug, name: route.room.name } };
    },
    hooks: {
      lookupRoom: async (pin) => {
        const room = await findRoomByPin(db, pin);
        return room ? { id: room.slug, name: room.name } : null;
      },
      joinRoom: (call, room) => enterRoom(call, room.id),
    },
  });

  const track = (
    call: Call,
    info: { from: string; to: string; room?: string; trunk?: string | null },
  ) => {
    const entry: LiveCall = {
      call,
      from: info.from,
      to: info.to,
      room: info.room,
      startedAt: Date.now(),
      answered: call.state === "active",
    };
    live.set(call.callId, entry);
    call.once("answered", () => {
      entry.answered = true;
    });
    call.once("ended", () => live.delete(call.callId));
    recorder.track(call, info);
  };
  gateway.on("call", (call) => {
    track(call, { from: numberOf(call.remoteIdentity?.uri), to: numberOf(call.requestUri) });
  });
  gateway.on("flowDone", (call, result) => {
    if (!result.room) recorder.endReason(call, "wrong-pin");
  });

  const control = new ControlApi({
    token: gatewayControlToken(config.secret),
    log,
    live,
    dial: async ({ room, to, from, trunk: trunkName }) => {
      if (!(await findRoomBySlug(db, room))) return { error: "ROOM_NOT_FOUND" as const };
      // A SIP URI is called directly; a phone number goes through a trunk.
      const direct = to.startsWith("sip");
      const trunk = direct ? null : await trunkForDialing(db, trunkName, config.secret);
      if (!direct && !trunk) {
        return trunkName
          ? { error: "TRUNK_NOT_FOUND" as const, message: `no enabled trunk "${trunkName}"` }
          : { error: "NO_TRUNK" as const, message: "phone numbers need a trunk: add one" };
      }
      const caller = from ?? trunk?.fromNumber ?? "switchboard";
      const tcp = trunk?.transport === "tcp" ? ";transport=tcp" : "";
      const target = trunk ? `sip:${to}@${trunk.host}:${trunk.port}${tcp}` : to;
      const call = await gateway.dial({
        to: target,
        from: {
          uri: `sip:${caller}@${trunk?.host ?? config.publicAddress ?? config.sipAddress}`,
          params: {},
        },
        ...(trunk?.username && trunk.password
          ? { credentials: { user: trunk.username, password: trunk.password } }
          : {}),
      });
      track(call, { from: caller, to: numberOf(to), room, trunk: trunk?.name ?? null });
      // Listen at once: an auto-answering phone can pick up before the room link is ready.
      const link = linkFor(room).catch(() => undefined);
      const shown = maskedCaller(to);
      const report = (state: PhoneCall["state"], reason?: string) =>
        link.then((l) =>
          l?.report({ callId: call.callId, to: shown, state, ...(reason ? { reason } : {}) }),
        );
      let answered = false;
      const onAnswered = () => {
        answered = true;
        void report("answered");
        void enterRoom(call, room);
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
    },
  });
  const http: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "GET" && req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: true,
          calls: gateway.activeCalls,
          rooms: links.size,
          trunks: [...registrations.status.values()],
        }),
      );
      return;
    }
    control.handle(req, res);
  });
  await endpoint.start();
  const registrations = new TrunkRegistrations({ db, endpoint, secret: config.secret, log });
  await registrations.start();
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.healthPort, config.sipAddress, () => resolve());
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
