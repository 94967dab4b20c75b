import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";

const isLoopback = (a: string) => /^(127\.|::1$|localhost$)/.test(a);

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** Every setting of the gateway process, read from the environment (see the README). */
export const GatewayConfigSchema = z
  .object({
    /** Address the SIP endpoint binds to (UDP and TCP). */
    sipAddress: z.string().default("127.0.0.1"),
    sipPort: port(5060),
    /** Address written in SIP headers and SDP when behind NAT (defaults to sipAddress). */
    publicAddress: z.string().optional(),
    /** Address RTP sockets bind to, and the port range for phone legs. */
    rtpAddress: z.string().default("127.0.0.1"),
    /** 2 ports per call (RTP + RTCP): the default range holds 6,000 calls. */
    rtpMinPort: port(20000),
    rtpMaxPort: port(31999),
    /** Whose RTP a call accepts: the address in the peer's SDP, or (nat) the first source. */
    rtpLatching: z.enum(["signalled", "nat"]).default("signalled"),
    /** Concurrent calls before new ones get 503. */
    maxCalls: z.coerce.number().int().min(1).max(100_000).default(2000),
    /** Where recordings are written while a caller speaks (then stored in the database). */
    recordingsDir: z.string().min(1).default(path.join(tmpdir(), "switchboard-recordings")),
    /** Where the SFU's signaling is. */
    sfuUrl: z.string().url().default("http://127.0.0.1:4001"),
    /** Shared with the SFU: the gateway's key is derived from it. */
    secret: z.string().min(32, "SWITCHBOARD_SECRET must be at least 32 characters"),
    /** SIP peers that may call without digest authentication (comma separated); empty = all. */
    trustedAddresses: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    /** SIP hosts (host or host:port) that rooms and transfers may call with a sip: URI. */
    sipDialHosts: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    /** Digest credentials callers from other addresses must present ("user:password"). */
    digestUser: z.string().optional(),
    digestPassword: z.string().optional(),
    /** The HTTP port for /health and the control API (0 = any free port). */
    healthPort: z.coerce.number().int().min(0).max(65535).default(5070),
    /** Address the HTTP port binds to (default: the SIP address). */
    httpAddress: z.string().optional(),
    logLevel: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .refine((c) => c.rtpMinPort < c.rtpMaxPort, { message: "GATEWAY_RTP_MIN_PORT < MAX_PORT" })
  .refine(
    (c) =>
      isLoopback(c.sipAddress) ||
      c.trustedAddresses.length > 0 ||
      (c.digestUser && c.digestPassword),
    {
      message:
        "on a non-loopback address the gateway needs GATEWAY_TRUSTED_ADDRESSES (your trunk's addresses) or GATEWAY_DIGEST_USER and GATEWAY_DIGEST_PASSWORD: it will not take calls from anyone",
      path: ["sipAddress"],
    },
  )
  .transform((c) => ({ ...c, httpAddress: c.httpAddress ?? c.sipAddress }));
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return GatewayConfigSchema.parse({
    sipAddress: env.GATEWAY_SIP_ADDRESS,
    sipPort: env.GATEWAY_SIP_PORT,
    publicAddress: env.GATEWAY_PUBLIC_ADDRESS || undefined,
    rtpAddress: env.GATEWAY_RTP_ADDRESS,
    rtpMinPort: env.GATEWAY_RTP_MIN_PORT,
    rtpMaxPort: env.GATEWAY_RTP_MAX_PORT,
    sfuUrl: env.SFU_INTERNAL_URL || (env.SFU_PORT ? `http://127.0.0.1:${env.SFU_PORT}` : undefined),
    secret: env.SWITCHBOARD_SECRET,
    trustedAddresses: env.GATEWAY_TRUSTED_ADDRESSES,
    sipDialHosts: env.GATEWAY_SIP_DIAL_HOSTS,
    digestUser: env.GATEWAY_DIGEST_USER || undefined,
    digestPassword: env.GATEWAY_DIGEST_PASSWORD || undefined,
    healthPort: env.GATEWAY_HEALTH_PORT,
    httpAddress: env.GATEWAY_HTTP_ADDRESS || undefined,
    rtpLatching: env.GATEWAY_RTP_LATCHING || undefined,
    maxCalls: env.GATEWAY_MAX_CALLS || undefined,
    recordingsDir: env.GATEWAY_RECORDINGS_DIR || undefined,
    logLevel: env.LOG_LEVEL,
  });
}
