import type { Db } from "@switchboard/db";
import type {
  Notification,
  RequestData,
  RequestMethod,
  Response,
  ResponseData,
  ServerRequest,
} from "@switchboard/protocol";
import { io, type Socket } from "socket.io-client";
import type { z } from "zod";
import { SfuConfigSchema } from "./config";
import { createLogger, type Logger } from "./logger";
import { type Sfu, startSfu } from "./server";

/** Opus and VP8 parameters as a browser would send them (no simulcast, fixed SSRCs). */
export function audioRtpParameters(ssrc: number) {
  return {
    codecs: [
      {
        mimeType: "audio/opus",
        payloadType: 100,
        clockRate: 48000,
        channels: 2,
        parameters: { useinbandfec: 1 },
      },
    ],
    encodings: [{ ssrc }],
    rtcp: { cname: `cname-${ssrc}` },
  };
}

export function videoRtpParameters(ssrc: number) {
  return {
    codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000 }],
    encodings: [{ ssrc }],
    rtcp: { cname: `cname-${ssrc}` },
  };
}

export const FAKE_DTLS = {
  role: "client" as const,
  fingerprints: [
    {
      algorithm: "sha-256" as const,
      value: Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0")).join(":"),
    },
  ],
};

/**
 * A signaling-only client: speaks the real protocol over socket.io (no browser media),
 * records notifications and acknowledges newConsumer requests.
 */
export class TestClient {
  readonly socket: Socket;
  readonly notifications: Notification[] = [];
  readonly serverRequests: ServerRequest[] = [];

  constructor(url: string) {
    this.socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true });
    this.socket.on("notification", (n: Notification) => this.notifications.push(n));
    this.socket.on("serverRequest", (r: ServerRequest, ack: (a: { ok: boolean }) => void) => {
      this.serverRequests.push(r);
      ack({ ok: true });
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", reject);
    });
  }

  /** Sends anything (for malformed input tests) and returns the raw ack. */
  raw(payload: unknown): Promise<Response> {
    return this.socket.timeout(5000).emitWithAck("request", payload) as Promise<Response>;
  }

  async request<M extends RequestMethod>(
    method: M,
    data: RequestData<M>,
  ): Promise<ResponseData<M>> {
    const res = await this.raw({ method, data });
    if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
    return res.data as ResponseData<M>;
  }

  /** Joins with the router's own capabilities (a Node client can consume anything). */
  async join(room: string, displayName: string) {
    await this.connected();
    const { routerRtpCapabilities } = await this.request("getRouterRtpCapabilities", {});
    return this.request("join", { room, displayName, rtpCapabilities: routerRtpCapabilities });
  }

  async joinWith(room: string, displayName: string, token: string) {
    await this.connected();
    const { routerRtpCapabilities } = await this.request("getRouterRtpCapabilities", {});
    return this.request("join", {
      room,
      displayName,
      rtpCapabilities: routerRtpCapabilities,
      token,
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function waitFor<T>(
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let nextPort = 41000 + Math.floor(Math.random() * 2000) * 2;
/** A fresh RTC port for each SFU a test starts (tests run one file at a time). */
export function freeRtcPort(): number {
  nextPort += 2;
  return nextPort;
}

/**
 * A real SFU for a test: loopback, one worker, a fresh RTC port, silent logs, and a test
 * failure if the worker dies. `overrides` are SFU settings (grace period, secret, …).
 */
export async function startTestSfu(
  db: Db,
  overrides: Partial<z.input<typeof SfuConfigSchema>> = {},
  log: Logger = createLogger("silent"),
): Promise<Sfu> {
  return startSfu(
    SfuConfigSchema.parse({
      port: 0,
      host: "127.0.0.1",
      rtcBasePort: freeRtcPort(),
      workers: 1,
      logLevel: "silent",
      ...overrides,
    }),
    {
      db,
      log,
      onWorkerDied: (error) => {
        throw new Error(`the mediasoup worker died: ${String(error)}`);
      },
    },
  );
}
