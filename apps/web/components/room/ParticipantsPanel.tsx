"use client";

import { type Room, SwitchboardError } from "@switchboard/client";
import { useState } from "react";
import type { RoomSnapshot } from "@/lib/useRoom";
import { Button } from "../Button";
import { CameraIcon, CameraOffIcon, LockIcon, MicIcon, MicOffIcon, PhoneIcon } from "../Icons";
import { ConfirmDialog } from "./ConfirmDialog";
import { LobbyList } from "./LobbyList";
import { SidePanel } from "./SidePanel";

export interface PersonRow {
  /** Peer id, or "local" for us. */
  id: string;
  name: string;
  isLocal: boolean;
  role: "moderator" | "guest" | undefined;
  micMuted: boolean;
  cameraMuted: boolean;
  handRaisedAt: number | null;
}

/** Raised hands first, in the order they went up; then everyone else in join order. */
export function sortByHand(rows: PersonRow[]): PersonRow[] {
  const raised = rows
    .filter((r) => r.handRaisedAt !== null)
    .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0));
  return [...raised, ...rows.filter((r) => r.handRaisedAt === null)];
}

function explain(error: unknown): string {
  if (error instanceof SwitchboardError && error.code === "FORBIDDEN") {
    return "Only moderators can do that.";
  }
  return error instanceof Error ? `That didn't work: ${error.message}.` : "That didn't work.";
}

