import { type Role, RoleSchema } from "@switchboard/protocol";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { deriveKey } from "./secrets";

export { type Role, RoleSchema };

export interface JoinGrant {
  /** Room slug the token admits to. */
  room: string;
  /** Display name, fixed by the token when set. */
  name?: string | undefined;
  role: Role;
}

const ISSUER = "switchboard";
const AUDIENCE = "switchboard:join";
const ClaimsSchema = z.object({
  room: z.string().min(1).max(64),
  name: z.string().min(1).max(64).optional(),
  role: RoleSchema,
});

/** Signs a room join token (JWT, HS256) valid for `ttlSeconds`. */
export async function signJoinToken(
  grant: JoinGrant,
  secret: string,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + Math.max(1, Math.floor(ttlSeconds));
  const claims = ClaimsSchema.parse(grant);
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(deriveKey(secret, "join-token"));
  return { token, expiresAt: new Date(exp * 1000) };
}

export type TokenProblem = "expired" | "invalid";

export type VerifyResult = { ok: true; grant: JoinGrant } | { ok: false; problem: TokenProblem };

/** Verifies signature, issuer, audience and expiry; never throws. */
export async function verifyJoinToken(token: string, secret: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, deriveKey(secret, "join-token"), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, problem: "invalid" };
    return { ok: true, grant: claims.data };
  } catch (error) {
    return { ok: false, problem: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
