import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@switchboard/db";

/** The session cookie's name. */
export const SESSION_COOKIE = "sb_admin";
/** A session lasts 12 hours from sign-in. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface AdminSessionInfo {
  id: string;
  userId: string;
  email: string;
  /** Sent back by every mutating request (hidden form field `csrf`). */
  csrfToken: string;
  expiresAt: Date;
}

/** SHA-256 of the cookie's token: what the database stores. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a session: the token goes in the cookie, only its hash in the database. */
export async function createSession(
  db: Db,
  userId: string,
  now: Date = new Date(),
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  // Housekeeping: this user's expired sessions go.
  await db.adminSession.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  await db.adminSession.create({
    data: { tokenHash: hashSessionToken(token), csrfToken, userId, expiresAt },
  });
  return { token, csrfToken, expiresAt };
}

/** The session behind a cookie token; null when unknown or expired (an expired one is deleted). */
export async function getSession(
  db: Db,
  token: string | undefined | null,
  now: Date = new Date(),
): Promise<AdminSessionInfo | null> {
  if (!token || token.length > 200) return null;
  const row = await db.adminSession.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { user: { select: { email: true } } },
  });
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.adminSession.deleteMany({ where: { id: row.id } });
    return null;
  }
  return {
    id: row.id,
    userId: row.userId,
    email: row.user.email,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

/** Ends the session behind a cookie token (sign out). */
export async function destroySession(db: Db, token: string | undefined | null): Promise<void> {
  if (!token || token.length > 200) return;
  await db.adminSession.deleteMany({ where: { tokenHash: hashSessionToken(token) } });
}

/** Minimal header access, satisfied by `Headers` and Next's `headers()`. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Whether the browser reached us over https (directly, or through a proxy that says so). */
export function isSecureRequest(headers: HeaderReader, url?: string | URL): boolean {
  if (url && new URL(url).protocol === "https:") return true;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (proto) return proto === "https";
  const forwarded = headers.get("forwarded");
  return forwarded ? /(?:^|[;,\s])proto=(?:"?)https\b/i.test(forwarded) : false;
}

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: "lax";
  path: "/";
  secure: boolean;
  expires: Date;
}

/** Attributes of the session cookie (httpOnly, SameSite=Lax, Path=/, Secure over https). */
export function sessionCookieOptions(secure: boolean, expiresAt: Date): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", path: "/", secure, expires: expiresAt };
}
