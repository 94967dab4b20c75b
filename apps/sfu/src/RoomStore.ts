import type { ChatMessage } from "@switchboard/protocol";
import type { NotesStore } from "./SharedNotes";

/** What a live room keeps beyond its own life: chat, notes and the lock. */
export interface RoomStore {
  addChat(input: { peerId: string; displayName: string; text: string }): Promise<ChatMessage>;
  /** The last `limit` messages, oldest first. */
  chatHistory(limit: number): Promise<ChatMessage[]>;
  setLocked(locked: boolean): Promise<void>;
  notes: NotesStore;
}
