"use client";

import { useEffect, useRef } from "react";

/**
 * A ref for a <video>/<audio> element that plays `track`. The element stays the same; its
 * srcObject is replaced only when the track itself changes.
 */
export function useTrackElement<E extends HTMLMediaElement>(track: MediaStreamTrack | null) {
  const ref = useRef<E>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const current = el.srcObject instanceof MediaStream ? el.srcObject.getTracks()[0] : undefined;
    if (track && current === track) return;
    el.srcObject = track ? new MediaStream([track]) : null;
    if (track) void el.play().catch(() => undefined);
  }, [track]);
  return ref;
}
