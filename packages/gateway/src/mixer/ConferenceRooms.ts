/**
 * The rooms phone callers are in: one RoomMixer per room, ticked by the frame clock while it
 * has legs. A room's speakers (SFU side) plug in through `RoomAudioSource`, the callers' audio
 * goes out through `RoomAudioSink`, both given by `connect` (optional: without it phone
 * callers in the same room hear each other only).
 */
import type { Call } from "../Call";
import { type FrameClock, sharedFrameClock } from "../rtp/FrameClock";
import { RoomMixer, type RoomMixerOptions } from "./RoomMixer";
import type { RoomAudioSink, RoomAudioSource } from "./types";

export interface RoomConnection {
  source?: RoomAudioSource;
  sink?: RoomAudioSink;
  /** Called when the last caller left. */
  close?: () => void;
}

interface ActiveRoom {
  mixer: RoomMixer;
  unsubscribeClock: () => void;
  connection: RoomConnection;
  calls: Set<Call>;
}

export class ConferenceRooms {
  private readonly rooms = new Map<string, ActiveRoom>();

  constructor(
    private readonly connect: (
      roomId: string,
    ) => RoomConnection | Promise<RoomConnection> = () => ({}),
    private readonly clock: FrameClock = sharedFrameClock,
    private readonly mixerOptions: RoomMixerOptions = {},
  ) {}

  /** Puts the call in the room; resolves when the call has ended. */
  async join(call: Call, roomId: string): Promise<void> {
    if (call.state !== "active") return;
    let room = this.rooms.get(roomId);
    if (!room) {
      const connection = await this.connect(roomId);
      room = this.rooms.get(roomId);
      if (!room) {
        const mixer = new RoomMixer(this.mixerOptions);
        if (connection.source) mixer.attachSource(connection.source);
        room = {
          mixer,
          connection,
          calls: new Set(),
          unsubscribeClock: this.clock.subscribe(() => mixer.tick()),
        };
        this.rooms.set(roomId, room);
      } else connection.close?.();
    }
    if (call.state !== "active") return this.releaseIfEmpty(roomId);
    const r = room;
    r.calls.add(call);
    call.media.joinMixer(r.mixer, call.id);
    if (r.connection.sink) call.media.setSink(r.connection.sink, call.id);
    await new Promise<void>((resolve) => {
      if (call.state === "ended") return resolve();
      call.once("ended", () => resolve());
    });
    r.calls.delete(call);
    r.mixer.removeLeg(call.id);
    this.releaseIfEmpty(roomId);
  }

  roomSize(roomId: string): number {
    return this.rooms.get(roomId)?.calls.size ?? 0;
  }

  private releaseIfEmpty(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room || room.calls.size > 0) return;
    this.rooms.delete(roomId);
    room.unsubscribeClock();
    room.mixer.close();
    room.connection.close?.();
  }
}
