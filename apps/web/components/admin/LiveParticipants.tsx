"use client";

import type { LiveParticipant, Source } from "@switchboard/protocol";
import { useState } from "react";
import { moderateAction } from "@/app/admin/actions/rooms";
import { Button } from "@/components/Button";
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon, Spinner } from "@/components/Icons";
import { formatDuration } from "@/lib/admin/format";
import type { LiveSnapshot } from "@/lib/admin/sfu";
import { usePolledSnapshot } from "@/lib/admin/usePolledSnapshot";
import { Badge, Notice, TableWrap, tableClass, tdClass, thClass } from "./ui";

const POLL_MS = 2000;

type MediaState = "off" | "muted" | "on";

function mediaState(p: LiveParticipant, source: Source): MediaState {
  const m = p.media.find((x) => x.source === source);
  if (!m) return "off";
  return m.paused ? "muted" : "on";
}

/**
 * The room's live participants, polled every 2 s from /admin/rooms/<slug>/live, with
 * Mute (mic), Remove and "End room for everyone".
 */
export function LiveParticipants({
  slug,
  csrf,
  initial,
}: {
  slug: string;
  csrf: string;
  initial: LiveSnapshot;
}) {
  const {
    snapshot,
    now,
    refresh: poll,
  } = usePolledSnapshot<LiveSnapshot>(
    `/admin/rooms/${encodeURIComponent(slug)}/live`,
    initial,
    POLL_MS,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);

  const run = async (key: string, input: Parameters<typeof moderateAction>[1]) => {
    setBusy(key);
    setError(null);
    try {
      const result = await moderateAction(csrf, input);
      if (!result.ok) setError(result.error);
    } catch {
      setError("The request failed. Check your connection and try again.");
    } finally {
      setBusy(null);
      setConfirmEnd(false);
      void poll();
    }
  };

  const participants = snapshot.state === "live" ? snapshot.room.participants : [];
  return (
    <div
      className="flex flex-col gap-4"
      data-testid="live-participants"
      data-state={snapshot.state}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-neutral-400" aria-live="polite">
          {snapshot.state === "live" ? (
            <>
              <span className="font-medium text-emerald-300">Live</span> for{" "}
              {formatDuration(now - snapshot.room.startedAt)} · {participants.length} participant
              {participants.length === 1 ? "" : "s"}
            </>
          ) : snapshot.state === "idle" ? (
            "Nobody is in this room right now."
          ) : snapshot.state === "unreachable" ? (
            "Live view unavailable."
          ) : (
            "Signed out."
          )}
        </p>
        {snapshot.state === "live" ? (
          <span className="inline-flex gap-1">
            {confirmEnd ? (
              <Button variant="ghost" className="px-3 py-1.5" onClick={() => setConfirmEnd(false)}>
                Cancel
              </Button>
            ) : null}
            <Button
              variant="danger"
              className="px-3 py-1.5"
              data-testid="end-room"
              data-confirming={confirmEnd ? "true" : undefined}
              disabled={busy !== null}
              onClick={() => {
                if (!confirmEnd) setConfirmEnd(true);
                else void run("end", { op: "end", slug });
              }}
            >
              {busy === "end" ? <Spinner /> : null}
              {confirmEnd ? "Yes, end it for everyone" : "End room for everyone"}
            </Button>
          </span>
        ) : null}
      </div>
      {snapshot.state === "unreachable" ? (
        <Notice tone="warning" testId="sfu-unreachable">
          {snapshot.error === "the media server is unreachable"
            ? "Media server unreachable"
            : `Media server unreachable (${snapshot.error})`}
          . Retrying every few seconds.
        </Notice>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {participants.length > 0 ? (
        <TableWrap>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>Participant</th>
                <th className={thClass}>Media</th>
                <th className={thClass}>In the room for</th>
                <th className={`${thClass} text-right`}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => {
                const mic = mediaState(p, "mic");
                const camera = mediaState(p, "camera");
                const screen = mediaState(p, "screen");
                return (
                  <tr
                    key={p.id}
                    data-testid="live-participant"
                    data-name={p.displayName}
                    data-id={p.id}
                    data-mic={mic}
                    data-camera={camera}
                    data-screen={screen}
                  >
                    <td className={tdClass}>
                      <span className="font-medium">{p.displayName}</span>{" "}
                      {p.role === "moderator" ? <Badge tone="violet">moderator</Badge> : null}
                    </td>
                    <td className={tdClass}>
                      <span className="inline-flex items-center gap-2">
                        <MediaIcon kind="mic" state={mic} />
                        <MediaIcon kind="camera" state={camera} />
                        {screen !== "off" ? (
                          <Badge tone={screen === "on" ? "sky" : "neutral"}>
                            screen{screen === "muted" ? " (paused)" : ""}
                          </Badge>
                        ) : null}
                      </span>
                    </td>
                    <td className={`${tdClass} tabular-nums text-neutral-300`}>
                      {formatDuration(now - p.joinedAt)}
                    </td>
                    <td className={`${tdClass} text-right whitespace-nowrap`}>
                      <Button
                        className="px-3 py-1.5"
                        data-testid="participant-mute"
                        disabled={busy !== null || mic !== "on"}
                        title={mic === "on" ? "Mute their microphone" : "Microphone is not on"}
                        onClick={() =>
                          void run(`mute:${p.id}`, {
                            op: "mute",
                            slug,
                            participantId: p.id,
                            source: "mic",
                          })
                        }
                      >
                        {busy === `mute:${p.id}` ? <Spinner /> : null}
                        {mic === "muted" ? "Muted" : "Mute"}
                      </Button>{" "}
                      <Button
                        variant="danger"
                        className="px-3 py-1.5"
                        data-testid="participant-remove"
                        disabled={busy !== null}
                        onClick={() =>
                          void run(`remove:${p.id}`, {
                            op: "remove",
                            slug,
                            participantId: p.id,
                          })
                        }
                      >
                        {busy === `remove:${p.id}` ? <Spinner /> : null}
                        Remove
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </div>
  );
}

function MediaIcon({ kind, state }: { kind: "mic" | "camera"; state: MediaState }) {
  const label = `${kind === "mic" ? "Microphone" : "Camera"} ${
    state === "on" ? "on" : state === "muted" ? "muted" : "not published"
  }`;
  const Icon =
    kind === "mic"
      ? state === "on"
        ? MicIcon
        : MicOffIcon
      : state === "on"
        ? CameraIcon
        : CameraOffIcon;
  const color =
    state === "on" ? "text-emerald-300" : state === "muted" ? "text-amber-300" : "text-neutral-600";
  return (
    <span title={label} className={`inline-flex ${color}`}>
      <Icon width={18} height={18} />
      <span className="sr-only">{label}</span>
    </span>
  );
}
