/**
 * A small test gateway built from the library: real sockets, the real flow engine and
 * prompts (built-in files, espeak-ng for typed text), in-memory rooms. Tests give it flows.
 */

import { tmpdir } from "node:os";
import {
  DialerService,
  EchoService,
  type FlowDocumentInput,
  parseFlow,
  RecorderService,
  RoomsService,
  ServiceRegistry,
} from "@switchboard/flows";
import { BuiltinPrompts, synthesize } from "@switchboard/tts";
import type { Call } from "../../src/Call";
import { CallDialer, type StartCall } from "../../src/flow/CallDialer";
import { callEcho, callRecorder, type RecordingStore } from "../../src/flow/callServices";
import { PromptAudio } from "../../src/flow/PromptAudio";
import { Gateway, type GatewayAccess } from "../../src/Gateway";
import { createLogger } from "../../src/log";
import { ConferenceRooms } from "../../src/mixer/ConferenceRooms";
import type { DigestChallengerOptions } from "../../src/sip/digest";
import { SipEndpoint } from "../../src/sip/SipEndpoint";
import { freePort, GATEWAY_RTP_RANGE, GATEWAY_SIP_RANGE } from "./ports";

export const GATEWAY_IP = "127.0.0.1";
export const PEER_IP = "127.0.0.2";

export interface TestRoom {
  slug: string;
  name: string;
  pin: string;
}

export const ROOMS: TestRoom[] = [
  { slug: "room-a", name: "Board", pin: "1123" },
  { slug: "room-b", name: "Standup", pin: "4567" },
];

/** PIN dial-in, as the seeded flow does it. */
export const PIN_FLOW: FlowDocumentInput = {
  steps: [
    { type: "answer" },
    { type: "play", file: "welcome" },
    { type: "conference", invalid: [{ type: "play", file: "goodbye" }, { type: "hangup" }] },
  ],
};

export interface Harness {
  gateway: Gateway;
  endpoint: SipEndpoint;
  port: number;
  joined: { call: Call; room: string }[];
  calls: Call[];
  /** Outbound calls the flows placed (dial steps, transfers). */
  dialed: Call[];
  lookups: string[];
  gaveUp: string[];
  recordings: { mailbox: string; path: string; durationMs: number }[];
  /** The steps each call's flow entered (by step id, else type), by Call-ID. */
  entered: Map<string, string[]>;
  rooms: ConferenceRooms;
  close(): Promise<void>;
}

let builtins: BuiltinPrompts | undefined;
const spoken = new Map<string, Int16Array>();

export async function testPrompts(): Promise<PromptAudio> {
  builtins ??= await BuiltinPrompts.load();
  const b = builtins;
  return new PromptAudio({
    files: { get: async (name) => b.get(name) },
    speech: {
      speak: async (text, voice) => {
        const key = `${voice}\n${text}`;
        let pcm = spoken.get(key);
        if (!pcm) {
          pcm = await synthesize(text, voice);
          spoken.set(key, pcm);
        }
        return pcm;
      },
    },
  });
}

export async function startHarness(
  o: {
    flow?: FlowDocumentInput | ((call: Call) => FlowDocumentInput);
    access?: GatewayAccess;
    digest?: DigestChallengerOptions;
    /** Places the dial step's calls (default: dial the target URI as is). */
    startCall?: (h: Harness) => StartCall;
    rtpRange?: { min: number; max: number };
    maxCalls?: number;
  } = {},
): Promise<Harness> {
  const prompts = await testPrompts();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const port = await freePort(GATEWAY_IP, ...GATEWAY_SIP_RANGE);
  const endpoint = new SipEndpoint({
    address: GATEWAY_IP,
    port,
    logger,
    userAgent: "switchboard-test",
  });
  const rooms = new ConferenceRooms();
  const h = {
    endpoint,
    port,
    joined: [],
    calls: [],
    dialed: [],
    lookups: [],
    gaveUp: [],
    recordings: [],
    entered: new Map(),
    rooms,
  } as unknown as Harness;
  const store: RecordingStore = {
    save: async (rec, mailbox) => {
      h.recordings.push({ mailbox, path: rec.path, durationMs: rec.durationMs });
      return `rec-${h.recordings.length}`;
    },
  };
  const dialTarget: StartCall = async (req, caller) =>
    h.gateway
      .dial({
        to: req.to,
        from: { uri: `sip:${req.callerId ?? "gateway"}@${GATEWAY_IP}`, params: {} },
        noAnswerTimeoutMs: req.timeoutMs + 1000,
      })
      .then((c) => {
        void caller;
        h.dialed.push(c);
        return c;
      });
  const startCall = o.startCall?.(h) ?? dialTarget;
  h.gateway = new Gateway({
    endpoint,
    media: { address: GATEWAY_IP, portRange: o.rtpRange ?? GATEWAY_RTP_RANGE },
    prompts,
    logger,
    ...(o.maxCalls !== undefined && { maxCalls: o.maxCalls }),
    access: o.access ?? (o.digest ? { digest: o.digest } : { open: true }),
    route: async (call) => {
      const doc = typeof o.flow === "function" ? o.flow(call) : (o.flow ?? PIN_FLOW);
      const parsed = parseFlow(doc);
      if (!parsed.ok) throw new Error(`bad test flow: ${JSON.stringify(parsed.issues)}`);
      const services = new ServiceRegistry()
        .provide(RoomsService, {
          findByPin: async (pin) => {
            h.lookups.push(pin);
            return ROOMS.find((r) => r.pin === pin) ?? null;
          },
          find: async (slug) => ROOMS.find((r) => r.slug === slug) ?? null,
          join: async (room, signal) => {
            h.joined.push({ call, room: room.slug });
            const exit = await rooms.join(call, room.slug, signal);
            return exit === "hangup" ? "hangup" : "cancelled";
          },
          gaveUp: (reason) => h.gaveUp.push(reason),
        })
        .provide(EchoService, callEcho(call))
        .provide(RecorderService, callRecorder(call, { dir: tmpdir(), store }))
        .provide(
          DialerService,
          new CallDialer(call, startCall, async (target) => {
            const c = await h.gateway.dial({
              to: target,
              from: { uri: `sip:gateway@${GATEWAY_IP}`, params: {} },
            });
            h.dialed.push(c);
            const answered = await new Promise<boolean>((resolve) => {
              c.once("answered", () => resolve(true));
              c.once("ended", () => resolve(false));
            });
            return answered ? c : { refused: c.endReason ?? "failed" };
          }),
        );
      const entered: string[] = [];
      h.entered.set(call.callId, entered);
      return {
        flow: parsed.flow,
        services,
        onTrace: (e) => {
          if (e.kind === "enter") entered.push(e.stepId ?? e.type);
        },
      };
    },
  });
  h.gateway.on("call", (c) => h.calls.push(c));
  await endpoint.start();
  h.close = async () => {
    await h.gateway.hangupAll();
    await endpoint.stop();
  };
  return h;
}

export const until = async (cond: () => boolean, what: string, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
