/** getUserMedia helpers and the classification of what can go wrong with devices. */

export type DeviceKind = "audio" | "video";

/** Why we have no camera/microphone. */
export type MediaProblem =
  | "permission-denied"
  | "no-devices"
  | "device-busy"
  | "insecure-context"
  | "error";

export const VIDEO_SIZE = { width: 1280, height: 720 } as const;

export function classifyMediaError(error: unknown): MediaProblem {
  const name =
    typeof error === "object" && error !== null && "name" in error
      ? String((error as { name: unknown }).name)
      : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "permission-denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "no-devices";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "device-busy";
    default:
      return "error";
  }
}

export interface DeviceChoice {
  deviceId?: string;
  /** `exact` fails when the device is gone; `ideal` falls back to another one. */
  exact?: boolean;
}

export function constraintsFor(kind: DeviceKind, choice: DeviceChoice = {}): MediaTrackConstraints {
  const device = choice.deviceId
    ? { deviceId: choice.exact ? { exact: choice.deviceId } : { ideal: choice.deviceId } }
    : {};
  return kind === "video" ? { ...VIDEO_SIZE, ...device } : { ...device };
}

function mediaDevicesAvailable(): boolean {
  return typeof navigator !== "undefined" && !!navigator.mediaDevices?.getUserMedia;
}

/** One track of `kind`, or throws the browser's error. */
export async function acquireTrack(
  kind: DeviceKind,
  choice: DeviceChoice = {},
): Promise<MediaStreamTrack> {
  if (!mediaDevicesAvailable()) throw new DOMException("getUserMedia unavailable", "SecurityError");
  const stream = await navigator.mediaDevices.getUserMedia({
    [kind]: constraintsFor(kind, choice),
  });
  const track = kind === "audio" ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
  if (!track) throw new DOMException(`no ${kind} track`, "NotFoundError");
  return track;
}

export interface AcquiredMedia {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  /** Set when we got nothing at all. */
  problem: MediaProblem | null;
  /** Kinds we could not get while the other one works (e.g. a laptop without camera). */
  missing: DeviceKind[];
}

/**
 * Camera and microphone in one prompt. When that fails for a reason other than a refusal,
 * each kind is tried on its own so that a missing camera does not cost the microphone.
 */
export async function acquireMedia(
  audio: DeviceChoice,
  video: DeviceChoice,
): Promise<AcquiredMedia> {
  if (!mediaDevicesAvailable()) {
    return { audio: null, video: null, problem: "insecure-context", missing: [] };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: constraintsFor("audio", audio),
      video: constraintsFor("video", video),
    });
    const a = stream.getAudioTracks()[0] ?? null;
    const v = stream.getVideoTracks()[0] ?? null;
    return { audio: a, video: v, problem: null, missing: missingKinds(a, v) };
  } catch (error) {
    const problem = classifyMediaError(error);
    if (problem === "permission-denied") {
      return { audio: null, video: null, problem, missing: [] };
    }
    const [a, v] = await Promise.all([
      acquireTrack("audio").catch(() => null),
      acquireTrack("video").catch(() => null),
    ]);
    if (!a && !v) return { audio: null, video: null, problem, missing: [] };
    return { audio: a, video: v, problem: null, missing: missingKinds(a, v) };
  }
}

function missingKinds(a: MediaStreamTrack | null, v: MediaStreamTrack | null): DeviceKind[] {
  const missing: DeviceKind[] = [];
  if (!a) missing.push("audio");
  if (!v) missing.push("video");
  return missing;
}

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface DeviceLists {
  audio: DeviceOption[];
  video: DeviceOption[];
}

/** Microphones and cameras; labels are only known once the user has allowed access. */
export async function listDevices(): Promise<DeviceLists> {
  if (typeof navigator === "undefined" || !navigator.mediaDevices?.enumerateDevices) {
    return { audio: [], video: [] };
  }
  const devices = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind: MediaDeviceKind, fallback: string): DeviceOption[] =>
    devices
      .filter((d) => d.kind === kind && d.deviceId !== "")
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${fallback} ${i + 1}` }));
  return { audio: pick("audioinput", "Microphone"), video: pick("videoinput", "Camera") };
}

export function deviceIdOf(track: MediaStreamTrack | null): string {
  return track?.getSettings().deviceId ?? "";
}
