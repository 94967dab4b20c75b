"use client";

import { type CSSProperties, useEffect, useRef, useState } from "react";

const GAP = 12;
const ASPECT = 16 / 9;
/** Narrower than this, a tile is too small to see a face: use fewer columns. */
const MIN_TILE_WIDTH = 220;

/** 1 → 1 column, 2 → 2, 3–4 → 2×2, 5–9 → 3, 10–16 → 4, then 5; fewer on narrow screens. */
export function columnsFor(count: number, width: number): number {
  let cols = count <= 1 ? 1 : count <= 4 ? 2 : count <= 9 ? 3 : count <= 16 ? 4 : 5;
  while (cols > 1 && (width - GAP * (cols - 1)) / cols < MIN_TILE_WIDTH) cols--;
  return cols;
}

/**
 * Grid columns for `count` 16:9 tiles, and a max width that makes them fit the container's
 * height too (so that 4 tiles on a laptop screen do not need scrolling).
 */
export function useTileLayout(count: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (rect) setSize({ width: rect.width, height: rect.height });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const cols = columnsFor(count, size?.width ?? 1280);
  const rows = Math.ceil(count / cols);
  const style: CSSProperties = { gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gap: GAP };
  if (size) {
    const byWidth = (size.width - GAP * (cols - 1)) / cols;
    const byHeight = ((size.height - GAP * (rows - 1)) / rows) * ASPECT;
    // Fit the height when possible, but never shrink below a usable size (scroll instead).
    const tile = Math.max(Math.min(byWidth, byHeight), Math.min(byWidth, MIN_TILE_WIDTH));
    style.maxWidth = Math.floor(tile * cols + GAP * (cols - 1));
  }
  return { ref, cols, style };
}
