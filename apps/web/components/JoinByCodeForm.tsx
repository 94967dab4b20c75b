"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { parseRoomCode } from "@/lib/roomCode";
import { Button } from "./Button";

/** A room code or a pasted link → /r/<slug>. */
export function JoinByCodeForm() {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const slug = parseRoomCode(value);
    if (!slug) {
      setError(
        value.trim()
          ? "That doesn't look like a room code or link. Codes use lowercase letters, digits and dashes, like “weekly-sync”."
          : "Enter a room code or paste a link.",
      );
      return;
    }
    setError(null);
    router.push(`/r/${slug}`);
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <label htmlFor={inputId} className="text-sm font-medium text-neutral-300">
        Room code or link
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          data-testid="join-code"
          type="text"
          inputMode="url"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            if (error) setError(null);
          }}
          placeholder="weekly-sync or https://…/r/weekly-sync"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`min-w-0 flex-1 rounded-lg border bg-neutral-900 px-3 py-2.5 text-base text-neutral-100 placeholder:text-neutral-600 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 ${
            error ? "border-red-500" : "border-neutral-700"
          }`}
        />
        <Button
          type="submit"
          data-testid="join-code-submit"
          aria-label="Join room"
          className="py-2.5"
        >
          Join
        </Button>
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
