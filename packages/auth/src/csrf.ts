import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether the CSRF token a request sent matches its session's, compared in constant time
 * (both sides are hashed first, so their lengths never leak either). Missing, empty or
 * non-string values are refused.
 */
export function verifyCsrfToken(expected: string, submitted: unknown): boolean {
  if (typeof submitted !== "string" || submitted.length === 0 || expected.length === 0) {
    return false;
  }
  if (submitted.length > 200) return false;
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(submitted).digest();
  return timingSafeEqual(a, b);
}

/** The name of the hidden form field that carries the token. */
export const CSRF_FIELD = "csrf";
