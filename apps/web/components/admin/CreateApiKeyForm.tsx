"use client";

import { useActionState, useId } from "react";
import { type CreateApiKeyState, createApiKeyAction } from "@/app/admin/actions/apiKeys";
import { Button } from "@/components/Button";
import { Spinner } from "@/components/Icons";
import { CopyField } from "./CopyButton";
import { CsrfField, FieldError, inputClass, labelClass } from "./ui";

const INITIAL: CreateApiKeyState = { key: null, name: "", error: null, nonce: 0 };

/** Name → new key, shown once with a copy button. */
export function CreateApiKeyForm({ csrf }: { csrf: string }) {
  const [state, action, pending] = useActionState(createApiKeyAction, INITIAL);
  const id = useId();
  return (
    <div className="flex flex-col gap-4">
      <form key={state.nonce} action={action} noValidate className="flex flex-col gap-1.5">
        <CsrfField token={csrf} />
        <label htmlFor={`${id}-name`} className={labelClass}>
          Name
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id={`${id}-name`}
            name="name"
            data-testid="api-key-name"
            maxLength={80}
            defaultValue={state.key ? "" : state.name}
            placeholder="e.g. CRM integration"
            aria-invalid={state.error ? true : undefined}
            aria-describedby={state.error ? `${id}-error` : undefined}
            className={inputClass(!!state.error, "sm:max-w-sm")}
          />
          <Button type="submit" variant="primary" data-testid="api-key-create" disabled={pending}>
            {pending ? <Spinner /> : null}
            Create key
          </Button>
        </div>
        <FieldError id={`${id}-error`}>{state.error}</FieldError>
      </form>
      {state.key ? (
        <div
          data-testid="api-key-created"
          className="flex flex-col gap-2 rounded-xl border border-emerald-500/30 bg-emerald-500/5 p-4"
        >
          <p className="text-sm font-medium text-emerald-200">
            “{state.name}” created. Copy the key now: it is shown only once and cannot be recovered.
          </p>
          <CopyField value={state.key} valueTestId="api-key-secret" buttonTestId="api-key-copy" />
          <p className="text-xs text-neutral-400">
            Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
          </p>
        </div>
      ) : null}
    </div>
  );
}