/** Who is here (hands first), with moderator controls for moderators only. */
export function ParticipantsPanel({
  room,
  snapshot,
  rows,
  onClose,
}: {
  room: Room;
  snapshot: RoomSnapshot;
  rows: PersonRow[];
  onClose(): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [dialTo, setDialTo] = useState("");
  const moderator = snapshot.role === "moderator";
  const sorted = sortByHand(rows);
  const handNumber = new Map(
    sorted.filter((r) => r.handRaisedAt !== null).map((r, i) => [r.id, i + 1] as const),
  );

  const run = (action: () => Promise<unknown>, done?: string) => {
    setError(null);
    setInfo(null);
    action().then(
      () => {
        if (done) setInfo(done);
      },
      (e: unknown) => setError(explain(e)),
    );
  };

  return (
    <SidePanel title="Participants" testId="participants-panel" onClose={onClose}>
      {moderator ? (
        <LobbyList
          entries={snapshot.lobby}
          onAdmit={(id) => run(() => room.lobby.admit(id))}
          onDeny={(id) => run(() => room.lobby.deny(id))}
        />
      ) : null}
      {moderator ? (
        <div className="flex flex-wrap gap-2 border-b border-neutral-800 px-4 py-3">
          <Button
            className="px-3 py-1.5"
            data-testid="mute-all"
            onClick={() =>
              run(async () => {
                const n = await room.moderation.muteAll();
                setInfo(n === 1 ? "Muted 1 microphone." : `Muted ${n} microphones.`);
              })
            }
          >
            <MicOffIcon className="size-4" /> Mute everyone
          </Button>
          <Button
            className="px-3 py-1.5"
            data-testid="lock-room"
            aria-pressed={snapshot.locked}
            onClick={() => run(() => room.moderation.setLocked(!snapshot.locked))}
          >
            <LockIcon className="size-4" /> {snapshot.locked ? "Unlock room" : "Lock room"}
          </Button>
          <Button
            variant="danger"
            className="px-3 py-1.5"
            data-testid="end-meeting"
            onClick={() => setConfirmEnd(true)}
          >
            End meeting for all
          </Button>
        </div>
      ) : null}
      {moderator ? (
        <form
          className="flex gap-2 border-b border-neutral-800 px-4 py-3"
          onSubmit={(e) => {
            e.preventDefault();
            const raw = dialTo.trim();
            // "+49 (30) 123-45" → "+493012345"; SIP addresses as typed.
            const to = /^sips?:/i.test(raw) ? raw : raw.replace(/[\s().-]/g, "");
            if (!to) return;
            run(async () => {
              await room.moderation.dialOut(to);
              setDialTo("");
            }, "Calling… the room will see when they answer.");
          }}
        >
          <label className="sr-only" htmlFor="dial-to">
            Phone number or SIP address to call into the room
          </label>
          <input
            id="dial-to"
            data-testid="dial-input"
            value={dialTo}
            onChange={(e) => setDialTo(e.target.value)}
            placeholder="+49 30 1234567 or sip:…"
            inputMode="tel"
            className="min-w-0 flex-1 rounded-lg border border-neutral-700 bg-neutral-900 px-3 py-1.5 text-sm"
          />
          <Button type="submit" className="px-3 py-1.5" data-testid="dial-button">
            <PhoneIcon className="size-4" /> Call
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" data-testid="moderation-error" className="px-4 pt-3 text-sm text-red-400">
          {error}
        </p>
      ) : null}
      {info ? (
        <p role="status" className="px-4 pt-3 text-sm text-emerald-300">
          {info}
        </p>
      ) : null}
      <ul
        aria-label="People in the room"
        className="flex min-h-0 flex-1 flex-col overflow-y-auto px-2 py-2"
      >
        {sorted.map((r) => {
          const hand = handNumber.get(r.id);
          return (
            <li
              key={r.id}
              data-testid="participant-row"
              data-name={r.name}
              data-hand={hand ?? undefined}
              className="flex flex-col gap-1.5 rounded-lg px-2 py-2 hover:bg-neutral-800/50"
            >
              <div className="flex items-center gap-2">
                {hand ? (
                  <span
                    className="flex h-6 min-w-6 items-center justify-center rounded-full bg-amber-400 px-1.5 text-xs font-bold text-neutral-950"
                    title={`Hand raised, ${hand} in line`}
                  >
                    <span aria-hidden="true">✋</span>
                    <span className="sr-only">Hand raised, number </span>
                    {hand}
                  </span>
                ) : null}
                <span className="min-w-0 flex-1 truncate text-sm">
                  {r.name}
                  {r.isLocal ? <span className="text-neutral-400"> (You)</span> : null}
                </span>
                {r.role === "moderator" ? (
                  <span className="rounded bg-sky-500/15 px-1.5 py-0.5 text-[11px] font-semibold text-sky-300">
                    Moderator
                  </span>
                ) : null}
                <span className="flex items-center gap-1 text-neutral-300">
                  {r.micMuted ? (
                    <MicOffIcon
                      className="size-4 text-red-400"
                      aria-label="microphone muted"
                      aria-hidden={false}
                      role="img"
                    />
                  ) : (
                    <MicIcon
                      className="size-4"
                      aria-label="microphone on"
                      aria-hidden={false}
                      role="img"
                    />
                  )}
                  {r.cameraMuted ? (
                    <CameraOffIcon
                      className="size-4 text-red-400"
                      aria-label="camera off"
                      aria-hidden={false}
                      role="img"
                    />
                  ) : (
                    <CameraIcon
                      className="size-4"
                      aria-label="camera on"
                      aria-hidden={false}
                      role="img"
                    />
                  )}
                </span>
              </div>
              {moderator && !r.isLocal ? (
                <div className="flex flex-wrap gap-1.5 pl-1">
                  <Button
                    className="px-2 py-1 text-xs"
                    data-testid="mod-mute-mic"
                    disabled={r.micMuted}
                    onClick={() => run(() => room.moderation.muteParticipant(r.id, "mic"))}
                  >
                    Mute<span className="sr-only"> {r.name}'s</span> mic
                  </Button>
                  <Button
                    className="px-2 py-1 text-xs"
                    data-testid="mod-mute-camera"
                    disabled={r.cameraMuted}
                    onClick={() => run(() => room.moderation.muteParticipant(r.id, "camera"))}
                  >
                    Stop<span className="sr-only"> {r.name}'s</span> camera
                  </Button>
                  <Button
                    variant="danger"
                    className="px-2 py-1 text-xs"
                    data-testid="mod-remove"
                    onClick={() =>
                      run(() => room.moderation.removeParticipant(r.id), `${r.name} was removed.`)
                    }
                  >
                    Remove<span className="sr-only"> {r.name}</span>
                  </Button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={confirmEnd}
        title="End the meeting for everyone?"
        confirmLabel="End meeting"
        danger
        testId="confirm-end"
        onCancel={() => setConfirmEnd(false)}
        onConfirm={() => {
          setConfirmEnd(false);
          run(() => room.moderation.endRoom());
        }}
      >
        Everyone will be disconnected and the room closes.
      </ConfirmDialog>
    </SidePanel>
  );
}
