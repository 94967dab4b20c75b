"use client";

import { useEffect, useState } from "react";
import type { Failure } from "@/lib/roomErrors";
import type { RoomSnapshot } from "@/lib/useRoom";
import { useTileLayout } from "@/lib/useTileLayout";
import { Button } from "./Button";
import {
  CameraIcon,
  CameraOffIcon,
  LeaveIcon,
  LinkIcon,
  MicIcon,
  MicOffIcon,
  UsersIcon,
} from "./Icons";
import { StatusMessage } from "./StatusMessage";
import { Tile } from "./Tile";
import { ToggleButton } from "./ToggleButton";

export interface LocalParticipantView {
  name: string;
  videoTrack: MediaStreamTrack | null;
  micOn: boolean;
  camOn: boolean;
  hasAudio: boolean;
  hasVideo: boolean;
}

interface RoomViewProps {
  roomName: string;
  snapshot: RoomSnapshot;
  local: LocalParticipantView;
  notice: Failure | null;
  onDismissNotice(): void;
  onToggleMic(): void;
  onToggleCamera(): void;
  onLeave(): void;
}

function CopyLinkButton() {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <Button
      variant="ghost"
      aria-label="Copy invite link"
      title="Copy the link to this room"
      onClick={() => {
        void navigator.clipboard
          ?.writeText(window.location.href)
          .then(() => setCopied(true))
          .catch(() => undefined);
      }}
    >
      <LinkIcon className="size-4" />
      <span aria-live="polite">{copied ? "Copied!" : "Invite"}</span>
    </Button>
  );
}

/** The in-room screen: header, tile grid, controls. */
export function RoomView({
  roomName,
  snapshot,
  local,
  notice,
  onDismissNotice,
  onToggleMic,
  onToggleCamera,
  onLeave,
}: RoomViewProps) {
  const { participants, activeSpeakerId, peerId } = snapshot;
  const count = participants.length + 1;
  const micMuted = !local.micOn || !local.hasAudio;
  const camOff = !local.camOn || !local.hasVideo;
  const layout = useTileLayout(count);

  return (
    <div data-testid="room" className="flex h-dvh flex-col bg-neutral-950">
      <header className="flex items-center justify-between gap-4 border-b border-neutral-900 px-4 py-3">
        <div className="flex min-w-0 items-center gap-3">
          <span className="size-2 shrink-0 rounded-full bg-emerald-400" aria-hidden="true" />
          <h1 className="truncate text-base font-semibold">{roomName}</h1>
          <span
            className="flex shrink-0 items-center gap-1 rounded-full bg-neutral-900 px-2 py-0.5 text-xs text-neutral-400"
            title={`${count} in the room`}
          >
            <UsersIcon className="size-3.5" />
            <span>
              {count}
              <span className="sr-only"> participants</span>
            </span>
          </span>
        </div>
        <CopyLinkButton />
      </header>

      <main className="relative min-h-0 flex-1">
        <div ref={layout.ref} className="absolute inset-0 flex overflow-y-auto p-3 sm:p-4">
          <section
            aria-label="Participants"
            data-columns={layout.cols}
            className="m-auto grid w-full content-center"
            style={layout.style}
          >
            <Tile
              peerId="local"
              name={local.name}
              isLocal
              videoTrack={local.videoTrack}
              audioTrack={null}
              cameraMuted={camOff}
              micMuted={micMuted}
              speaking={!!peerId && activeSpeakerId === peerId}
            />
            {participants.map((p) => (
              <Tile
                key={p.id}
                peerId={p.id}
                name={p.displayName}
                isLocal={false}
                videoTrack={p.track("camera")?.mediaStreamTrack ?? null}
                audioTrack={p.track("mic")?.mediaStreamTrack ?? null}
                cameraMuted={p.isMuted("camera")}
                micMuted={p.isMuted("mic")}
                speaking={activeSpeakerId === p.id}
              />
            ))}
          </section>
        </div>
        {notice ? (
          <div className="pointer-events-none absolute inset-x-0 top-3 z-10 flex justify-center px-3">
            <StatusMessage
              state={notice.state}
              tone="warning"
              title={notice.title}
              className="pointer-events-auto w-full max-w-xl bg-neutral-950/95 shadow-xl"
              actions={
                <Button variant="ghost" onClick={onDismissNotice}>
                  Dismiss
                </Button>
              }
            >
              <p>{notice.detail}</p>
            </StatusMessage>
          </div>
        ) : null}
      </main>

      <nav
        aria-label="Call controls"
        className="flex items-center justify-center gap-4 border-t border-neutral-900 px-4 py-3 sm:gap-6"
      >
        <ToggleButton
          testId="toggle-mic"
          label="Mute microphone"
          visibleLabel="Mute"
          tooltip={micMuted ? "Unmute microphone" : "Mute microphone"}
          pressed={micMuted}
          disabled={!local.hasAudio}
          onClick={onToggleMic}
          icon={micMuted ? <MicOffIcon /> : <MicIcon />}
        />
        <ToggleButton
          testId="toggle-camera"
          label="Camera off"
          visibleLabel="Camera off"
          tooltip={camOff ? "Turn on camera" : "Turn off camera"}
          pressed={camOff}
          disabled={!local.hasVideo}
          onClick={onToggleCamera}
          icon={camOff ? <CameraOffIcon /> : <CameraIcon />}
        />
        <button
          type="button"
          data-testid="leave-button"
          aria-label="Leave the room"
          title="Leave the room"
          onClick={onLeave}
          className="group flex min-w-16 flex-col items-center gap-1 focus-visible:outline-none"
        >
          <span className="flex h-12 w-16 items-center justify-center rounded-full bg-red-600 text-white transition-colors group-hover:bg-red-500 group-focus-visible:outline-2 group-focus-visible:outline-offset-2 group-focus-visible:outline-sky-400">
            <LeaveIcon />
          </span>
          <span className="text-xs font-medium text-neutral-300">Leave</span>
        </button>
      </nav>
    </div>
  );
}
