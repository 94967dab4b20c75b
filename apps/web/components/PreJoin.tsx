"use client";

import { DisplayNameSchema, LIMITS } from "@switchboard/protocol";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import type { Failure } from "@/lib/roomErrors";
import type { LocalMedia } from "@/lib/useLocalMedia";
import { useTrackElement } from "@/lib/useTrackElement";
import { Button } from "./Button";
import { DevicePicker } from "./DevicePicker";
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon, Spinner } from "./Icons";
import { MicLevel } from "./MicLevel";
import { StatusMessage } from "./StatusMessage";
import { ToggleButton } from "./ToggleButton";

export const DISPLAY_NAME_KEY = "switchboard.displayName";

export type ServerState =
  | { kind: "idle" }
  | { kind: "connecting" }
  | { kind: "connected" }
  | { kind: "failed"; failure: Failure };

interface PreJoinProps {
  roomName: string;
  slug: string;
  media: LocalMedia;
  micOn: boolean;
  camOn: boolean;
  onToggleMic(): void;
  onToggleCamera(): void;
  server: ServerState;
  onRetryServer(): void;
  joining: boolean;
  ready: boolean;
  onJoin(displayName: string): void;
}

function readStoredName(): string {
  try {
    return window.localStorage.getItem(DISPLAY_NAME_KEY) ?? "";
  } catch {
    return "";
  }
}

function storeName(name: string): void {
  try {
    window.localStorage.setItem(DISPLAY_NAME_KEY, name);
  } catch {
    // Not remembered; harmless.
  }
}

/** Validates a display name: 1–64 characters after trimming, no control characters. */
export function validateDisplayName(raw: string): { name: string } | { error: string } {
  const parsed = DisplayNameSchema.safeParse(raw);
  if (parsed.success) return { name: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.code === "too_small") return { error: "Enter your name so others know who you are." };
  if (issue?.code === "too_big") {
    return { error: `Names can be at most ${LIMITS.displayNameMax} characters.` };
  }
  return { error: "Names can't contain control characters." };
}

/** The media problem in words, with what to do about it. */
function MediaProblemMessage({ media, testId }: { media: LocalMedia; testId: boolean }) {
  const retry = (
    <Button variant="secondary" onClick={() => void media.start()}>
      Retry
    </Button>
  );
  switch (media.status) {
    case "permission-denied":
      return (
        <StatusMessage
          state="permission-denied"
          tone="warning"
          title="Camera and microphone are blocked"
          testId={testId}
          actions={retry}
        >
          <p>
            To allow them, click the camera or lock icon in the address bar (or open this site's
            settings in your browser), set <strong>Camera</strong> and <strong>Microphone</strong>{" "}
            to <strong>Allow</strong>, then press Retry. You can also join without them; you'll
            still see and hear everyone.
          </p>
        </StatusMessage>
      );
    case "no-devices":
      return (
        <StatusMessage
          state="no-devices"
          tone="warning"
          title="No camera or microphone found"
          testId={testId}
          actions={retry}
        >
          <p>
            Plug one in and we'll pick it up (or press Retry). You can also join without them;
            you'll still see and hear everyone.
          </p>
        </StatusMessage>
      );
    case "device-busy":
      return (
        <StatusMessage
          state="error"
          tone="warning"
          title="Your camera or microphone is busy"
          testId={testId}
          actions={retry}
        >
          <p>Another app or tab may be using it. Close it, then press Retry.</p>
        </StatusMessage>
      );
    case "insecure-context":
      return (
        <StatusMessage
          state="error"
          tone="warning"
          title="Camera and microphone are unavailable here"
          testId={testId}
        >
          <p>
            Browsers only allow them on secure pages: open this page over https (or on localhost).
            You can still join to see and hear others.
          </p>
        </StatusMessage>
      );
    case "error":
      return (
        <StatusMessage
          state="error"
          tone="warning"
          title="Couldn't start your camera or microphone"
          testId={testId}
          actions={retry}
        />
      );
    default:
      return null;
  }
}

