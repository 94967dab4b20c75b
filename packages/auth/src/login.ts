import type { Db } from "@switchboard/db";
import { type AdminUserRecord, verifyAdminPassword } from "./admins";
import { type LoginRateLimiter, tooManyAttemptsMessage } from "./rateLimit";
import { createSession } from "./sessions";

export type LoginResult =
  | { ok: true; user: AdminUserRecord; token: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "rate_limited"; message: string };

/**
 * A sign-in attempt: refused without looking at the password when the email or the IP has
 * too many recent failures; otherwise the password is verified and a session is started.
 */
export async function attemptLogin(
  db: Db,
  limiter: LoginRateLimiter,
  input: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const decision = limiter.check(input.email, input.ip);
  if (!decision.ok) {
    return {
      ok: false,
      reason: "rate_limited",
      message: tooManyAttemptsMessage(decision.retryAfterMs),
    };
  }
  const user = await verifyAdminPassword(db, input.email, input.password);
  if (!user) {
    limiter.recordFailure(input.email, input.ip);
    return { ok: false, reason: "invalid", message: "Wrong email or password." };
  }
  limiter.recordSuccess(input.email);
  const session = await createSession(db, user.id);
  return { ok: true, user, ...session };
}
