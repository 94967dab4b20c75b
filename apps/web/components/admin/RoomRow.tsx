"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { deleteRoomAction } from "@/app/admin/actions/rooms";
import { Button } from "@/components/Button";
import { toFormValues } from "@/lib/admin/forms";
import { ActionButton } from "./ActionButton";
import { RoomForm } from "./RoomForm";
import { Badge, tdClass } from "./ui";

export interface RoomRowData {
  slug: string;
  name: string;
  access: "public" | "token";
  locked: boolean;
  lobbyEnabled: boolean;
  maxParticipants: number;
  pin: string | null;
  createdAt: string;
  /** Live participants; null when the media server could not be asked. */
  live: number | null;
}

/** One room in the rooms table, with inline edit and a confirmed delete. */
export function RoomRow({ room, csrf }: { room: RoomRowData; csrf: string }) {
  const [editing, setEditing] = useState(false);
  const closeEditor = useCallback(() => setEditing(false), []);
  return (
    <>
      <tr data-testid="admin-room-row" data-slug={room.slug} className="hover:bg-neutral-900/60">
        <td className={tdClass}>
          <Link
            href={`/admin/rooms/${room.slug}`}
            className="font-medium text-neutral-100 underline-offset-4 hover:text-sky-300 hover:underline"
          >
            {room.name}
          </Link>
          <div className="font-mono text-xs text-neutral-500">/r/{room.slug}</div>
        </td>
        <td className={tdClass}>
          <div className="flex flex-wrap gap-1">
            {room.access === "token" ? (
              <Badge tone="violet" title="Only holders of a signed join token">
                token-only
              </Badge>
            ) : (
              <Badge title="Anyone with the link">public</Badge>
            )}
            {room.locked ? <Badge tone="amber">locked</Badge> : null}
            {room.lobbyEnabled ? <Badge tone="sky">lobby</Badge> : null}
            {room.pin ? (
              <Badge title="Phone PIN">
                PIN <span className="font-mono">{room.pin}</span>
              </Badge>
            ) : null}
          </div>
        </td>
        <td className={`${tdClass} tabular-nums text-neutral-400`}>
          {room.maxParticipants === 0 ? "no limit" : room.maxParticipants}
        </td>
        <td className={`${tdClass} tabular-nums`} data-testid="admin-room-live">
          {room.live === null ? (
            <span className="text-neutral-600" title="media server unreachable">
              ?
            </span>
          ) : room.live > 0 ? (
            <span className="inline-flex items-center gap-1.5 font-medium text-emerald-300">
              <span aria-hidden="true" className="size-2 rounded-full bg-emerald-400" />
              {room.live}
            </span>
          ) : (
            <span className="text-neutral-500">0</span>
          )}
        </td>
        <td className={`${tdClass} text-xs whitespace-nowrap text-neutral-500`}>
          {room.createdAt}
        </td>
        <td className={`${tdClass} text-right`}>
          <div className="inline-flex items-start justify-end gap-1">
            <Link
              href={`/admin/rooms/${room.slug}`}
              className="rounded-lg px-3 py-1.5 text-sm font-semibold text-neutral-200 hover:bg-neutral-800"
            >
              Open
            </Link>
            <Button
              variant="ghost"
              className="px-3 py-1.5"
              data-testid="admin-room-edit"
              aria-expanded={editing}
              onClick={() => setEditing((v) => !v)}
            >
              {editing ? "Close" : "Edit"}
            </Button>
            <ActionButton
              action={deleteRoomAction}
              csrf={csrf}
              fields={{ slug: room.slug }}
              label="Delete"
              confirm="Delete for good"
              variant="ghost"
              testId="admin-room-delete"
            />
          </div>
        </td>
      </tr>
      {editing ? (
        <tr data-testid="admin-room-editor" data-slug={room.slug}>
          <td colSpan={6} className="border-b border-neutral-800 bg-neutral-950/60 px-3 py-4">
            <RoomForm
              csrf={csrf}
              originalSlug={room.slug}
              initial={toFormValues(room)}
              onSaved={closeEditor}
              onCancel={closeEditor}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
