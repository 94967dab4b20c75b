/**
 * Schemas for what people do in a room besides sending media: chat, raised hands,
 * reactions, the lobby and the shared notes. Imported by messages.ts, which puts them
 * on the wire.
 */
import { z } from "zod";
import { IdSchema } from "./mediasoup";

export const COLLABORATION_LIMITS = {
  /** Longest chat message, in characters (after trimming). */
  chatMax: 2000,
  /** Chat messages sent to a joiner as history. */
  chatHistory: 200,
  /** Largest shared-notes update (base64 characters). */
  notesUpdateMax: 48 * 1024,
} as const;

export const ChatTextSchema = z
  .string()
  .trim()
  .min(1, "a message cannot be empty")
  .max(
    COLLABORATION_LIMITS.chatMax,
    `a message can be at most ${COLLABORATION_LIMITS.chatMax} characters`,
  );

export const ChatMessageSchema = z.object({
  id: IdSchema,
  /** The sender's peer id at the time (they may have left since). */
  peerId: z.string(),
  displayName: z.string(),
  text: z.string(),
  /** Milliseconds since the epoch, server clock. */
  sentAt: z.number().int(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** The reactions a participant can send; anything else is refused. */
export const ReactionSchema = z.enum(["👍", "👏", "😂", "🎉", "❤️", "😮"]);
export type Reaction = z.infer<typeof ReactionSchema>;

/** Someone waiting in the lobby, as moderators see them. */
export const LobbyEntrySchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  since: z.number().int(),
});
export type LobbyEntry = z.infer<typeof LobbyEntrySchema>;

/** A Yjs update (or full state), base64-encoded. */
export const NotesUpdateSchema = z
  .string()
  .max(COLLABORATION_LIMITS.notesUpdateMax)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64 expected");

/** Sources a moderator can mute on someone else. */
export const MutableSourceSchema = z.enum(["mic", "camera", "screen"]);
