"use client";

import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/Button";
import { Spinner } from "@/components/Icons";
import type { ActionResult } from "@/lib/admin/forms";

type Variant = "primary" | "secondary" | "danger" | "ghost";

/**
 * A one-button form posting hidden fields (and the CSRF token) to a server action; with
 * `confirm`, the first click asks again ("Delete?" → "Yes, delete") before submitting.
 */
export function ActionButton({
  action,
  csrf,
  fields,
  label,
  confirm,
  variant = "secondary",
  testId,
  onDone,
}: {
  action: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
  csrf: string;
  fields: Record<string, string>;
  label: string;
  /** The confirming button's label; no confirmation step when absent. */
  confirm?: string;
  variant?: Variant;
  testId?: string;
  onDone?: (result: ActionResult) => void;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (result) onDone?.(result);
  }, [result, onDone]);
  useEffect(() => {
    if (!confirming) return;
    const timer = setTimeout(() => setConfirming(false), 5000);
    return () => clearTimeout(timer);
  }, [confirming]);
  const needsConfirm = confirm !== undefined && !confirming;
  return (
    <form
      action={formAction}
      className="inline-flex flex-col items-end gap-1"
      onSubmit={(event) => {
        if (needsConfirm) {
          event.preventDefault();
          setConfirming(true);
        } else {
          setConfirming(false);
        }
      }}
    >
      <input type="hidden" name="csrf" value={csrf} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <span className="inline-flex gap-1">
        {confirming ? (
          <Button variant="ghost" className="px-2.5 py-1.5" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        ) : null}
        <Button
          type="submit"
          variant={confirming ? "danger" : variant}
          className="px-3 py-1.5"
          disabled={pending}
          data-testid={testId}
          data-confirming={confirming ? "true" : undefined}
        >
          {pending ? <Spinner /> : null}
          {confirming ? confirm : label}
        </Button>
      </span>
      {result && !result.ok ? (
        <span role="alert" className="max-w-64 text-right text-xs text-red-400">
          {result.error}
        </span>
      ) : null}
    </form>
  );
}
