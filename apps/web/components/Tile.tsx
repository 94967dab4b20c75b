"use client";

import type { RemoteTrackPublication } from "@switchboard/client";
import { memo, type RefObject, useEffect, useRef, useState } from "react";
import type { ConnectionQuality } from "@/lib/quality";
import { useConsumerVisibility } from "@/lib/useConsumerVisibility";
import type { FloatingReaction } from "@/lib/useReactions";
import { useTrackElement } from "@/lib/useTrackElement";
import { MicOffIcon, PhoneIcon, PinIcon } from "./Icons";
import { ConnectionIndicator } from "./room/ConnectionIndicator";

export interface TileProps {
  /** Participant id, or "local" for our own tile. */
  peerId: string;
  name: string;
  isLocal: boolean;
  /** "screen": someone's shared screen (shown whole, not cropped). */
  kind?: "person" | "screen";
  videoTrack: MediaStreamTrack | null;
  /** The SDK publication behind a remote video: forwarded only while the tile is on screen. */
  remoteVideo?: RemoteTrackPublication | null;
  cameraMuted: boolean;
  micMuted: boolean;
  speaking: boolean;
  /** 1 for the first raised hand, 2 for the next…; null when the hand is down. */
  handOrder?: number | null;
  reactions?: FloatingReaction[];
  quality?: ConnectionQuality | undefined;
  pinned?: boolean;
  onTogglePin?: (() => void) | undefined;
  role?: "moderator" | "guest" | undefined;
  /** A caller on the telephone network: a phone tile instead of a camera. */
  phone?: boolean;
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

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th");
  return `${n}${s}`;
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

/**
 * One participant (or a shared screen): video or an initial-letter avatar, name, mute,
 * speaking, raised hand with its place in the queue, reactions, connection quality, pin.
 * Audio is played elsewhere (RemoteAudio), so a tile off screen or on another page
 * stops its video but never its sound.
 */
export const Tile = memo(function Tile({
  peerId,
  name,
  isLocal,
  kind = "person",
  videoTrack,
  remoteVideo = null,
  cameraMuted,
  micMuted,
  speaking,
  handOrder = null,
  reactions = [],
  quality,
  pinned = false,
  onTogglePin,
  role,
  phone = false,
}: TileProps) {
  const figureRef = useRef<HTMLElement>(null);
  const videoRef = useTrackElement<HTMLVideoElement>(videoTrack);
  useFirstFrameMark(videoRef, videoTrack, !isLocal);
  useConsumerVisibility(figureRef, remoteVideo, kind === "person");
  const hasFrames = useHasFrames(videoRef, videoTrack);
  const screen = kind === "screen";
  // Until the first frame arrives, the avatar is nicer than a black box.
  const cameraOff = !videoTrack || cameraMuted;
  const showVideo = !cameraOff && hasFrames;
  const who = isLocal ? `${name} (You)` : name;
  const label = screen ? `${isLocal ? "Your" : `${name}'s`} screen` : who;
  const states = screen
    ? ""
    : `${micMuted ? ", microphone muted" : ""}${cameraOff ? ", camera off" : ""}${
        speaking ? ", speaking" : ""
      }${handOrder ? `, hand raised (${ordinal(handOrder)})` : ""}`;

  return (
    <figure
      ref={figureRef}
      data-testid={screen ? "screen-tile" : "tile"}
      data-peer-id={peerId}
      data-name={name}
      data-camera-muted={String(cameraMuted)}
      data-mic-muted={String(micMuted)}
      data-speaking={String(speaking)}
      data-hand={handOrder ?? undefined}
      data-pinned={String(pinned)}
      aria-label={`${label}${states}`}
      className={`group/tile relative aspect-video w-full overflow-hidden rounded-2xl bg-neutral-900 transition-shadow ${
        speaking && !screen ? "speaking-ring ring-4 ring-emerald-400" : "ring-2 ring-neutral-800"
      }`}
    >
      <video
        ref={videoRef}
        autoPlay
        playsInline
        muted
        className={`absolute inset-0 size-full ${screen ? "object-contain" : "object-cover"} ${
          isLocal && !screen ? "-scale-x-100" : ""
        } ${showVideo ? "opacity-100" : "opacity-0"}`}
      />
      {showVideo ? null : (
        <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 bg-neutral-900">
          <span
            aria-hidden="true"
            className={`flex size-12 items-center justify-center rounded-full text-xl font-semibold text-white sm:size-16 sm:text-2xl ${avatarColor(name)}`}
          >
            {phone ? <PhoneIcon className="size-6 sm:size-8" /> : initialOf(name)}
          </span>
          <span className="text-xs text-neutral-300">
            {phone
              ? "On the phone"
              : cameraOff
                ? screen
                  ? "Screen paused"
                  : "Camera off"
                : "Connecting video…"}
          </span>
        </div>
      )}
      {handOrder ? (
        <span
          data-testid="hand-badge"
          data-order={handOrder}
          className="absolute top-2 left-2 flex items-center gap-1 rounded-full bg-amber-400 px-2 py-0.5 text-sm font-semibold text-neutral-950"
          title={`Hand raised: ${ordinal(handOrder)} in line`}
        >
          <span aria-hidden="true">✋</span>
          {handOrder}
        </span>
      ) : null}
      {onTogglePin ? (
        <button
          type="button"
          data-testid="pin-button"
          aria-label={`${pinned ? "Unpin" : "Pin"} ${label}`}
          aria-pressed={pinned}
          title={pinned ? "Unpin" : "Pin: keep large"}
          onClick={onTogglePin}
          className={`absolute top-2 right-2 rounded-full bg-neutral-950/70 p-1.5 text-neutral-100 transition-opacity hover:bg-neutral-800 focus-visible:opacity-100 ${
            pinned ? "opacity-100" : "opacity-0 group-hover/tile:opacity-100"
          }`}
        >
          <PinIcon className="size-4" />
        </button>
      ) : null}
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 bottom-10 flex justify-center"
      >
        {reactions.map((r, i) => (
          <span
            key={r.key}
            data-testid="reaction"
            className="reaction-float absolute text-4xl"
            style={{ left: `${40 + ((i * 17) % 30)}%` }}
          >
            {r.reaction}
          </span>
        ))}
      </div>
      <figcaption className="absolute inset-x-2 bottom-2 flex items-center gap-1.5">
        <span className="flex min-w-0 items-center gap-1.5 rounded-md bg-neutral-950/70 px-2 py-1 text-xs font-medium text-neutral-100 backdrop-blur-sm sm:text-sm">
          {micMuted && !screen ? <MicOffIcon className="size-3.5 shrink-0 text-red-400" /> : null}
          <span className="truncate">{label}</span>
          {role === "moderator" && !screen ? (
            <span className="shrink-0 text-[10px] font-semibold uppercase tracking-wide text-sky-300">
              Host
            </span>
          ) : null}
        </span>
        {quality && !screen ? (
          <span className="ml-auto">
            <ConnectionIndicator quality={quality} />
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
});
