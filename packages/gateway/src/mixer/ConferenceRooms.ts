/**
 * The rooms phone callers are in: one RoomMixer per room, ticked by the frame clock while it
 * has legs. A room's speakers (SFU side) plug in through `RoomAudioSource`, the callers' audio
 * goes out through `RoomAudioSink`, both given by `connect` (optional: without it phone
 * callers in the same room hear each other only). A call in a room has the mixer as its
 * output and a tap feeding the mixer and the sink; leaving detaches both, the call stays up.
 */
import type { Call } from "../Call";
import type { MediaOutput } from "../media/CallMedia";
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

/** Why a call left a room. */
export type RoomExit = "hangup" | "left";

export class ConferenceRooms {
  private readonly rooms = new Map<string, ActiveRoom>();
  private readonly opening = new Map<string, Promise<ActiveRoom>>();

  constructor(
    private readonly connect: (
      roomId: string,
    ) => RoomConnection | Promise<RoomConnection> = () => ({}),
    private readonly clock: FrameClock = sharedFrameClock,
    private readonly mixerOptions: RoomMixerOptions = {},
  ) {}

  /**
   * Puts the call in the room until it ends ("hangup") or `signal` aborts or another output
   * replaces the room's ("left": the call goes on elsewhere).
   */
  async join(call: Call, roomId: string, signal?: AbortSignal): Promise<RoomExit> {
    if (call.state !== "active") return "hangup";
    const room = await this.open(roomId);
    if (call.state !== "active" || signal?.aborted) {
      this.releaseIfEmpty(roomId);
      return call.state === "active" ? "left" : "hangup";
    }
    room.calls.add(call);
    const legId = call.id;
    const media = call.media;
    return new Promise<RoomExit>((resolve) => {
      let done = false;
      const leave = (why: RoomExit) => {
        if (done) return;
        done = true;
        call.off("ended", onEnded);
        signal?.removeEventListener("abort", onAbort);
        removeTap();
        room.mixer.removeLeg(legId);
        room.connection.sink?.callerLeft(legId);
        media.clearOutput(output);
        room.calls.delete(call);
        this.releaseIfEmpty(roomId);
        resolve(why);
      };
      const onEnded = () => leave("hangup");
      const onAbort = () => leave("left");
      const output: MediaOutput = {
        driven: true,
        frame: () => null,
        detached: () => leave("left"),
      };
      media.setOutput(output);
      room.mixer.addLeg({ id: legId, law: media.law, output: (g711) => media.sendFrame(g711) });
      const sink = room.connection.sink;
      const removeTap = media.addTap({
        onAudio: (p) => {
          room.mixer.pushLegPacket(legId, p.sequenceNumber, p.timestamp, p.payload);
          sink?.sendCallerAudio(legId, p);
        },
      });
      call.once("ended", onEnded);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  roomSize(roomId: string): number {
    return this.rooms.get(roomId)?.calls.size ?? 0;
  }

  private async open(roomId: string): Promise<ActiveRoom> {
    const existing = this.rooms.get(roomId);
    if (existing) return existing;
    let opening = this.opening.get(roomId);
    if (!opening) {
      opening = (async () => {
        const connection = await this.connect(roomId);
        const mixer = new RoomMixer(this.mixerOptions);
        if (connection.source) mixer.attachSource(connection.source);
        const room: ActiveRoom = {
          mixer,
          connection,
          calls: new Set(),
          unsubscribeClock: this.clock.subscribe(() => mixer.tick()),
        };
        this.rooms.set(roomId, room);
        return room;
      })().finally(() => this.opening.delete(roomId));
      this.opening.set(roomId, opening);
    }
    return opening;
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
