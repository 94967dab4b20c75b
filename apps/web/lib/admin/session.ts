import {
  type AdminSessionInfo,
  CSRF_FIELD,
  getSession,
  LoginRateLimiter,
  SESSION_COOKIE,
  verifyCsrfToken,
} from "@switchboard/auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";

/** The signed-in admin's session for this request, or null (one lookup per request). */
export const currentSession = cache(async (): Promise<AdminSessionInfo | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return getSession(getDb(), token);
});

/** For dashboard pages: the session, or a redirect to the sign-in page. */
export async function requireAdminPage(): Promise<AdminSessionInfo> {
  const session = await currentSession();
  if (!session) redirect("/admin/login");
  return session;
}

export type MutationAuth =
  | { ok: true; session: AdminSessionInfo }
  | { ok: false; error: string; code: "unauthenticated" | "csrf" };

/**
 * For server actions and mutating route handlers: a valid session whose CSRF token equals
 * the one sent (the form's hidden `csrf` field, or an explicit value).
 */
export async function authorizeMutation(source: FormData | unknown): Promise<MutationAuth> {
  const session = await currentSession();
  if (!session) {
    return {
      ok: false,
      code: "unauthenticated",
      error: "Your session has ended. Sign in again.",
    };
  }
  const submitted = source instanceof FormData ? source.get(CSRF_FIELD) : source;
  if (!verifyCsrfToken(session.csrfToken, submitted)) {
    return {
      ok: false,
      code: "csrf",
      error: "This form is out of date (security token mismatch). Reload the page and try again.",
    };
  }
  return { ok: true, session };
}

const globalForLimiter = globalThis as typeof globalThis & {
  __switchboardLoginLimiter?: LoginRateLimiter;
};

/** One login rate limiter per server process. */
export function loginLimiter(): LoginRateLimiter {
  globalForLimiter.__switchboardLoginLimiter ??= new LoginRateLimiter();
  return globalForLimiter.__switchboardLoginLimiter;
}

/**
 * The client's IP for rate limiting: the last `x-forwarded-for` entry (Next.js sets the
 * header to the socket's address when there is no proxy; behind one proxy the last entry
 * is what that proxy saw).
 */
export function clientIp(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip") || "unknown";
}
