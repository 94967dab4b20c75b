/** A small test gateway built from the library: PIN IVR, in-memory rooms, real sockets. */
import type { Call } from "../../src/Call";
import { Gateway } from "../../src/Gateway";
import { PromptLibrary } from "../../src/ivr/prompts";
import type { RoomRef } from "../../src/ivr/types";
import { createLogger } from "../../src/log";
import { ConferenceRooms } from "../../src/mixer/ConferenceRooms";
import type { DigestChallengerOptions } from "../../src/sip/digest";
import { SipEndpoint } from "../../src/sip/SipEndpoint";
import { freePort, GATEWAY_RTP_RANGE, GATEWAY_SIP_RANGE } from "./ports";

export const GATEWAY_IP = "127.0.0.1";
export const PEER_IP = "127.0.0.2";

export interface Harness {
  gateway: Gateway;
  endpoint: SipEndpoint;
  port: number;
  joined: { call: Call; room: RoomRef }[];
  calls: Call[];
  lookups: string[];
  close(): Promise<void>;
}

export const ROOMS: Record<string, RoomRef> = {
  "1123": { id: "room-a", name: "Board" },
  "4567": { id: "room-b", name: "Standup" },
};

let prompts: PromptLibrary | undefined;

export async function startHarness(
  o: { answerDelayMs?: number; trustedAddresses?: string[]; digest?: DigestChallengerOptions } = {},
): Promise<Harness> {
  prompts ??= await PromptLibrary.load();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const port = await freePort(GATEWAY_IP, ...GATEWAY_SIP_RANGE);
  const endpoint = new SipEndpoint({
    address: GATEWAY_IP,
    port,
    logger,
    userAgent: "switchboard-test",
  });
  const joined: Harness["joined"] = [];
  const lookups: string[] = [];
  const calls: Call[] = [];
  const rooms = new ConferenceRooms();
  const gateway = new Gateway({
    endpoint,
    media: { address: GATEWAY_IP, portRange: GATEWAY_RTP_RANGE },
    prompts,
    logger,
    ...(o.answerDelayMs !== undefined && { answerDelayMs: o.answerDelayMs }),
    ...(o.trustedAddresses && { trustedAddresses: o.trustedAddresses }),
    ...(o.digest && { digest: o.digest }),
    hooks: {
      lookupRoom: async (pin) => {
        lookups.push(pin);
        return ROOMS[pin] ?? null;
      },
      joinRoom: (call, room) => rooms.join(call, room.id),
      onJoined: (call, room) => joined.push({ call, room }),
    },
  });
  gateway.on("call", (c) => calls.push(c));
  await endpoint.start();
  return {
    gateway,
    endpoint,
    port,
    joined,
    calls,
    lookups,
    close: async () => {
      await gateway.hangupAll();
      await endpoint.stop();
    },
  };
}

export const until = async (cond: () => boolean, what: string, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
