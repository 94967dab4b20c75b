"use client";

import { useActionState, useId } from "react";
import { type CreateRoomState, createRoomAction } from "@/app/actions";
import { Button } from "./Button";
import { Spinner } from "./Icons";

const INITIAL: CreateRoomState = { error: null, name: "" };

/** Room name → server action → redirect to the new room. */
export function CreateRoomForm({
  defaultName = "",
  submitLabel = "Create room",
}: {
  defaultName?: string;
  submitLabel?: string;
}) {
  const [state, action, pending] = useActionState(createRoomAction, {
    ...INITIAL,
    name: defaultName,
  });
  const inputId = useId();
  const errorId = useId();
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <label htmlFor={inputId} className="text-sm font-medium text-neutral-300">
        Room name
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          name="name"
          data-testid="create-room-name"
          type="text"
          required
          maxLength={80}
          defaultValue={state.name}
          key={state.name}
          placeholder="e.g. Weekly sync"
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? errorId : undefined}
          className={`min-w-0 flex-1 rounded-lg border bg-neutral-900 px-3 py-2.5 text-base text-neutral-100 placeholder:text-neutral-600 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 ${
            state.error ? "border-red-500" : "border-neutral-700"
          }`}
        />
        <Button
          type="submit"
          variant="primary"
          data-testid="create-room-submit"
          aria-label={submitLabel}
          disabled={pending}
          className="py-2.5"
        >
          {pending ? <Spinner /> : null}
          {submitLabel}
        </Button>
      </div>
      {state.error ? (
        <p id={errorId} role="alert" className="text-sm text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