const MEDIA_PROBLEMS = new Set([
  "permission-denied",
  "no-devices",
  "device-busy",
  "insecure-context",
  "error",
]);

/** The pre-join screen: preview, devices, name, join. */
export function PreJoin({
  roomName,
  slug,
  media,
  micOn,
  camOn,
  onToggleMic,
  onToggleCamera,
  server,
  onRetryServer,
  joining,
  ready,
  onJoin,
}: PreJoinProps) {
  const [name, setName] = useState(readStoredName);
  const [nameError, setNameError] = useState<string | null>(null);
  const nameId = useId();
  const errorId = useId();
  const previewRef = useTrackElement<HTMLVideoElement>(media.videoTrack);

  const hasAudio = !!media.audioTrack;
  const hasVideo = !!media.videoTrack;
  const mediaProblem = MEDIA_PROBLEMS.has(media.status);
  const showPreview = hasVideo && camOn;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (joining) return;
    const result = validateDisplayName(name);
    if ("error" in result) {
      setNameError(result.error);
      return;
    }
    setNameError(null);
    storeName(result.name);
    onJoin(result.name);
  };

  // Exactly one message carries data-testid="status": the most important one.
  let primary: ReactNode = null;
  let secondaryMedia = false;
  if (joining) {
    primary = (
      <StatusMessage state="connecting" title={`Joining ${roomName}…`} busy>
        <p>Setting up your connection to the room.</p>
      </StatusMessage>
    );
  } else if (server.kind === "failed") {
    primary = (
      <StatusMessage
        state={server.failure.state}
        tone="error"
        title={server.failure.title}
        actions={
          <Button variant="secondary" onClick={onRetryServer}>
            Retry
          </Button>
        }
      >
        <p>{server.failure.detail}</p>
      </StatusMessage>
    );
    secondaryMedia = mediaProblem;
  } else if (mediaProblem) {
    primary = <MediaProblemMessage media={media} testId />;
  } else if (server.kind === "connecting") {
    primary = <StatusMessage state="connecting" title="Connecting to the media server…" busy />;
  }

  return (
    <main
      data-testid="prejoin"
      className="mx-auto grid min-h-dvh w-full max-w-6xl content-center gap-6 px-4 py-8 lg:grid-cols-[minmax(0,1.5fr)_minmax(0,1fr)] lg:gap-x-12"
    >
      <div className="min-w-0 lg:col-start-2 lg:row-start-1 lg:self-end">
        <p className="text-sm font-medium text-sky-400">Ready to join?</p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight text-balance break-words">
          {roomName}
        </h1>
        <p className="mt-1 font-mono text-sm text-neutral-400">/r/{slug}</p>
      </div>

      <section
        aria-label="Camera and microphone check"
        className="flex min-w-0 flex-col gap-4 lg:col-start-1 lg:row-span-2 lg:row-start-1 lg:self-center"
      >
        <div className="relative aspect-video w-full overflow-hidden rounded-2xl bg-neutral-900 shadow-2xl ring-1 ring-neutral-800">
          <video
            ref={previewRef}
            muted
            playsInline
            autoPlay
            aria-label="Your camera preview"
            className={`absolute inset-0 size-full -scale-x-100 object-cover ${showPreview ? "opacity-100" : "opacity-0"}`}
          />
          {showPreview ? null : (
            <div className="absolute inset-0 flex flex-col items-center justify-center gap-3 p-6 text-center text-sm text-neutral-300">
              {media.status === "requesting" || media.status === "idle" ? (
                <>
                  <Spinner className="text-sky-400" />
                  <p className="font-medium">Requesting camera and microphone…</p>
                  <p className="text-xs text-neutral-400">Allow access when your browser asks.</p>
                </>
              ) : mediaProblem ? (
                <p className="font-medium">
                  {media.status === "permission-denied"
                    ? "Camera and microphone are blocked"
                    : media.status === "no-devices"
                      ? "No camera or microphone found"
                      : "Camera unavailable"}
                </p>
              ) : !hasVideo ? (
                <p className="font-medium">No camera: others will see your initial</p>
              ) : (
                <p className="font-medium">Your camera is off</p>
              )}
            </div>
          )}
          <div className="absolute inset-x-0 bottom-3 flex justify-center gap-3">
            <ToggleButton
              label="Mute microphone"
              tooltip={micOn ? "Turn off microphone" : "Turn on microphone"}
              pressed={!micOn}
              disabled={!hasAudio}
              onClick={onToggleMic}
              icon={micOn && hasAudio ? <MicIcon /> : <MicOffIcon />}
              testId="prejoin-toggle-mic"
              compact
            />
            <ToggleButton
              label="Camera off"
              tooltip={camOn ? "Turn off camera" : "Turn on camera"}
              pressed={!camOn}
              disabled={!hasVideo}
              onClick={onToggleCamera}
              icon={camOn && hasVideo ? <CameraIcon /> : <CameraOffIcon />}
              testId="prejoin-toggle-camera"
              compact
            />
          </div>
        </div>

        <MicLevel track={micOn ? media.audioTrack : null} />

        <div className="grid gap-3 sm:grid-cols-2">
          <DevicePicker
            label="Microphone"
            testId="mic-select"
            devices={media.devices.audio}
            value={media.audioDeviceId}
            emptyText={hasAudio ? "Default microphone" : "No microphone available"}
            disabled={media.status === "requesting"}
            onChange={(id) => void media.selectDevice("audio", id)}
          />
          <DevicePicker
            label="Camera"
            testId="camera-select"
            devices={media.devices.video}
            value={media.videoDeviceId}
            emptyText={hasVideo ? "Default camera" : "No camera available"}
            disabled={media.status === "requesting"}
            onChange={(id) => void media.selectDevice("video", id)}
          />
        </div>
        {media.switchError ? (
          <p role="alert" className="text-sm text-amber-300">
            {media.switchError}
          </p>
        ) : null}
        {media.status === "ready" && media.missing.length > 0 ? (
          <p className="text-sm text-neutral-400">
            {media.missing.includes("video")
              ? "No camera found: you'll join with your microphone only."
              : "No microphone found: you'll join with your camera only."}
          </p>
        ) : null}
      </section>

      <section
        aria-label="Join"
        className="flex min-w-0 flex-col gap-6 lg:col-start-2 lg:row-start-2 lg:self-start"
      >
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <div className="flex flex-col gap-1.5">
            <label htmlFor={nameId} className="text-sm font-medium text-neutral-300">
              Your name
            </label>
            <input
              id={nameId}
              data-testid="display-name"
              name="displayName"
              type="text"
              autoComplete="name"
              required
              maxLength={LIMITS.displayNameMax}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (nameError) setNameError(null);
              }}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? errorId : undefined}
              placeholder="e.g. Ada Lovelace"
              className={`rounded-lg border bg-neutral-900 px-3 py-2.5 text-base text-neutral-100 placeholder:text-neutral-500 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-400 ${
                nameError ? "border-red-500" : "border-neutral-700 focus-visible:border-sky-400"
              }`}
            />
            {nameError ? (
              <p id={errorId} role="alert" className="text-sm text-red-400">
                {nameError}
              </p>
            ) : null}
          </div>

          <Button
            type="submit"
            variant="primary"
            data-testid="join-button"
            aria-label={joining ? "Joining…" : "Join now"}
            disabled={joining || !ready}
            className="py-3 text-base"
          >
            {joining ? <Spinner /> : null}
            {joining ? "Joining…" : "Join now"}
          </Button>
          {!hasAudio && !hasVideo && media.status !== "requesting" && media.status !== "idle" ? (
            <p className="text-sm text-neutral-400">You'll join without camera and microphone.</p>
          ) : (
            <p className="text-sm text-neutral-400">
              You'll join with your microphone {micOn && hasAudio ? "on" : "off"} and camera{" "}
              {camOn && hasVideo ? "on" : "off"}.
            </p>
          )}
        </form>

        {primary}
        {secondaryMedia ? <MediaProblemMessage media={media} testId={false} /> : null}
      </section>
    </main>
  );
}
