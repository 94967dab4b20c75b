/**
 * The rooms a call can reach (the flow's `conference` step): rooms by slug or meeting PIN
 * from the database, PIN guessing limited per source and globally, and the way in: a phone
 * participant in the SFU room plus the room's mixer; leaving (the flow moves on) takes both
 * away without ending the call.
 */
import { type Db, findRoomByPin, findRoomBySlug } from "@switchboard/db";
import type { Rooms } from "@switchboard/flows";
import { type Call, type ConferenceRooms, type PinGuard, userOf } from "@switchboard/gateway";
import type { Logger } from "pino";
import type { RoomLink } from "./RoomLink";
import type { CallRecorder } from "./records";

export interface RoomAccessDeps {
  db: Db;
  linkFor: (room: string) => Promise<RoomLink>;
  conference: ConferenceRooms;
  recorder: CallRecorder;
  pinGuard: PinGuard;
  /** Trunk addresses: behind them, callers are told apart by their number too. */
  trustedAddresses: string[];
  log: Logger;
  /** Tells the live-call list which room a call is in. */
  onRoom?: (call: Call, room: string | null) => void;
}

/** Who is guessing: the source address, plus the caller's number behind a trunk. */
export function pinSource(call: Call, trusted: string[]): string {
  const address = call.remote?.address ?? "unknown";
  return trusted.includes(address) ? `${address}|${userOf(call.remoteIdentity?.uri)}` : address;
}

export function roomAccess(call: Call, d: RoomAccessDeps): Rooms {
  const source = pinSource(call, d.trustedAddresses);
  return {
    async findByPin(pin) {
      if (!d.pinGuard.allowed(source)) {
        d.log.warn({ source }, "PIN entry refused: too many wrong PINs from this source");
        return "blocked";
      }
      const room = await findRoomByPin(d.db, pin);
      if (!room) {
        d.pinGuard.failed(source);
        return null;
      }
      d.pinGuard.succeeded(source);
      return { slug: room.slug, name: room.name };
    },
    async find(slug) {
      const room = await findRoomBySlug(d.db, slug);
      return room ? { slug: room.slug, name: room.name, pin: room.pin } : null;
    },
    async join(room, signal) {
      d.recorder.inRoom(call, room.slug);
      let link: RoomLink;
      try {
        link = await d.linkFor(room.slug);
        await link.addCaller(call);
      } catch (err) {
        d.log.warn({ err, room: room.slug }, "could not bring the caller into the room");
        d.recorder.endReason(call, "room-unavailable");
        return "unavailable";
      }
      d.onRoom?.(call, room.slug);
      const exit = await d.conference.join(call, room.slug, signal);
      d.onRoom?.(call, null);
      if (exit === "hangup") return "hangup";
      link.removeCaller(call.id);
      return "cancelled";
    },
    gaveUp(reason) {
      d.recorder.endReason(call, reason === "no-room" ? "room-unavailable" : reason);
    },
  };
}
