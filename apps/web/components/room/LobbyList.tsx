"use client";

import type { LobbyEntry } from "@switchboard/client";
import { Button } from "../Button";

/** Moderators: who waits in the lobby, with Admit and Deny. */
export function LobbyList({
  entries,
  onAdmit,
  onDeny,
}: {
  entries: readonly LobbyEntry[];
  onAdmit(id: string): void;
  onDeny(id: string): void;
}) {
  if (entries.length === 0) return null;
  return (
    <section
      aria-label="Waiting in the lobby"
      data-testid="lobby-list"
      className="border-b border-neutral-800 px-4 py-3"
    >
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-amber-300">
        Waiting in the lobby ({entries.length})
      </h3>
      <ul className="flex flex-col gap-2">
        {entries.map((e) => (
          <li
            key={e.id}
            data-testid="lobby-entry"
            data-name={e.displayName}
            className="flex items-center gap-2"
          >
            <span className="min-w-0 flex-1 truncate text-sm">{e.displayName}</span>
            <Button
              variant="primary"
              className="px-2.5 py-1"
              data-testid="lobby-admit"
              aria-label={`Admit ${e.displayName}`}
              onClick={() => onAdmit(e.id)}
            >
              Admit
            </Button>
            <Button
              className="px-2.5 py-1"
              data-testid="lobby-deny"
              aria-label={`Deny ${e.displayName}`}
              onClick={() => onDeny(e.id)}
            >
              Deny
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
