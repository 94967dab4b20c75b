import { z } from "zod";

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
    rtpMinPort: port(20000),
    rtpMaxPort: port(20999),
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
    /** Digest credentials callers from other addresses must present ("user:password"). */
    digestUser: z.string().optional(),
    digestPassword: z.string().optional(),
    /** The HTTP port for /health (0 = any free port). */
    healthPort: z.coerce.number().int().min(0).max(65535).default(5070),
    logLevel: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .refine((c) => c.rtpMinPort < c.rtpMaxPort, { message: "GATEWAY_RTP_MIN_PORT < MAX_PORT" });
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;

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
    digestUser: env.GATEWAY_DIGEST_USER || undefined,
    digestPassword: env.GATEWAY_DIGEST_PASSWORD || undefined,
    healthPort: env.GATEWAY_HEALTH_PORT,
    logLevel: env.LOG_LEVEL,
  });
}
