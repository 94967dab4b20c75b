"use client";

import type {
  ConnectionState,
  LobbyEntry,
  RemoteParticipant,
  Room,
  RoomEvents,
} from "@switchboard/client";
import { useEffect, useState } from "react";

export interface RoomSnapshot {
  /** Remote participants in join order. */
  participants: RemoteParticipant[];
  activeSpeakerId: string | null;
  connectionState: ConnectionState;
  /** Our own peer id once joined. */
  peerId: string | undefined;
  role: "moderator" | "guest" | undefined;
  locked: boolean;
  /** When our hand went up (server clock), null when down. */
  handRaisedAt: number | null;
  /** Moderators: who waits in the lobby. */
  lobby: readonly LobbyEntry[];
}

/** Every room event that changes what the room UI shows. */
const EVENTS = [
  "participantJoined",
  "participantLeft",
  "trackSubscribed",
  "trackUnsubscribed",
  "trackMuteChanged",
  "activeSpeakerChanged",
  "connectionStateChanged",
  "roomClosed",
  "handChanged",
  "reconnecting",
  "reconnected",
] as const satisfies ReadonlyArray<keyof RoomEvents>;

/**
 * Subscribes to the SDK's events and re-renders from the SDK's own state (`room.participants`,
 * `room.localParticipant`, `room.moderation`, `room.lobby`): the SDK stays the single source
 * of truth.
 */
export function useRoom(room: Room | null): RoomSnapshot {
  const [, setVersion] = useState(0);

  useEffect(() => {
    if (!room) return;
    const bump = () => setVersion((v) => v + 1);
    const offs = [
      ...EVENTS.map((event) => room.on(event, bump)),
      room.moderation.on("lockChanged", bump),
      room.lobby.on("changed", bump),
      room.localParticipant.on("mutedByModerator", bump),
    ];
    bump();
    return () => {
      for (const off of offs) off();
    };
  }, [room]);

  if (!room) {
    return {
      participants: [],
      activeSpeakerId: null,
      connectionState: "idle",
      peerId: undefined,
      role: undefined,
      locked: false,
      handRaisedAt: null,
      lobby: [],
    };
  }
  return {
    participants: [...room.participants.values()].sort((a, b) => a.joinedAt - b.joinedAt),
    activeSpeakerId: room.activeSpeakerId,
    connectionState: room.connectionState,
    peerId: room.localParticipant.peerId,
    role: room.localParticipant.role,
    locked: room.moderation.locked,
    handRaisedAt: room.localParticipant.handRaisedAt,
    lobby: room.lobby.entries,
  };
}
