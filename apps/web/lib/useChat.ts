"use client";

import type { ChatMessage, Room } from "@switchboard/client";
import { useEffect, useState } from "react";

/** The room's chat (history first), and how many messages arrived while `open` was false. */
export function useChat(room: Room, open: boolean): { messages: ChatMessage[]; unread: number } {
  const { chat } = room;
  const [messages, setMessages] = useState<ChatMessage[]>(() => [...chat.messages]);
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    const sync = () => setMessages([...chat.messages]);
    const offMessage = chat.on("message", (message) => {
      sync();
      if (message.peerId !== room.localParticipant.peerId) setUnread((n) => n + 1);
    });
    // A rejoin replaces the history with the server's (it may hold what we missed).
    const offHistory = chat.on("history", sync);
    sync();
    return () => {
      offMessage();
      offHistory();
    };
  }, [room, chat]);

  useEffect(() => {
    if (open) setUnread(0);
  }, [open]);

  return { messages, unread: open ? 0 : unread };
}
