import { createHmac } from "node:crypto";

/** What a derived key is for; each purpose gets an independent key from one secret. */
export type KeyPurpose =
  | "join-token"
  | "sfu-admin"
  | "gateway"
  | "gateway-control"
  /** Encrypts SIP trunk passwords at rest (AES-256-GCM). */
  | "trunk-credentials";

/**
 * The deployment's root secret (`SWITCHBOARD_SECRET`, at least 32 characters). The web
 * app and the SFU must share it: tokens signed by one are verified by the other.
 */
export function rootSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.SWITCHBOARD_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error("SWITCHBOARD_SECRET must be set to at least 32 random characters");
  }
  return secret;
}

/** A 32-byte key for one purpose, derived from the root secret (HMAC-SHA256). */
export function deriveKey(secret: string, purpose: KeyPurpose): Uint8Array {
  return new Uint8Array(createHmac("sha256", secret).update(`switchboard:${purpose}`).digest());
}

/** The bearer credential the web app presents to the SFU's control API. */
export function sfuAdminToken(secret: string): string {
  return Buffer.from(deriveKey(secret, "sfu-admin")).toString("base64url");
}

/** What the phone gateway presents to the SFU (socket.io `auth.gatewayKey`). */
export function gatewayKey(secret: string): string {
  return Buffer.from(deriveKey(secret, "gateway")).toString("base64url");
}

/** The bearer credential for the gateway's control API (dial-out, live calls). */
export function gatewayControlToken(secret: string): string {
  return Buffer.from(deriveKey(secret, "gateway-control")).toString("base64url");
}
