export type {
  ChatMessage,
  LobbyEntry,
  PhoneCall,
  Reaction,
  Source,
} from "@switchboard/protocol";
export { ReactionSchema } from "@switchboard/protocol";
export { LocalParticipant, type LocalParticipantEvents } from "./participant/LocalParticipant";
export { RemoteParticipant } from "./participant/RemoteParticipant";
export type { RemoteParticipantsEvents } from "./participant/RemoteParticipants";
export { Chat, type ChatEvents } from "./room/Chat";
export { Lobby, type LobbyEvents } from "./room/Lobby";
export { Moderation, type ModerationEvents } from "./room/Moderation";
export { Notes, type NotesEvents } from "./room/Notes";
export {
  type ConnectionState,
  Room,
  type RoomEvents,
  type RoomOptions,
} from "./room/Room";
export * from "./signal/index";
export { LocalTrackPublication } from "./track/LocalTrackPublication";
export { RemoteTrack, RemoteTrackPublication } from "./track/RemoteTrackPublication";
