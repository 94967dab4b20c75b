"use client";

import type { Room } from "@switchboard/client";
import { useEffect, useState } from "react";
import { type ConnectionQuality, qualityBetween, readCounters, type StatCounters } from "./quality";

const INTERVAL_MS = 2000;

/**
 * Connection quality per participant id ("local" for us), from getStats() every 2 s:
 * remote ones from what we receive of them (RTT of our receive path, loss, bitrate), ours
 * from what we send.
 */
export function useConnectionQuality(room: Room): Map<string, ConnectionQuality> {
  const [qualities, setQualities] = useState<Map<string, ConnectionQuality>>(new Map());
  useEffect(() => {
    const previous = new Map<string, StatCounters>();
    let stopped = false;
    const sample = async () => {
      const next = new Map<string, ConnectionQuality>();
      try {
        const send = await room.localParticipant.getStats();
        if (send) {
          const now = readCounters(send, "out");
          next.set("local", qualityBetween(previous.get("local"), now));
          previous.set("local", now);
        }
        for (const p of room.participants.values()) {
          let total: StatCounters | undefined;
          for (const t of p.tracks) {
            if (t.closed) continue;
            const c = readCounters(await t.getStats(), "in");
            total = total
              ? {
                  at: c.at,
                  bytes: total.bytes + c.bytes,
                  packets: total.packets + c.packets,
                  lost: total.lost + c.lost,
                  rttMs: total.rttMs ?? c.rttMs,
                }
              : c;
          }
          if (!total) continue;
          next.set(p.id, qualityBetween(previous.get(p.id), total));
          previous.set(p.id, total);
        }
      } catch {
        // A track closed mid-read: try again next time.
      }
      if (!stopped) setQualities(next);
    };
    const timer = setInterval(() => void sample(), INTERVAL_MS);
    void sample();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [room]);
  return qualities;
}
