"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "../Button";

export interface ShortcutHelp {
  key: string;
  description: string;
}

/** The list of keyboard shortcuts ("?"). */
export function ShortcutsDialog({
  open,
  shortcuts,
  onClose,
}: {
  open: boolean;
  shortcuts: ShortcutHelp[];
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      data-testid="shortcuts-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(24rem,calc(100%-2rem))] rounded-2xl border border-neutral-700 bg-neutral-900 p-6 text-neutral-100 shadow-2xl backdrop:bg-neutral-950/70"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-4 grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {shortcuts.map((s) => (
          <div key={s.key} className="contents">
            <dt>
              <kbd className="rounded border border-neutral-600 bg-neutral-800 px-2 py-0.5 font-mono text-xs">
                {s.key}
              </kbd>
            </dt>
            <dd className="text-neutral-200">{s.description}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-neutral-300">Shortcuts are off while you type in a field.</p>
      <div className="mt-5 flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  );
}
