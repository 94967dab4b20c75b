export { Room, type ConnectionState, type RoomEvents, type RoomOptions } from "./Room";
export { RemoteParticipant, RemoteTrack } from "./Participant";
export { SwitchboardError, type ClientErrorCode } from "./errors";
export type { Source } from "@switchboard/protocol";
