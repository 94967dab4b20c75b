"use client";

import type { Reaction, Room } from "@switchboard/client";
import { useEffect, useState } from "react";

export interface FloatingReaction {
  key: number;
  peerId: string;
  reaction: Reaction;
}

export const REACTION_MS = 3000;

/** Reactions of the last few seconds, to float over the sender's tile. */
export function useReactions(room: Room): FloatingReaction[] {
  const [list, setList] = useState<FloatingReaction[]>([]);
  useEffect(() => {
    let next = 0;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = room.on("reaction", (peerId, reaction) => {
      const key = next++;
      setList((l) => [...l.slice(-20), { key, peerId, reaction }]);
      const timer = setTimeout(() => {
        timers.delete(timer);
        setList((l) => l.filter((r) => r.key !== key));
      }, REACTION_MS);
      timers.add(timer);
    });
    return () => {
      off();
      for (const t of timers) clearTimeout(t);
    };
  }, [room]);
  return list;
}
