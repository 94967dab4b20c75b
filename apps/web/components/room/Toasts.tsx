"use client";

import { Button } from "../Button";

export interface Toast {
  id: number;
  text: string;
  tone?: "info" | "warning";
  action?: { label: string; run(): void } | undefined;
}

/** Short notices at the top of the stage, read out politely by screen readers. */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss(id: number): void }) {
  return (
    <div role="status" aria-live="polite" className="flex w-full flex-col items-center gap-2">
      {toasts.map((t) => (
        <div
          key={t.id}
          data-testid="toast"
          className={`pointer-events-auto flex w-full max-w-md items-center gap-3 rounded-xl border px-4 py-2.5 text-sm shadow-xl ${
            t.tone === "warning"
              ? "border-amber-500/40 bg-neutral-900 text-amber-100"
              : "border-neutral-700 bg-neutral-900 text-neutral-100"
          }`}
        >
          <p className="min-w-0 flex-1">{t.text}</p>
          {t.action ? (
            <Button
              variant="primary"
              className="px-2.5 py-1"
              onClick={() => {
                t.action?.run();
                onDismiss(t.id);
              }}
            >
              {t.action.label}
            </Button>
          ) : null}
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => onDismiss(t.id)}
            className="rounded px-1.5 text-neutral-300 hover:text-white"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
