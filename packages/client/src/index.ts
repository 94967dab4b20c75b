export type {
  ChatMessage,
  LobbyEntry,
  PhoneCall,
  Reaction,
  Source,
} from "@switchboard/protocol";
export { ReactionSchema } from "@switchboard/protocol";
export { type ClientErrorCode, SwitchboardError } from "./errors";
export { RemoteParticipant, RemoteTrack } from "./Participant";
export { type ConnectionState, Room, type RoomEvents, type RoomOptions } from "./Room";
