"use client";

import type { LobbyEntry, Reaction, Room } from "@switchboard/client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Failure } from "@/lib/roomErrors";
import { useChat } from "@/lib/useChat";
import { useConnectionQuality } from "@/lib/useConnectionQuality";
import { useReactions } from "@/lib/useReactions";
import type { RoomSnapshot } from "@/lib/useRoom";
import type { ScreenShare } from "@/lib/useScreenShare";
import { useShortcuts } from "@/lib/useShortcuts";
import { Button } from "./Button";
import {
  CameraIcon,
  CameraOffIcon,
  ChatIcon,
  GridIcon,
  HandIcon,
  KeyboardIcon,
  LeaveIcon,
  LinkIcon,
  LockIcon,
  MicIcon,
  MicOffIcon,
  NotesIcon,
  ScreenIcon,
  SpeakerViewIcon,
  UsersIcon,
} from "./Icons";
import { ChatPanel } from "./room/ChatPanel";
import { ControlButton } from "./room/ControlButton";
import { NotesPanel } from "./room/NotesPanel";
import { ParticipantsPanel, type PersonRow } from "./room/ParticipantsPanel";
import { ReactionPicker } from "./room/ReactionPicker";
import { ReconnectingBanner } from "./room/ReconnectingBanner";
import { RemoteAudio } from "./room/RemoteAudio";
import { ShortcutsDialog } from "./room/ShortcutsDialog";
import { type Layout, Stage, type StageItem } from "./room/Stage";
import { type Toast, Toasts } from "./room/Toasts";
import { StatusMessage } from "./StatusMessage";
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
  room: Room;
  roomName: string;
  snapshot: RoomSnapshot;
  local: LocalParticipantView;
  screen: ScreenShare;
  notice: Failure | null;
  onDismissNotice(): void;
  onToggleMic(): void;
  onToggleCamera(): void;
  onLeave(): void;
}

type Panel = "chat" | "participants" | "notes" | null;

const SHORTCUTS_HELP = [
  { key: "M", description: "Mute or unmute your microphone" },
  { key: "V", description: "Turn your camera off or on" },
  { key: "H", description: "Raise or lower your hand" },
  { key: "?", description: "Show this list" },
];

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

/** Toasts that go away by themselves after a few seconds. */
function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((l) => l.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (toast: Omit<Toast, "id">, ms = 6000) => {
      const id = next.current++;
      setToasts((l) => [...l.slice(-3), { ...toast, id }]);
      setTimeout(() => dismiss(id), ms);
    },
    [dismiss],
  );
  return { toasts, push, dismiss };
}

