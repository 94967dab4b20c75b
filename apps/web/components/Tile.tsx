"use client";

import { memo, type RefObject, useEffect, useState } from "react";
import { useTrackElement } from "@/lib/useTrackElement";
import { MicOffIcon } from "./Icons";

export interface TileProps {
  /** Participant id, or "local" for our own tile. */
  peerId: string;
  name: string;
  isLocal: boolean;
  videoTrack: MediaStreamTrack | null;
  /** Remote microphone; never set for the local tile (we must not hear ourselves). */
  audioTrack: MediaStreamTrack | null;
  cameraMuted: boolean;
  micMuted: boolean;
  speaking: boolean;
}

const AVATAR_COLORS = [
  "bg-sky-700",
  "bg-violet-700",
  "bg-emerald-700",
  "bg-amber-700",
  "bg-rose-700",
  "bg-teal-700",
  "bg-indigo-700",
  "bg-fuchsia-700",
];

function avatarColor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length] ?? "bg-neutral-700";
}

function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? "?";
}

/** Join benchmark: the first remote video frame actually rendered on this page. */
function useFirstFrameMark(
  videoRef: RefObject<HTMLVideoElement | null>,
  track: MediaStreamTrack | null,
  on: boolean,
) {
  useEffect(() => {
    const video = videoRef.current;
    if (!on || !video || !track || window.__firstRemoteFrameAt !== undefined) return;
    let done = false;
    const mark = () => {
      if (done) return;
      done = true;
      window.__firstRemoteFrameAt ??= performance.now();
    };
    if (typeof video.requestVideoFrameCallback === "function") {
      const handle = video.requestVideoFrameCallback(mark);
      return () => {
        done = true;
        video.cancelVideoFrameCallback(handle);
      };
    }
    video.addEventListener("playing", mark, { once: true });
    return () => {
      done = true;
      video.removeEventListener("playing", mark);
    };
  }, [videoRef, track, on]);
}

/** Whether the element has decoded a frame of the current track. */
function useHasFrames(
  videoRef: RefObject<HTMLVideoElement | null>,
  track: MediaStreamTrack | null,
) {
  const [ready, setReady] = useState<MediaStreamTrack | null>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !track) return;
    const check = () => {
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        setReady(track);
      }
    };
    check();
    const events = ["loadeddata", "resize", "playing"] as const;
    for (const e of events) video.addEventListener(e, check);
    return () => {
      for (const e of events) video.removeEventListener(e, check);
    };
  }, [videoRef, track]);
  return !!track && ready === track;
}

/** One participant: video (or an initial-letter avatar), name, mute and speaking state. */
export const Tile = memo(function Tile({
  peerId,
  name,
  isLocal,
  videoTrack,
  audioTrack,
  cameraMuted,
  micMuted,
  speaking,
}: TileProps) {
  const videoRef = useTrackElement<HTMLVideoElement>(videoTrack);
  const audioRef = useTrackElement<HTMLAudioElement>(isLocal ? null : audioTrack);
  useFirstFrameMark(videoRef, videoTrack, !isLocal);
  const hasFrames = useHasFrames(videoRef, videoTrack);
  // Until the first frame arrives, the avatar is nicer than a black box.
  const cameraOff = !videoTrack || cameraMuted;
  const showVideo = !cameraOff && hasFrames;
  const label = isLocal ? `${name} (You)` : name;

  return (
    <figure
      data-testid="tile"
      data-peer-id={peerId}
      data-name={name}
      data-camera-muted={String(cameraMuted)}
      data-mic-muted={String(micMuted)}
      data-speaking={String(speaking)}
      aria-label={`${label}${micMuted ? ", microphone muted" : ""}${cameraOff ? ", camera off" : ""}${speaking ? ", speaking" : ""}`}
      className={`relative aspect-video w-full overflow-hidden rounded-2xl bg-neutral-900 transition-shadow ${
        speaking ? "speaking-ring ring-4 ring-emerald-400" : "ring-2 ring-neutral-800"
      }`}
    >
      <video
        ref={videoRef}
        autoPlay
        playsInline
        muted
        className={`absolute inset-0 size-full object-cover ${isLocal ? "-scale-x-100" : ""} ${
          showVideo ? "opacity-100" : "opacity-0"
        }`}
      />
      {isLocal ? null : (
        // biome-ignore lint/a11y/useMediaCaption: live call audio has no captions track.
        <audio ref={audioRef} autoPlay hidden />
      )}
      {showVideo ? null : (
        <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 bg-neutral-900">
          <span
            aria-hidden="true"
            className={`flex size-16 items-center justify-center rounded-full text-2xl font-semibold text-white sm:size-20 sm:text-3xl ${avatarColor(name)}`}
          >
            {initialOf(name)}
          </span>
          <span className="text-xs text-neutral-400">
            {cameraOff ? "Camera off" : "Connecting video…"}
          </span>
        </div>
      )}
      <figcaption className="absolute inset-x-2 bottom-2 flex items-center gap-1.5">
        <span className="flex min-w-0 items-center gap-1.5 rounded-md bg-neutral-950/70 px-2 py-1 text-xs font-medium text-neutral-100 backdrop-blur-sm sm:text-sm">
          {micMuted ? <MicOffIcon className="size-3.5 shrink-0 text-red-400" /> : null}
          <span className="truncate">{label}</span>
        </span>
      </figcaption>
    </figure>
  );
});
