"use client";

import type { Room } from "@switchboard/client";
import { useEffect, useId, useRef } from "react";
import { type DeltaOp, diffText, transformPosition } from "@/lib/textDiff";
import { SidePanel } from "./SidePanel";

/** Origin of the edits this textarea makes (remote changes are everything else). */
const LOCAL = Symbol("notes-textarea");

/**
 * Shared notes: a textarea bound to the room's Yjs text. Local edits go in as the minimal
 * delete/insert at the caret; remote edits are applied keeping our caret and selection
 * where they were in the text. The SFU keeps the document, so it outlives the call.
 */
export function NotesPanel({ room, onClose }: { room: Room; onClose(): void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const hintId = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { doc, text: ytext } = room.notes;
    /** What the textarea showed after the last sync, to diff the user's edit against. */
    let shown = ytext.toString();
    el.value = shown;

    const onInput = () => {
      const next = el.value;
      const edit = diffText(shown, next, el.selectionEnd);
      shown = next;
      if (!edit) return;
      doc.transact(() => {
        if (edit.remove > 0) ytext.delete(edit.index, edit.remove);
        if (edit.insert) ytext.insert(edit.index, edit.insert);
      }, LOCAL);
    };
    const observer: Parameters<typeof ytext.observe>[0] = (event, transaction) => {
      if (transaction.origin === LOCAL) return;
      const delta = event.delta as DeltaOp[];
      const focused = document.activeElement === el;
      const start = transformPosition(el.selectionStart, delta);
      const end = transformPosition(el.selectionEnd, delta);
      const scroll = el.scrollTop;
      shown = ytext.toString();
      el.value = shown;
      if (focused) el.setSelectionRange(start, end);
      el.scrollTop = scroll;
    };
    el.addEventListener("input", onInput);
    ytext.observe(observer);
    return () => {
      el.removeEventListener("input", onInput);
      ytext.unobserve(observer);
    };
  }, [room]);

  return (
    <SidePanel title="Shared notes" testId="notes-panel" onClose={onClose}>
      <div className="flex min-h-0 flex-1 flex-col gap-2 p-3">
        <label htmlFor={id} className="sr-only">
          Shared notes
        </label>
        <p id={hintId} className="text-xs text-neutral-300">
          Everyone in the room can edit these notes; they are kept after the call.
        </p>
        <textarea
          ref={ref}
          id={id}
          data-testid="notes-input"
          aria-describedby={hintId}
          spellCheck
          placeholder="Agenda, decisions, links…"
          className="min-h-0 flex-1 resize-none rounded-lg border border-neutral-700 bg-neutral-950 p-3 font-mono text-sm text-neutral-100 placeholder:text-neutral-400 focus-visible:border-sky-400"
        />
      </div>
    </SidePanel>
  );
}
