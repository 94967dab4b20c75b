"use client";

import { Room, type Source } from "@switchboard/client";
import Link from "next/link";
import {
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { describeFailure, type Failure, removedFromRoom } from "@/lib/roomErrors";
import { resolveSfuUrl } from "@/lib/sfu";
import { useLocalMedia } from "@/lib/useLocalMedia";
import { useRoom } from "@/lib/useRoom";
import { useScreenShare } from "@/lib/useScreenShare";
import { Button, buttonClass } from "./Button";
import { Spinner } from "./Icons";
import { LobbyWaiting } from "./LobbyWaiting";
import { PreJoin, type ServerState } from "./PreJoin";
import { RoomView } from "./RoomView";
import { StatusMessage } from "./StatusMessage";

export interface RoomAppProps {
  slug: string;
  roomName: string;
  /** SFU_PUBLIC_URL, or null to use this page's hostname with `sfuPort`. */
  sfuUrl: string | null;
  sfuPort: string;
  /** Join token from the invitation link (`?token=`), if any. */
  token?: string | undefined;
}

/** prejoin → joining (→ lobby) → in-room → left | failed */
type Phase =
  | { kind: "prejoin" }
  | { kind: "joining" }
  /** Waiting for a moderator to let us in (the room has a lobby). */
  | { kind: "lobby" }
  | { kind: "in-room" }
  | { kind: "left" }
  | { kind: "failed"; failure: Failure };

const noopSubscribe = () => () => {};

/** True once hydrated: the call UI needs browser APIs, so the server renders a placeholder. */
function useIsClient(): boolean {
  return useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
}

function disconnected(): Failure {
  return {
    state: "disconnected",
    title: "You were disconnected",
    detail: "The connection to the media server was lost. Check your network, then rejoin.",
  };
}

function roomClosed(reason: string): Failure {
  return {
    state: "room-closed",
    title: "The room was closed",
    detail: reason
      ? `The media server closed this room (${reason}).`
      : "The media server closed this room.",
  };
}

/** The whole call experience for one room; one SDK Room per page. */
export function RoomApp({ slug, roomName, sfuUrl, sfuPort, token }: RoomAppProps) {
  const isClient = useIsClient();
  const [room, setRoom] = useState<Room | null>(null);
  const [phase, setPhaseState] = useState<Phase>({ kind: "prejoin" });
  const phaseRef = useRef<Phase>(phase);
  const [server, setServer] = useState<ServerState>({ kind: "idle" });
  const [displayName, setDisplayName] = useState("");
  const [micOn, setMicOn] = useState(true);
  const [camOn, setCamOn] = useState(true);
  const want = useRef({ mic: true, camera: true });
  const [notice, setNotice] = useState<Failure | null>(null);
  const leaving = useRef(false);
  const publishing = useRef(new Map<Source, MediaStreamTrack>());
  const localTracks = useRef<{ audio: MediaStreamTrack | null; video: MediaStreamTrack | null }>({
    audio: null,
    video: null,
  });

  const media = useLocalMedia();
  const snapshot = useRoom(room);
  const screen = useScreenShare(room, phase.kind === "in-room");
  const { audioTrack, videoTrack, stop: stopMedia } = media;
  /** Only called in the browser (effects and handlers). */
  const currentSfuUrl = useCallback(() => resolveSfuUrl(sfuUrl, sfuPort), [sfuUrl, sfuPort]);

  useEffect(() => {
    localTracks.current = { audio: audioTrack, video: videoTrack };
  }, [audioTrack, videoTrack]);

  const setPhase = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhaseState(next);
  }, []);

  // One SDK Room for the page's lifetime; left on unmount.
  useEffect(() => {
    const url = currentSfuUrl();
    let r: Room;
    try {
      r = new Room({ url });
    } catch (error) {
      // mediasoup-client refuses browsers without a usable WebRTC stack.
      setPhase({ kind: "failed", failure: describeFailure(error, url) });
      return;
    }
    window.__switchboard = r;
    setRoom(r);
    return () => {
      leaving.current = true;
      void r.leave();
      if (window.__switchboard === r) window.__switchboard = undefined;
    };
  }, [currentSfuUrl, setPhase]);

  // Unexpected disconnects and room closure while in the room.
  useEffect(() => {
    if (!room) return;
    const offState = room.on("connectionStateChanged", (state) => {
      if (state !== "disconnected" || leaving.current) return;
      if (phaseRef.current.kind !== "in-room" && phaseRef.current.kind !== "lobby") return;
      setPhase({ kind: "failed", failure: disconnected() });
      stopMedia();
    });
    const offClosed = room.on("roomClosed", (reason) => {
      const p = phaseRef.current;
      if (p.kind === "in-room" || (p.kind === "failed" && p.failure.state === "disconnected")) {
        setPhase({ kind: "failed", failure: roomClosed(reason) });
        stopMedia();
      }
    });
    const offRemoved = room.on("removed", (reason) => {
      setPhase({ kind: "failed", failure: removedFromRoom(reason) });
      stopMedia();
    });
    // The room view says so in a toast; here the toggles follow.
    const offMuted = room.localParticipant.on("mutedByModerator", (source) => {
      if (source !== "mic" && source !== "camera") return;
      want.current = { ...want.current, [source]: false };
      if (source === "mic") setMicOn(false);
      else setCamOn(false);
    });
    const offLobby = room.lobby.on("waiting", () => {
      if (phaseRef.current.kind === "joining") setPhase({ kind: "lobby" });
    });
    return () => {
      offLobby();
      offState();
      offClosed();
      offRemoved();
      offMuted();
    };
  }, [room, setPhase, stopMedia]);

  // Connect to the SFU as soon as the pre-join screen shows, so that Join is fast.
  const connectEarly = useCallback(
    (r: Room) => {
      setServer({ kind: "connecting" });
      r.connect().then(
        () => setServer({ kind: "connected" }),
        (error: unknown) =>
          setServer({ kind: "failed", failure: describeFailure(error, currentSfuUrl()) }),
      );
    },
    [currentSfuUrl],
  );
  useEffect(() => {
    if (room && phase.kind === "prejoin") {
      leaving.current = false;
      connectEarly(room);
    }
  }, [room, phase.kind, connectEarly]);

  // Camera and microphone while on the pre-join screen (and kept for the call).
  const mediaStatus = media.status;
  const startMedia = media.start;
  useEffect(() => {
    if (phase.kind === "prejoin" && mediaStatus === "idle") void startMedia();
  }, [phase.kind, mediaStatus, startMedia]);

  // Local tracks follow the toggles (a disabled track sends nothing visible or audible).
  useEffect(() => {
    if (audioTrack) audioTrack.enabled = micOn;
  }, [audioTrack, micOn]);
  useEffect(() => {
    if (videoTrack) videoTrack.enabled = camOn;
  }, [videoTrack, camOn]);

  /** Publishes (or replaces) each local track, then applies the wanted mute state. */
  const publishLocal = useCallback(async (r: Room, tracks: Array<[Source, MediaStreamTrack]>) => {
    const jobs = tracks.map(async ([source, track]) => {
      publishing.current.set(source, track);
      try {
        const paused = source === "mic" ? !want.current.mic : !want.current.camera;
        await r.localParticipant.publish(track, source, { paused });
      } finally {
        if (publishing.current.get(source) === track) publishing.current.delete(source);
      }
    });
    const results = await Promise.allSettled(jobs);
    const failed = results.some((res) => res.status === "rejected");
    if (failed && phaseRef.current.kind === "in-room") {
      setNotice({
        state: "error",
        title: "Others can't see or hear you",
        detail: "Sending your camera or microphone failed. Leave and rejoin to try again.",
      });
    }
  }, []);

  // In the room: publish the preview tracks (in parallel); a device switch replaces a track.
  useEffect(() => {
    if (phase.kind !== "in-room" || !room) return;
    const todo: Array<[Source, MediaStreamTrack]> = [];
    for (const [source, track] of [
      ["mic", audioTrack],
      ["camera", videoTrack],
    ] as const) {
      if (track?.readyState !== "live") continue;
      if (publishing.current.get(source) === track) continue;
      const published = room.localParticipant.publication(source);
      if (published && !published.closed && published.track === track) continue;
      todo.push([source, track]);
    }
    if (todo.length > 0) void publishLocal(room, todo);
  }, [phase.kind, room, audioTrack, videoTrack, publishLocal]);

  const join = useCallback(
    async (name: string) => {
      window.__joinClickedAt = performance.now();
      if (!room) return;
      setDisplayName(name);
      setNotice(null);
      setPhase({ kind: "joining" });
      try {
        await room.join(slug, name, token ? { token } : {});
      } catch (error) {
        const now = phaseRef.current.kind;
        if (now !== "joining" && now !== "lobby") return;
        const failure = describeFailure(error, currentSfuUrl());
        // Stay on the pre-join screen for server problems; the rest get their own screen.
        if (failure.state === "server-unreachable") {
          setServer({ kind: "failed", failure });
          setPhase({ kind: "failed", failure });
        } else {
          setPhase({ kind: "failed", failure });
        }
        return;
      }
      setServer({ kind: "connected" });
      setPhase({ kind: "in-room" });
      // Publish right away (not one render later): camera and mic in parallel.
      const { audio, video } = localTracks.current;
      const tracks: Array<[Source, MediaStreamTrack]> = [];
      if (audio?.readyState === "live") tracks.push(["mic", audio]);
      if (video?.readyState === "live") tracks.push(["camera", video]);
      if (tracks.length > 0) void publishLocal(room, tracks);
    },
    [room, slug, token, currentSfuUrl, setPhase, publishLocal],
  );

  const toggle = useCallback(
    (source: "mic" | "camera") => {
      const on = source === "mic" ? !want.current.mic : !want.current.camera;
      want.current = { ...want.current, [source]: on };
      if (source === "mic") setMicOn(on);
      else setCamOn(on);
      const track = source === "mic" ? audioTrack : videoTrack;
      if (track) track.enabled = on;
      if (room && phaseRef.current.kind === "in-room") {
        room.localParticipant.setMuted(source, !on).catch(() =>
          setNotice({
            state: "error",
            title: on ? "Couldn't turn it back on" : "Couldn't mute",
            detail: "The media server did not confirm the change. Try again.",
          }),
        );
      }
    },
    [room, audioTrack, videoTrack],
  );

  const leave = useCallback(async () => {
    leaving.current = true;
    setPhase({ kind: "left" });
    stopMedia();
    await room?.leave().catch(() => undefined);
  }, [room, stopMedia, setPhase]);

  /** Back to the pre-join screen (media and connection restart there). */
  const backToPreJoin = useCallback(() => {
    setNotice(null);
    setPhase({ kind: "prejoin" });
  }, [setPhase]);

  if (!isClient || (!room && phase.kind !== "failed")) {
    return (
      <div className="flex min-h-dvh items-center justify-center gap-3 text-neutral-400">
        <Spinner />
        <span>Loading {roomName}…</span>
      </div>
    );
  }

  if (phase.kind === "lobby") {
    return (
      <LobbyWaiting
        roomName={roomName}
        videoTrack={camOn ? videoTrack : null}
        micOn={micOn && !!audioTrack}
        camOn={camOn && !!videoTrack}
        onToggleMic={() => toggle("mic")}
        onToggleCamera={() => toggle("camera")}
        onLeave={() => void leave()}
      />
    );
  }

  if (phase.kind === "in-room" && room) {
    return (
      <RoomView
        room={room}
        screen={screen}
        roomName={roomName}
        snapshot={snapshot}
        local={{
          name: displayName,
          videoTrack,
          micOn,
          camOn,
          hasAudio: !!audioTrack,
          hasVideo: !!videoTrack,
        }}
        notice={notice}
        onDismissNotice={() => setNotice(null)}
        onToggleMic={() => toggle("mic")}
        onToggleCamera={() => toggle("camera")}
        onLeave={() => void leave()}
      />
    );
  }

  if (phase.kind === "left") {
    return (
      <Screen roomName={roomName}>
        <StatusMessage
          state="left"
          tone="neutral"
          size="lg"
          title="You left the room"
          actions={
            <>
              <Button variant="primary" onClick={backToPreJoin}>
                Rejoin
              </Button>
              <Link href="/" className={buttonClass("secondary")}>
                Home
              </Link>
            </>
          }
        >
          <p>
            You left <strong>{roomName}</strong>. Your camera and microphone are off.
          </p>
        </StatusMessage>
      </Screen>
    );
  }

  if (phase.kind === "failed" && phase.failure.state !== "server-unreachable") {
    const { failure } = phase;
    const rejoin = failure.state === "disconnected" || failure.state === "room-closed";
    const again = failure.state === "lobby-denied" ? "Ask again" : "Try again";
    return (
      <Screen roomName={roomName}>
        <StatusMessage
          state={failure.state}
          tone="error"
          size="lg"
          title={failure.title}
          actions={
            <>
              {room ? (
                <Button variant="primary" onClick={backToPreJoin}>
                  {rejoin ? "Rejoin" : again}
                </Button>
              ) : null}
              <Link href="/" className={buttonClass("secondary")}>
                Home
              </Link>
            </>
          }
        >
          <p>{failure.detail}</p>
        </StatusMessage>
      </Screen>
    );
  }

  // Pre-join, joining, and "server unreachable" (shown on the pre-join screen with Retry).
  return (
    <PreJoin
      roomName={roomName}
      slug={slug}
      media={media}
      micOn={micOn}
      camOn={camOn}
      onToggleMic={() => toggle("mic")}
      onToggleCamera={() => toggle("camera")}
      server={server}
      onRetryServer={() => {
        if (!room) return;
        if (phaseRef.current.kind !== "prejoin") setPhase({ kind: "prejoin" });
        else connectEarly(room);
      }}
      joining={phase.kind === "joining"}
      ready={!!room}
      onJoin={(name) => void join(name)}
    />
  );
}

function Screen({ roomName, children }: { roomName: string; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-lg">
        <p className="mb-3 truncate text-sm font-medium text-neutral-400">{roomName}</p>
        {children}
      </div>
    </main>
  );
}
