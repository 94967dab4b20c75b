"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  acquireMedia,
  acquireTrack,
  classifyMediaError,
  type DeviceKind,
  type DeviceLists,
  deviceIdOf,
  listDevices,
  type MediaProblem,
} from "./media";

export type MediaStatus = "idle" | "requesting" | "ready" | MediaProblem;

export interface LocalMediaState {
  status: MediaStatus;
  audioTrack: MediaStreamTrack | null;
  videoTrack: MediaStreamTrack | null;
  /** Kinds unavailable while the other works. */
  missing: DeviceKind[];
  devices: DeviceLists;
  audioDeviceId: string;
  videoDeviceId: string;
  /** A device switch that failed (the previous device is kept when possible). */
  switchError: string | null;
}

export interface LocalMedia extends LocalMediaState {
  /** (Re)starts camera and microphone. */
  start(): Promise<void>;
  /** Stops every local track (camera light off). */
  stop(): void;
  /** Restarts only the track of `kind` on `deviceId`. */
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void>;
}

const STORAGE_KEYS = {
  audio: "switchboard.audioDeviceId",
  video: "switchboard.videoDeviceId",
} as const;

const INITIAL: LocalMediaState = {
  status: "idle",
  audioTrack: null,
  videoTrack: null,
  missing: [],
  devices: { audio: [], video: [] },
  audioDeviceId: "",
  videoDeviceId: "",
  switchError: null,
};

function readPref(kind: DeviceKind): string | undefined {
  try {
    return window.localStorage.getItem(STORAGE_KEYS[kind]) ?? undefined;
  } catch {
    return undefined;
  }
}

function writePref(kind: DeviceKind, deviceId: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEYS[kind], deviceId);
  } catch {
    // Private mode or storage disabled: the choice is simply not remembered.
  }
}

/** The local camera and microphone: acquisition, device lists and device switching. */
export function useLocalMedia(): LocalMedia {
  const [state, setState] = useState<LocalMediaState>(INITIAL);
  const tracks = useRef<{ audio: MediaStreamTrack | null; video: MediaStreamTrack | null }>({
    audio: null,
    video: null,
  });
  const statusRef = useRef<MediaStatus>("idle");
  /** Bumped by start()/stop(): a slower, older request must not win. */
  const generation = useRef(0);
  const mounted = useRef(true);

  const update = useCallback((patch: Partial<LocalMediaState>) => {
    if (!mounted.current) return;
    if (patch.status) statusRef.current = patch.status;
    setState((s) => ({ ...s, ...patch }));
  }, []);

  const refreshDevices = useCallback(async () => {
    try {
      const devices = await listDevices();
      update({ devices });
    } catch {
      // enumerateDevices can fail in odd embeddings; the pickers then stay empty.
    }
  }, [update]);

  const stopTracks = useCallback(() => {
    tracks.current.audio?.stop();
    tracks.current.video?.stop();
    tracks.current = { audio: null, video: null };
  }, []);

  const stop = useCallback(() => {
    generation.current++;
    stopTracks();
    update({ status: "idle", audioTrack: null, videoTrack: null, missing: [] });
  }, [stopTracks, update]);

  const start = useCallback(async () => {
    const gen = ++generation.current;
    stopTracks();
    update({ status: "requesting", audioTrack: null, videoTrack: null, switchError: null });
    const result = await acquireMedia(
      { deviceId: readPref("audio") },
      { deviceId: readPref("video") },
    );
    if (gen !== generation.current || !mounted.current) {
      result.audio?.stop();
      result.video?.stop();
      return;
    }
    tracks.current = { audio: result.audio, video: result.video };
    update({
      status: result.problem ?? "ready",
      audioTrack: result.audio,
      videoTrack: result.video,
      missing: result.missing,
      audioDeviceId: deviceIdOf(result.audio),
      videoDeviceId: deviceIdOf(result.video),
    });
    await refreshDevices();
  }, [refreshDevices, stopTracks, update]);

  const selectDevice = useCallback(
    async (kind: DeviceKind, deviceId: string) => {
      const gen = generation.current;
      const old = tracks.current[kind];
      writePref(kind, deviceId);
      let track: MediaStreamTrack;
      try {
        track = await acquireTrack(kind, { deviceId, exact: true });
      } catch (error) {
        // Some cameras cannot be opened twice: release the old one and try again.
        if (old && classifyMediaError(error) === "device-busy") {
          old.stop();
          try {
            track = await acquireTrack(kind, { deviceId, exact: true });
          } catch {
            update({
              switchError: `Couldn't start that ${kind === "audio" ? "microphone" : "camera"}.`,
            });
            return;
          }
        } else {
          update({
            switchError: `Couldn't start that ${kind === "audio" ? "microphone" : "camera"}.`,
          });
          return;
        }
      }
      if (gen !== generation.current || !mounted.current) {
        track.stop();
        return;
      }
      if (old) track.enabled = old.enabled;
      old?.stop();
      tracks.current = { ...tracks.current, [kind]: track };
      update(
        kind === "audio"
          ? { audioTrack: track, audioDeviceId: deviceIdOf(track) || deviceId, switchError: null }
          : { videoTrack: track, videoDeviceId: deviceIdOf(track) || deviceId, switchError: null },
      );
    },
    [update],
  );

  useEffect(() => {
    mounted.current = true;
    const md = typeof navigator !== "undefined" ? navigator.mediaDevices : undefined;
    const onDeviceChange = () => {
      void refreshDevices();
      // A device was plugged in after "no devices": try again by itself.
      if (statusRef.current === "no-devices") void start();
    };
    md?.addEventListener("devicechange", onDeviceChange);
    void refreshDevices();
    return () => {
      mounted.current = false;
      md?.removeEventListener("devicechange", onDeviceChange);
      generation.current++;
      stopTracks();
    };
  }, [refreshDevices, start, stopTracks]);

  return { ...state, start, stop, selectDevice };
}
