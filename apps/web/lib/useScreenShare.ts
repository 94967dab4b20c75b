"use client";

import type { Room } from "@switchboard/client";
import { useCallback, useEffect, useRef, useState } from "react";

export interface ScreenShare {
  /** Our shared screen's video while sharing. */
  track: MediaStreamTrack | null;
  sharing: boolean;
  error: string | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Shares the screen: video as "screen", its audio (a tab's sound, if the user ticked it)
 * as "screen-audio". Stops when the browser's own "Stop sharing" ends the track, and when
 * `active` turns false (we left the room).
 */
export function useScreenShare(room: Room | null, active: boolean): ScreenShare {
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stream = useRef<MediaStream | null>(null);

  const stop = useCallback(async () => {
    const current = stream.current;
    stream.current = null;
    setTrack(null);
    if (!current) return;
    for (const t of current.getTracks()) t.stop();
    if (room) {
      await Promise.allSettled([
        room.localParticipant.unpublish("screen"),
        room.localParticipant.unpublish("screen-audio"),
      ]);
    }
  }, [room]);

  const start = useCallback(async () => {
    if (!room || stream.current) return;
    setError(null);
    let captured: MediaStream;
    try {
      captured = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true });
    } catch (e) {
      // The user closing the picker is not an error worth a message.
      if (!(e instanceof DOMException && e.name === "NotAllowedError")) {
        setError("Your browser could not share the screen.");
      }
      return;
    }
    const video = captured.getVideoTracks()[0];
    const audio = captured.getAudioTracks()[0];
    if (!video) {
      for (const t of captured.getTracks()) t.stop();
      return;
    }
    stream.current = captured;
    video.contentHint = "detail";
    video.addEventListener("ended", () => void stop(), { once: true });
    setTrack(video);
    try {
      await room.localParticipant.publish(video, "screen");
      if (audio) await room.localParticipant.publish(audio, "screen-audio");
    } catch {
      setError("Sharing your screen failed. Try again.");
      await stop();
    }
  }, [room, stop]);

  useEffect(() => {
    if (!active && stream.current) void stop();
  }, [active, stop]);
  useEffect(
    () => () => {
      for (const t of stream.current?.getTracks() ?? []) t.stop();
    },
    [],
  );

  return { track, sharing: !!track, error, start, stop };
}
