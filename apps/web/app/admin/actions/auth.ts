"use server";

import {
  attemptLogin,
  destroySession,
  isSecureRequest,
  SESSION_COOKIE,
  sessionCookieOptions,
} from "@switchboard/auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authorizeMutation, clientIp, loginLimiter } from "@/lib/admin/session";
import { getDb } from "@/lib/db";

export interface LoginState {
  error: string | null;
  /** "rate_limited" when the error is the rate limit's. */
  reason: "invalid" | "rate_limited" | "input" | "unavailable" | null;
  /** What was typed in the email field, kept after an error. */
  email: string;
  nonce: number;
}

const LoginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

/** Only dashboard paths are allowed as where to go after signing in. */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === "string" && /^\/admin(?:[/?#]|$)/.test(value) && !value.includes("//")
    ? value
    : "/admin";
}

/** Email + password → session cookie → the dashboard. Errors come back inline. */
export async function loginAction(previous: LoginState, form: FormData): Promise<LoginState> {
  const email = typeof form.get("email") === "string" ? String(form.get("email")) : "";
  const nonce = previous.nonce + 1;
  const parsed = LoginSchema.safeParse({ email, password: form.get("password") });
  if (!parsed.success) {
    return { error: "Enter your email and password.", reason: "input", email, nonce };
  }
  const h = await headers();
  let result: Awaited<ReturnType<typeof attemptLogin>>;
  try {
    result = await attemptLogin(getDb(), loginLimiter(), { ...parsed.data, ip: clientIp(h) });
  } catch (error) {
    console.error("admin sign-in failed", error);
    return {
      error: "Signing in is not possible right now. Try again in a moment.",
      reason: "unavailable",
      email,
      nonce,
    };
  }
  if (!result.ok) return { error: result.message, reason: result.reason, email, nonce };
  (await cookies()).set(
    SESSION_COOKIE,
    result.token,
    sessionCookieOptions(isSecureRequest(h), result.expiresAt),
  );
  redirect(safeNext(form.get("next")));
}

/** Ends the session (CSRF-checked) and returns to the sign-in page. */
export async function signOutAction(form: FormData): Promise<void> {
  const auth = await authorizeMutation(form);
  const jar = await cookies();
  if (auth.ok) {
    try {
      await destroySession(getDb(), jar.get(SESSION_COOKIE)?.value);
    } catch (error) {
      console.error("admin sign-out failed", error);
    }
    jar.delete(SESSION_COOKIE);
  }
  redirect(auth.ok || auth.code === "unauthenticated" ? "/admin/login" : "/admin");
}
