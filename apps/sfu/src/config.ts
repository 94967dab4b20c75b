import os from "node:os";
import { z } from "zod";

const intFrom = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/** Every setting of the SFU process, read from the environment (documented in the README). */
export const SfuConfigSchema = z.object({
  /** socket.io signaling HTTP port. */
  port: intFrom(4001),
  /** Address the signaling server binds to. */
  host: z.string().default("0.0.0.0"),
  /** IP the WebRTC servers listen on (UDP and TCP). */
  listenIp: z.string().default("127.0.0.1"),
  /** Public address put in ICE candidates (for NAT / real deployments). */
  announcedAddress: z.string().optional(),
  /** First RTC port; worker i listens on rtcBasePort + i. */
  rtcBasePort: intFrom(40000),
  /** Number of mediasoup workers; 0 = one per core. */
  workers: intFrom(0),
  /** How long an empty room stays open before its router is closed (ms). */
  emptyRoomGraceMs: intFrom(30_000),
  /** Allowed browser origins for signaling (comma separated), or * for any. */
  corsOrigins: z.string().default("*"),
  databaseUrl: z.string().optional(),
  /** Root secret shared with the web app: verifies join tokens, guards the control API. */
  secret: z.string().min(32, "SWITCHBOARD_SECRET must be at least 32 characters").optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  workerLogLevel: z.enum(["debug", "warn", "error", "none"]).default("warn"),
  /** Webhook retry delays (ms, comma separated); their count + 1 is the attempt limit. */
  webhookBackoffMs: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .transform((v) => v.split(",").map(Number))
    .optional(),
  /** How often the webhook queue is checked for due deliveries (ms). */
  webhookPollMs: intFrom(1000),
  /** The phone gateway's control API (moderators' dial-out). */
  gatewayControlUrl: z.string().url().default("http://127.0.0.1:5070"),
  /** Starting outgoing bitrate estimate for each WebRTC transport (bps). */
  initialOutgoingBitrate: intFrom(1_500_000),
});
export type SfuConfig = z.infer<typeof SfuConfigSchema>;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): SfuConfig {
  return SfuConfigSchema.parse({
    port: env.SFU_PORT,
    host: env.SFU_HOST,
    listenIp: env.SFU_LISTEN_IP,
    announcedAddress: env.SFU_ANNOUNCED_ADDRESS || undefined,
    rtcBasePort: env.SFU_RTC_BASE_PORT,
    workers: env.SFU_WORKERS,
    emptyRoomGraceMs: env.SFU_EMPTY_ROOM_GRACE_MS,
    corsOrigins: env.SFU_CORS_ORIGINS,
    databaseUrl: env.DATABASE_URL,
    secret: env.SWITCHBOARD_SECRET || undefined,
    logLevel: env.LOG_LEVEL,
    workerLogLevel: env.SFU_WORKER_LOG_LEVEL,
    initialOutgoingBitrate: env.SFU_INITIAL_OUTGOING_BITRATE,
    webhookBackoffMs: env.WEBHOOK_BACKOFF_MS || undefined,
    webhookPollMs: env.WEBHOOK_POLL_MS,
    gatewayControlUrl: env.GATEWAY_CONTROL_URL || undefined,
  });
}

export function workerCount(config: SfuConfig): number {
  return config.workers > 0 ? config.workers : os.availableParallelism();
}
