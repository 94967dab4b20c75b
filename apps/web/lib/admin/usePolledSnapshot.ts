"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * A dashboard view that follows the server: GETs `url` every `everyMs` while the tab is
 * visible (one request at a time, the last snapshot kept when the server is briefly
 * away, sign-in page on 401), and a clock ticking every second for "how long" columns.
 * `refresh()` polls at once (after an action).
 */
export function usePolledSnapshot<T extends { at: number }>(
  url: string,
  initial: T,
  everyMs = 2000,
) {
  const [snapshot, setSnapshot] = useState<T>(initial);
  const [now, setNow] = useState(initial.at);
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const res = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
      if (res.status === 401) {
        window.location.assign("/admin/login");
        return;
      }
      if (res.ok) setSnapshot((await res.json()) as T);
    } catch {
      // The web server itself is briefly unreachable: keep the last snapshot.
    } finally {
      inFlight.current = false;
    }
  }, [url]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, everyMs);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(timer);
      clearInterval(tick);
    };
  }, [refresh, everyMs]);

  return { snapshot, now, refresh };
}
