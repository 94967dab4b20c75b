"use client";

import type { ChatMessage, Room } from "@switchboard/client";
import { useEffect, useState } from "react";

/** The room's chat (history first), and how many messages arrived while `open` was false. */
export function useChat(room: Room, open: boolean): { messages: ChatMessage[]; unread: number } {
  const [messages, setMessages] = useState<ChatMessage[]>(() => [...room.chat]);
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    const sync = () => setMessages([...room.chat]);
    const offMessage = room.on("chatMessage", (message) => {
      sync();
      if (message.peerId !== room.peerId) setUnread((n) => n + 1);
    });
    // A rejoin replaces the history with the server's (it may hold what we missed).
    const offReconnected = room.on("reconnected", sync);
    sync();
    return () => {
      offMessage();
      offReconnected();
    };
  }, [room]);

  useEffect(() => {
    if (open) setUnread(0);
  }, [open]);

  return { messages, unread: open ? 0 : unread };
}
