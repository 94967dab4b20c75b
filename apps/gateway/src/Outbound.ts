/**
 * Outbound calls, where toll fraud is stopped: a phone number goes through a trunk (the named
 * one, else the first enabled one) only when the trunk's destination policy allows it
 * (country, allowed prefixes, international, premium) and its limits have room (calls at
 * once, per minute); the call is hung up at the trunk's maximum length. A SIP URI is called
 * directly only from a flow (admins wrote it); rooms and transfers may call only the SIP
 * hosts an admin listed. Every outbound call of the gateway (a room's dial-out, a flow's
 * `dial`, a transfer) starts here; every refusal is a typed code and a log line.
 */
import { type Db, trunkForDialing } from "@switchboard/db";
import {
  type Call,
  checkDestination,
  type Gateway,
  sipHostAllowed,
  type TrunkLimits,
} from "@switchboard/gateway";
import type { GatewayErrorCode } from "@switchboard/gateway-api";
import type { Logger } from "pino";

/** Who asks for the call: decides what it may reach. */
export type OutboundOrigin = "room" | "flow" | "transfer";

export interface OutboundRequest {
  to: string;
  origin: OutboundOrigin;
  trunk?: string | undefined;
  /** Caller id to present (the trunk's own when absent). */
  from?: string | undefined;
  noAnswerTimeoutMs?: number;
}

export type OutboundResult =
  | { ok: true; call: Call; trunk: string | null; caller: string }
  | { ok: false; code: GatewayErrorCode; message: string };

export interface OutboundDeps {
  db: Db;
  gateway: Gateway;
  secret: string;
  /** Host written in From when no trunk is used. */
  localHost: string;
  limits: TrunkLimits;
  /** SIP hosts rooms and transfers may call (GATEWAY_SIP_DIAL_HOSTS). */
  sipDialHosts: string[];
  log: Logger;
}

export async function placeOutbound(
  d: OutboundDeps,
  req: OutboundRequest,
): Promise<OutboundResult> {
  const refuse = (code: GatewayErrorCode, message: string): OutboundResult => {
    d.log.warn({ to: req.to, origin: req.origin, code }, `outbound call refused: ${message}`);
    return { ok: false, code, message };
  };
  if (/^sips?:/i.test(req.to)) {
    if (req.origin !== "flow" && !sipHostAllowed(req.to, d.sipDialHosts))
      return refuse(
        "DESTINATION_NOT_ALLOWED",
        "this SIP host is not on the list of hosts rooms may call",
      );
    const call = await d.gateway.dial({
      to: req.to,
      from: { uri: `sip:${req.from ?? "switchboard"}@${d.localHost}`, params: {} },
      ...(req.noAnswerTimeoutMs !== undefined && { noAnswerTimeoutMs: req.noAnswerTimeoutMs }),
    });
    return { ok: true, call, trunk: null, caller: req.from ?? "switchboard" };
  }
  const trunk = await trunkForDialing(d.db, req.trunk, d.secret);
  if (!trunk)
    return req.trunk
      ? refuse("TRUNK_NOT_FOUND", `no enabled trunk "${req.trunk}"`)
      : refuse("NO_TRUNK", "phone numbers need a trunk: add one");
  if (trunk.countryCode === null && trunk.allowedPrefixes.length === 0)
    return refuse(
      "DESTINATION_NOT_ALLOWED",
      `trunk ${trunk.name} has no country code and no allowed prefixes: it may call nothing yet`,
    );
  const verdict = checkDestination(req.to, {
    countryCode: trunk.countryCode ?? "",
    allowedPrefixes: trunk.allowedPrefixes,
    allowInternational: trunk.allowInternational,
    allowPremium: trunk.allowPremium,
  });
  if (!verdict.ok) return refuse("DESTINATION_NOT_ALLOWED", verdict.message);
  const slot = d.limits.acquire(trunk.name, trunk);
  if (!slot.ok) return refuse("RATE_LIMITED", slot.message);
  const caller = req.from ?? trunk.fromNumber ?? "switchboard";
  const tcp = trunk.transport === "tcp" ? ";transport=tcp" : "";
  let call: Call;
  try {
    call = await d.gateway.dial({
      // The policy read the number as E.164; the trunk gets it as dialled (without spacing).
      to: `sip:${req.to.replace(/[\s().-]/g, "")}@${trunk.host}:${trunk.port}${tcp}`,
      from: { uri: `sip:${caller}@${trunk.host}`, params: {} },
      ...(trunk.username && trunk.password
        ? { credentials: { user: trunk.username, password: trunk.password } }
        : {}),
      ...(req.noAnswerTimeoutMs !== undefined && { noAnswerTimeoutMs: req.noAnswerTimeoutMs }),
    });
  } catch (err) {
    slot.release();
    throw err;
  }
  const limit = setTimeout(() => {
    call.log.info(
      { trunk: trunk.name, seconds: trunk.maxDurationSec },
      "call reached the trunk's maximum length",
    );
    void call.hangup();
  }, trunk.maxDurationSec * 1000);
  call.once("ended", () => {
    clearTimeout(limit);
    slot.release();
  });
  return { ok: true, call, trunk: trunk.name, caller };
}
