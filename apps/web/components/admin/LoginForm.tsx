"use client";

import { useActionState, useId } from "react";
import { type LoginState, loginAction } from "@/app/admin/actions/auth";
import { Button } from "@/components/Button";
import { Spinner } from "@/components/Icons";
import { inputClass, labelClass } from "./ui";

const INITIAL: LoginState = { error: null, reason: null, email: "", nonce: 0 };

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(loginAction, INITIAL);
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = state.reason === "invalid" || state.reason === "input";
  return (
    <form key={state.nonce} action={action} className="flex flex-col gap-4">
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-email`} className={labelClass}>
          Email
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          data-testid="admin-email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={state.error ? errorId : undefined}
          className={inputClass(invalid, "py-2.5 text-base")}
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-password`} className={labelClass}>
          Password
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          data-testid="admin-password"
          autoComplete="current-password"
          required
          aria-invalid={invalid ? true : undefined}
          aria-describedby={state.error ? errorId : undefined}
          className={inputClass(invalid, "py-2.5 text-base")}
        />
      </div>
      {state.error ? (
        <p
          id={errorId}
          role="alert"
          data-testid="admin-error"
          data-reason={state.reason ?? undefined}
          className={`rounded-lg border px-3 py-2 text-sm ${
            state.reason === "rate_limited"
              ? "border-amber-500/40 bg-amber-500/10 text-amber-100"
              : "border-red-500/40 bg-red-500/10 text-red-200"
          }`}
        >
          {state.error}
        </p>
      ) : null}
      <Button
        type="submit"
        variant="primary"
        data-testid="admin-login-submit"
        disabled={pending}
        className="py-2.5"
      >
        {pending ? <Spinner /> : null}
        Sign in
      </Button>
    </form>
  );
}
