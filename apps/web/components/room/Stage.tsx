"use client";

import { useEffect, useState } from "react";
import { useTileLayout } from "@/lib/useTileLayout";
import { Button } from "../Button";
import { Tile, type TileProps } from "../Tile";

export type Layout = "grid" | "speaker";

export interface StageItem extends Omit<TileProps, "pinned" | "onTogglePin"> {
  /** "local", a peer id, or "<id>:screen" for a shared screen. */
  key: string;
}

export const PAGE_SIZE = 9;

/** Which item the speaker view shows large: pinned, else a shared screen, else who speaks. */
export function focusOf(
  items: StageItem[],
  pinned: string | null,
  activeSpeakerKey: string | null,
): StageItem | undefined {
  return (
    items.find((i) => i.key === pinned) ??
    items.find((i) => i.kind === "screen" && !i.isLocal) ??
    items.find((i) => i.kind === "screen") ??
    items.find((i) => i.key === activeSpeakerKey && !i.isLocal) ??
    items.find((i) => !i.isLocal) ??
    items[0]
  );
}

function GridStage({
  items,
  pinned,
  onTogglePin,
}: {
  items: StageItem[];
  pinned: string | null;
  onTogglePin(key: string): void;
}) {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const [page, setPage] = useState(0);
  const current = Math.min(page, pages - 1);
  useEffect(() => {
    if (page > pages - 1) setPage(pages - 1);
  }, [page, pages]);
  // Only this page's tiles exist: the others receive no video at all.
  const shown = items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const layout = useTileLayout(shown.length);
  return (
    <div className="absolute inset-0 flex flex-col">
      <div ref={layout.ref} className="flex min-h-0 flex-1 overflow-y-auto p-3 sm:p-4">
        <section
          aria-label="Participants"
          data-testid="grid"
          data-columns={layout.cols}
          className="m-auto grid w-full content-center"
          style={layout.style}
        >
          {shown.map(({ key, ...tile }) => (
            <Tile
              key={key}
              {...tile}
              pinned={pinned === key}
              onTogglePin={() => onTogglePin(key)}
            />
          ))}
        </section>
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-center gap-3 pb-2">
          <Button
            className="px-3 py-1"
            data-testid="page-prev"
            aria-label="Previous page"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            ‹ Prev
          </Button>
          <span data-testid="page-status" className="text-sm text-neutral-300" aria-live="polite">
            Page {current + 1} of {pages}
          </span>
          <Button
            className="px-3 py-1"
            data-testid="page-next"
            aria-label="Next page"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next ›
          </Button>
        </nav>
      ) : null}
    </div>
  );
}

function SpeakerStage({
  focus,
  others,
  pinned,
  onTogglePin,
}: {
  focus: StageItem;
  others: StageItem[];
  pinned: string | null;
  onTogglePin(key: string): void;
}) {
  const layout = useTileLayout(1);
  const { key: focusKey, ...focusTile } = focus;
  return (
    <div className="absolute inset-0 flex flex-col">
      <div ref={layout.ref} className="flex min-h-0 flex-1 p-3 sm:p-4">
        <section
          aria-label="Presenter"
          data-testid="focus"
          data-focus={focusKey}
          className="m-auto w-full"
          style={{ maxWidth: layout.style.maxWidth }}
        >
          <Tile
            key={focusKey}
            {...focusTile}
            pinned={pinned === focusKey}
            onTogglePin={() => onTogglePin(focusKey)}
          />
        </section>
      </div>
      {others.length > 0 ? (
        <section
          aria-label="Filmstrip"
          data-testid="filmstrip"
          className="flex shrink-0 gap-2 overflow-x-auto border-t border-neutral-900 px-3 py-2"
        >
          {others.map(({ key, ...tile }) => (
            <div key={key} className="w-44 shrink-0 sm:w-52">
              <Tile {...tile} pinned={pinned === key} onTogglePin={() => onTogglePin(key)} />
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}

/** The video area: a paged grid, or one large tile (pinned/screen/speaker) and a filmstrip. */
export function Stage({
  items,
  layout,
  pinned,
  activeSpeakerKey,
  onTogglePin,
}: {
  items: StageItem[];
  layout: Layout;
  pinned: string | null;
  activeSpeakerKey: string | null;
  onTogglePin(key: string): void;
}) {
  const focus =
    layout === "speaker" || pinned ? focusOf(items, pinned, activeSpeakerKey) : undefined;
  if (!focus) return <GridStage items={items} pinned={pinned} onTogglePin={onTogglePin} />;
  return (
    <SpeakerStage
      focus={focus}
      others={items.filter((i) => i.key !== focus.key)}
      pinned={pinned}
      onTogglePin={onTogglePin}
    />
  );
}
