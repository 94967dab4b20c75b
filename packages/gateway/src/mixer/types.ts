/** How a room's audio plugs into the gateway (implemented by the SFU connection elsewhere). */
import type { RtpPacket } from "../rtp/packet";

/** Speakers' Opus RTP coming from the room (one stream per speaker). */
export interface RoomAudioSource {
  /** Starts delivering packets; returns a function that stops. */
  subscribe(onPacket: (speakerId: string, packet: RtpPacket) => void): () => void;
}

/** The caller's audio going to the room: their PCMU/PCMA RTP as received (no transcoding). */
export interface RoomAudioSink {
  sendCallerAudio(callerId: string, packet: RtpPacket): void;
  /** The caller left: release whatever carries their audio. */
  callerLeft(callerId: string): void;
}