/** The in-room screen: header, stage, side panel, controls. */
export function RoomView({
  room,
  roomName,
  snapshot,
  local,
  screen,
  notice,
  onDismissNotice,
  onToggleMic,
  onToggleCamera,
  onLeave,
}: RoomViewProps) {
  const { participants, activeSpeakerId, peerId, role } = snapshot;
  const count = participants.length + 1;
  const micMuted = !local.micOn || !local.hasAudio;
  const camOff = !local.camOn || !local.hasVideo;
  const moderator = role === "moderator";
  const [panel, setPanel] = useState<Panel>(null);
  const [layout, setLayout] = useState<Layout>("grid");
  const [pinned, setPinned] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const { toasts, push, dismiss } = useToasts();
  const chat = useChat(room, panel === "chat");
  const reactions = useReactions(room);
  const qualities = useConnectionQuality(room);
  const handRaised = snapshot.handRaisedAt !== null;

  const togglePanel = (p: Exclude<Panel, null>) =>
    setPanel((current) => (current === p ? null : p));
  const toggleHand = useCallback(() => {
    room.localParticipant
      .setHand(room.localParticipant.handRaisedAt === null)
      .catch(() => push({ text: "Couldn't change your hand. Try again.", tone: "warning" }));
  }, [room, push]);
  const react = (reaction: Reaction) => {
    room.localParticipant.react(reaction).catch(() => undefined);
  };

  // Notices from the room: moderator actions, the lock, people waiting in the lobby.
  useEffect(() => {
    let lobbyIds = new Set(room.lobby.entries.map((e) => e.id));
    const offMuted = room.localParticipant.on("mutedByModerator", (source) =>
      push({
        text:
          source === "mic"
            ? "You were muted by a moderator. Press M to unmute."
            : source === "camera"
              ? "Your camera was turned off by a moderator."
              : "Your screen share was paused by a moderator.",
        tone: "warning",
      }),
    );
    const offLock = room.moderation.on("lockChanged", (locked, by) =>
      push({ text: `${by || "A moderator"} ${locked ? "locked" : "unlocked"} the room.` }),
    );
    const offLobby = room.lobby.on("changed", (entries: readonly LobbyEntry[]) => {
      const fresh = entries.filter((e) => !lobbyIds.has(e.id));
      lobbyIds = new Set(entries.map((e) => e.id));
      if (fresh.length === 0) return;
      const names = fresh.map((e) => e.displayName).join(", ");
      push(
        {
          text: `${names} ${fresh.length === 1 ? "is" : "are"} waiting in the lobby.`,
          action: { label: "Review", run: () => setPanel("participants") },
        },
        15_000,
      );
    });
    const offBack = room.on("reconnected", () => push({ text: "You're back in the room." }, 3000));
    // Phone calls into the room (a moderator's dial-out): ringing, answered, busy, failed.
    const offPhone = room.moderation.on("phoneCall", (call) => {
      if (call.state === "ended") return;
      const text =
        call.state === "ringing"
          ? `Calling ${call.to}…`
          : call.state === "answered"
            ? `${call.to} answered.`
            : `${call.to}: ${call.reason ?? (call.state === "busy" ? "busy" : "the call failed")}.`;
      const failed = call.state === "busy" || call.state === "failed";
      push(failed ? { text, tone: "warning" } : { text });
    });
    return () => {
      offMuted();
      offLock();
      offLobby();
      offBack();
      offPhone();
    };
  }, [room, push]);

  useEffect(() => {
    if (screen.error) push({ text: screen.error, tone: "warning" });
  }, [screen.error, push]);

  useShortcuts([
    { key: "m", description: "mic", run: () => local.hasAudio && onToggleMic() },
    { key: "v", description: "camera", run: () => local.hasVideo && onToggleCamera() },
    { key: "h", description: "hand", run: toggleHand },
    { key: "?", description: "help", run: () => setHelpOpen(true) },
  ]);

  // Raised hands in the order they went up: 1, 2, 3…
  const handOrder = useMemo(() => {
    const raised: Array<[string, number]> = [];
    if (snapshot.handRaisedAt !== null) raised.push(["local", snapshot.handRaisedAt]);
    for (const p of participants) if (p.handRaisedAt !== null) raised.push([p.id, p.handRaisedAt]);
    raised.sort((a, b) => a[1] - b[1]);
    return new Map(raised.map(([id], i) => [id, i + 1]));
  }, [snapshot.handRaisedAt, participants]);

  const reactionsOf = (id: string) =>
    reactions.filter((r) => (r.peerId === peerId ? "local" : r.peerId) === id);

  const items: StageItem[] = [];
  if (screen.track) {
    items.push({
      key: "local:screen",
      kind: "screen",
      peerId: "local",
      name: local.name,
      isLocal: true,
      videoTrack: screen.track,
      cameraMuted: false,
      micMuted: false,
      speaking: false,
    });
  }
  for (const p of participants) {
    const shared = p.publication("screen");
    if (!shared) continue;
    items.push({
      key: `${p.id}:screen`,
      kind: "screen",
      peerId: p.id,
      name: p.displayName,
      isLocal: false,
      videoTrack: shared.track?.mediaStreamTrack ?? null,
      remoteVideo: shared,
      cameraMuted: p.isMuted("screen"),
      micMuted: false,
      speaking: false,
    });
  }
  items.push({
    key: "local",
    peerId: "local",
    name: local.name,
    isLocal: true,
    videoTrack: local.videoTrack,
    cameraMuted: camOff,
    micMuted,
    speaking: !!peerId && activeSpeakerId === peerId,
    handOrder: handOrder.get("local") ?? null,
    reactions: reactionsOf("local"),
    quality: qualities.get("local"),
    role,
  });
  for (const p of participants) {
    const camera = p.publication("camera");
    items.push({
      key: p.id,
      peerId: p.id,
      name: p.displayName,
      isLocal: false,
      videoTrack: camera?.track?.mediaStreamTrack ?? null,
      remoteVideo: camera ?? null,
      cameraMuted: p.isMuted("camera"),
      micMuted: p.isMuted("mic"),
      speaking: activeSpeakerId === p.id,
      handOrder: handOrder.get(p.id) ?? null,
      reactions: reactionsOf(p.id),
      quality: qualities.get(p.id),
      role: p.role,
      phone: p.kind === "phone",
    });
  }

  // A new shared screen switches to the presenter (speaker) layout.
  const screenKeys = items
    .filter((i) => i.kind === "screen")
    .map((i) => i.key)
    .join(",");
  const seenScreens = useRef("");
  useEffect(() => {
    const before = new Set(seenScreens.current.split(",").filter(Boolean));
    seenScreens.current = screenKeys;
    if (screenKeys.split(",").some((k) => k && !before.has(k))) setLayout("speaker");
  }, [screenKeys]);
  // A pinned participant who left is unpinned.
  const pinnedGone = pinned !== null && !items.some((i) => i.key === pinned);
  useEffect(() => {
    if (pinnedGone) setPinned(null);
  }, [pinnedGone]);

  const rows: PersonRow[] = [
    {
      id: "local",
      name: local.name,
      isLocal: true,
      role,
      micMuted,
      cameraMuted: camOff,
      handRaisedAt: snapshot.handRaisedAt,
    },
    ...participants.map((p) => ({
      id: p.id,
      name: p.displayName,
      isLocal: false,
      role: p.role,
      micMuted: p.isMuted("mic"),
      cameraMuted: p.isMuted("camera"),
      handRaisedAt: p.handRaisedAt,
    })),
  ];
  const lobbyCount = moderator ? snapshot.lobby.length : 0;

  return (
    <div data-testid="room" className="flex h-dvh flex-col bg-neutral-950">
      <header className="flex items-center justify-between gap-4 border-b border-neutral-900 px-4 py-3">
        <div className="flex min-w-0 items-center gap-3">
          <span
            className={`size-2 shrink-0 rounded-full ${
              snapshot.connectionState === "reconnecting" ? "bg-amber-400" : "bg-emerald-400"
            }`}
            aria-hidden="true"
          />
          <h1 className="truncate text-base font-semibold">{roomName}</h1>
          <span
            className="flex shrink-0 items-center gap-1 rounded-full bg-neutral-900 px-2 py-0.5 text-xs text-neutral-300"
            title={`${count} in the room`}
          >
            <UsersIcon className="size-3.5" />
            <span>
              {count}
              <span className="sr-only"> participants</span>
            </span>
          </span>
          {snapshot.locked ? (
            <span
              data-testid="locked-badge"
              className="flex shrink-0 items-center gap-1 rounded-full bg-amber-500/15 px-2 py-0.5 text-xs text-amber-200"
            >
              <LockIcon className="size-3.5" /> Locked
            </span>
          ) : null}
          {moderator ? (
            <span className="shrink-0 text-xs text-sky-300">You are a moderator</span>
          ) : null}
        </div>
        <div className="flex items-center gap-1">
          <Button
            variant="ghost"
            data-testid="layout-toggle"
            aria-label={layout === "grid" ? "Switch to speaker view" : "Switch to grid view"}
            title={layout === "grid" ? "Speaker view" : "Grid view"}
            onClick={() => {
              setLayout(layout === "grid" ? "speaker" : "grid");
              if (layout === "speaker") setPinned(null);
            }}
          >
            {layout === "grid" ? (
              <SpeakerViewIcon className="size-4" />
            ) : (
              <GridIcon className="size-4" />
            )}
            <span className="hidden sm:inline">{layout === "grid" ? "Speaker view" : "Grid"}</span>
          </Button>
          <CopyLinkButton />
        </div>
      </header>
      {snapshot.connectionState === "reconnecting" ? <ReconnectingBanner /> : null}

      <div className="flex min-h-0 flex-1">
        <main className="relative min-h-0 min-w-0 flex-1" data-layout={layout}>
          <Stage
            items={items}
            layout={layout}
            pinned={pinned}
            activeSpeakerKey={activeSpeakerId}
            onTogglePin={(key) => setPinned((p) => (p === key ? null : key))}
          />
          <div className="pointer-events-none absolute inset-x-0 top-3 z-10 flex flex-col items-center gap-2 px-3">
            {notice ? (
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
            ) : null}
            <Toasts toasts={toasts} onDismiss={dismiss} />
          </div>
        </main>
        {panel === "chat" ? (
          <ChatPanel room={room} messages={chat.messages} onClose={() => setPanel(null)} />
        ) : panel === "participants" ? (
          <ParticipantsPanel
            room={room}
            snapshot={snapshot}
            rows={rows}
            onClose={() => setPanel(null)}
          />
        ) : panel === "notes" ? (
          <NotesPanel room={room} onClose={() => setPanel(null)} />
        ) : null}
      </div>
      <RemoteAudio participants={participants} />

      <nav
        aria-label="Call controls"
        className="flex flex-wrap items-start justify-center gap-x-3 gap-y-2 border-t border-neutral-900 px-4 py-3 sm:gap-x-4"
      >
        <ToggleButton
          testId="toggle-mic"
          label="Mute microphone"
          visibleLabel="Mute"
          tooltip={micMuted ? "Unmute microphone (M)" : "Mute microphone (M)"}
          pressed={micMuted}
          disabled={!local.hasAudio}
          onClick={onToggleMic}
          icon={micMuted ? <MicOffIcon /> : <MicIcon />}
        />
        <ToggleButton
          testId="toggle-camera"
          label="Camera off"
          visibleLabel="Camera off"
          tooltip={camOff ? "Turn on camera (V)" : "Turn off camera (V)"}
          pressed={camOff}
          disabled={!local.hasVideo}
          onClick={onToggleCamera}
          icon={camOff ? <CameraOffIcon /> : <CameraIcon />}
        />
        <ControlButton
          testId="share-screen"
          label="Share screen"
          visibleLabel="Share screen"
          tooltip={screen.sharing ? "Stop sharing your screen" : "Share your screen"}
          pressed={screen.sharing}
          onClick={() => void (screen.sharing ? screen.stop() : screen.start())}
          icon={<ScreenIcon />}
        />
        <ControlButton
          testId="raise-hand"
          label="Raise hand"
          visibleLabel="Raise hand"
          tooltip={handRaised ? "Lower your hand (H)" : "Raise your hand (H)"}
          pressed={handRaised}
          tone="amber"
          onClick={toggleHand}
          icon={<HandIcon />}
        />
        <ReactionPicker onReact={react} />
        <ControlButton
          testId="chat-button"
          label="Chat"
          visibleLabel="Chat"
          pressed={panel === "chat"}
          badge={chat.unread}
          badgeLabel={`${chat.unread} unread`}
          onClick={() => togglePanel("chat")}
          icon={<ChatIcon />}
        />
        <ControlButton
          testId="participants-button"
          label="People in the room"
          visibleLabel="People"
          pressed={panel === "participants"}
          badge={lobbyCount}
          badgeLabel={`${lobbyCount} waiting in the lobby`}
          onClick={() => togglePanel("participants")}
          icon={<UsersIcon />}
        />
        <ControlButton
          testId="notes-button"
          label="Shared notes"
          visibleLabel="Notes"
          pressed={panel === "notes"}
          onClick={() => togglePanel("notes")}
          icon={<NotesIcon />}
        />
        <ControlButton
          testId="shortcuts-button"
          label="Keyboard shortcuts"
          visibleLabel="Shortcuts"
          tooltip="Keyboard shortcuts (?)"
          onClick={() => setHelpOpen(true)}
          icon={<KeyboardIcon />}
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
      <ShortcutsDialog
        open={helpOpen}
        shortcuts={SHORTCUTS_HELP}
        onClose={() => setHelpOpen(false)}
      />
    </div>
  );
}
