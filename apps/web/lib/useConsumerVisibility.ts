"use client";

import type { RemoteTrackPublication } from "@switchboard/client";
import { type RefObject, useEffect } from "react";

/** Simulcast layer for a tile this wide (CSS px): ¼ resolution under 320, ½ under 800. */
export function layerForWidth(width: number): number {
  return width < 320 ? 0 : width < 800 ? 1 : 2;
}

/**
 * Receives a remote video only while its element is on screen (IntersectionObserver →
 * `publication.setVisible`), and at the simulcast layer its size needs
 * (`publication.setPreferredLayer`).
 * An unmounted tile (another page of the grid) stops receiving too. Exposes the state as
 * `data-video-visible` and `data-layer` on the element.
 */
export function useConsumerVisibility(
  ref: RefObject<HTMLElement | null>,
  publication: RemoteTrackPublication | null,
  simulcast: boolean,
): void {
  // A new consumer (subscribed, or again after a rejoin) starts forwarded: observe it afresh.
  const track = publication?.track ?? null;
  useEffect(() => {
    const el = ref.current;
    if (!el || !publication || !track || publication.kind !== "video") return;
    const ignore = () => undefined;
    const io = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (!entry) return;
      el.dataset.videoVisible = String(entry.isIntersecting);
      publication.setVisible(entry.isIntersecting).catch(ignore);
    });
    io.observe(el);
    let layer = -1;
    const ro = simulcast
      ? new ResizeObserver((entries) => {
          const width = entries[0]?.contentRect.width ?? 0;
          if (width <= 0) return;
          const next = layerForWidth(width);
          if (next === layer) return;
          layer = next;
          el.dataset.layer = String(next);
          publication.setPreferredLayer(next).catch(ignore);
        })
      : null;
    ro?.observe(el);
    return () => {
      io.disconnect();
      ro?.disconnect();
      delete el.dataset.videoVisible;
      delete el.dataset.layer;
      publication.setVisible(false).catch(ignore);
    };
  }, [ref, publication, track, simulcast]);
}
