"use client";

import { type Reaction, ReactionSchema } from "@switchboard/client";
import { useEffect, useId, useRef, useState } from "react";
import { SmileIcon } from "../Icons";

const NAMES: Record<Reaction, string> = {
  "👍": "Thumbs up",
  "👏": "Applause",
  "😂": "Laughing",
  "🎉": "Celebrate",
  "❤️": "Love",
  "😮": "Surprised",
};

/** A button that opens a row of reactions; picking one sends it and closes the row. */
export function ReactionPicker({ onReact }: { onReact(reaction: Reaction): void }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent && e.key !== "Escape") return;
      if (e instanceof MouseEvent && root.current?.contains(e.target as Node)) return;
      setOpen(false);
    };
    window.addEventListener("mousedown", close);
    window.addEventListener("keydown", close);
    return () => {
      window.removeEventListener("mousedown", close);
      window.removeEventListener("keydown", close);
    };
  }, [open]);
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        data-testid="reactions-button"
        aria-label="React with an emoji"
        aria-expanded={open}
        aria-controls={menuId}
        title="Send a reaction"
        onClick={() => setOpen((o) => !o)}
        className="group flex min-w-14 flex-col items-center gap-1 focus-visible:outline-none"
      >
        <span className="flex size-12 items-center justify-center rounded-full bg-neutral-800/90 text-neutral-100 ring-1 ring-inset ring-neutral-700 transition-colors group-hover:bg-neutral-700 group-focus-visible:outline-2 group-focus-visible:outline-offset-2 group-focus-visible:outline-sky-400">
          <SmileIcon />
        </span>
        <span className="text-xs font-medium text-neutral-300">React</span>
      </button>
      {open ? (
        <fieldset
          id={menuId}
          aria-label="Reactions"
          className="absolute bottom-full left-1/2 mb-2 flex -translate-x-1/2 gap-1 rounded-full border border-neutral-700 bg-neutral-900 p-1.5 shadow-xl"
        >
          {ReactionSchema.options.map((r) => (
            <button
              key={r}
              type="button"
              data-testid="reaction-option"
              aria-label={NAMES[r]}
              title={NAMES[r]}
              onClick={() => {
                onReact(r);
                setOpen(false);
              }}
              className="flex size-10 items-center justify-center rounded-full text-2xl hover:bg-neutral-800"
            >
              {r}
            </button>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
