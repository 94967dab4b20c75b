"use client";

import { useTrackElement } from "@/lib/useTrackElement";
import { Button } from "./Button";
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon, Spinner } from "./Icons";
import { ToggleButton } from "./ToggleButton";

/** The lobby: our preview stays on while a moderator decides whether to let us in. */
export function LobbyWaiting({
  roomName,
  videoTrack,
  micOn,
  camOn,
  onToggleMic,
  onToggleCamera,
  onLeave,
}: {
  roomName: string;
  videoTrack: MediaStreamTrack | null;
  micOn: boolean;
  camOn: boolean;
  onToggleMic(): void;
  onToggleCamera(): void;
  onLeave(): void;
}) {
  const previewRef = useTrackElement<HTMLVideoElement>(videoTrack);
  return (
    <main
      data-testid="lobby-waiting"
      className="mx-auto flex min-h-dvh w-full max-w-3xl flex-col justify-center gap-6 px-4 py-8"
    >
      <div>
        <p className="text-sm font-medium text-sky-400">{roomName}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          Waiting for a moderator to let you in
        </h1>
      </div>
      <div className="relative aspect-video w-full overflow-hidden rounded-2xl bg-neutral-900 ring-1 ring-neutral-800">
        <video
          ref={previewRef}
          muted
          playsInline
          autoPlay
          aria-label="Your camera preview"
          className={`absolute inset-0 size-full -scale-x-100 object-cover ${camOn ? "" : "opacity-0"}`}
        />
        {camOn ? null : (
          <p className="absolute inset-0 flex items-center justify-center text-sm text-neutral-300">
            Your camera is off
          </p>
        )}
        <div className="absolute inset-x-0 bottom-3 flex justify-center gap-3">
          <ToggleButton
            label="Mute microphone"
            tooltip={micOn ? "Turn off microphone" : "Turn on microphone"}
            pressed={!micOn}
            onClick={onToggleMic}
            icon={micOn ? <MicIcon /> : <MicOffIcon />}
            testId="lobby-toggle-mic"
            compact
          />
          <ToggleButton
            label="Camera off"
            tooltip={camOn ? "Turn off camera" : "Turn on camera"}
            pressed={!camOn}
            onClick={onToggleCamera}
            icon={camOn ? <CameraIcon /> : <CameraOffIcon />}
            testId="lobby-toggle-camera"
            compact
          />
        </div>
      </div>
      <div
        role="status"
        data-testid="status"
        data-state="lobby"
        className="flex items-center gap-3 rounded-xl border border-sky-500/30 bg-sky-500/10 px-4 py-3 text-sm text-sky-100"
      >
        <Spinner />
        <p className="flex-1">
          You're in the lobby. A moderator has been told you're here; you'll join as soon as they
          let you in.
        </p>
        <Button onClick={onLeave} data-testid="lobby-leave">
          Leave
        </Button>
      </div>
    </main>
  );
}
