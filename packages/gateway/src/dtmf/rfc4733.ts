/** RFC 4733 telephone-event payloads (DTMF digits 0–9, *, #, A–D) with de-duplication. */

export type DtmfDigit =
  | "0"
  | "1"
  | "2"
  | "3"
  | "4"
  | "5"
  | "6"
  | "7"
  | "8"
  | "9"
  | "*"
  | "#"
  | "A"
  | "B"
  | "C"
  | "D";

const EVENT_DIGITS: readonly DtmfDigit[] = [
  "0",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "*",
  "#",
  "A",
  "B",
  "C",
  "D",
];

export interface TelephoneEvent {
  event: number;
  end: boolean;
  volume: number;
  /** In timestamp units (8 kHz). */
  duration: number;
}

export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | null {
  if (payload.length < 4) return null;
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
}

export function buildTelephoneEvent(e: TelephoneEvent): Uint8Array {
  return Uint8Array.of(
    e.event,
    (e.end ? 0x80 : 0) | (e.volume & 0x3f),
    (e.duration >> 8) & 0xff,
    e.duration & 0xff,
  );
}

export const eventToDigit = (event: number): DtmfDigit | null => EVENT_DIGITS[event] ?? null;
export const digitToEvent = (d: DtmfDigit): number => EVENT_DIGITS.indexOf(d);

/**
 * Turns a stream of telephone-event packets into digits, each reported exactly once: an event
 * is identified by its RTP timestamp; its first packet reports it, later updates and the
 * (usually 3) repeated end packets are ignored. The same digit pressed twice in a row with a
 * reused timestamp is told apart by the end bit: a non-end packet restarting after an end.
 */
export class Rfc4733Receiver {
  private lastTimestamp = -1;
  private lastEnded = false;
  private lastDuration = 0;

  /** The digit when this packet starts a new event, else null. */
  onPacket(rtpTimestamp: number, payload: Uint8Array): DtmfDigit | null {
    const e = parseTelephoneEvent(payload);
    if (!e) return null;
    const digit = eventToDigit(e.event);
    if (!digit) return null;
    const sameEvent =
      rtpTimestamp === this.lastTimestamp &&
      !(this.lastEnded && !e.end && e.duration < this.lastDuration);
    if (sameEvent) {
      if (e.end) this.lastEnded = true;
      this.lastDuration = Math.max(this.lastDuration, e.duration);
      return null;
    }
    this.lastTimestamp = rtpTimestamp;
    this.lastEnded = e.end;
    this.lastDuration = e.duration;
    return digit;
  }
}
