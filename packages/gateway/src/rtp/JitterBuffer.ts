/**
 * A small reorder buffer: packets are slotted by sequence number into a fixed ring and
 * released in order after `depth` frames; late/duplicate packets are dropped. Bounded.
 */
export interface JitterFrame {
  seq: number;
  timestamp: number;
  payloadType: number;
  /** Copied into a preallocated slot. */
  payload: Uint8Array;
  length: number;
}

export class JitterBuffer {
  private readonly slots: (JitterFrame & { used: boolean })[];
  private nextSeq = -1;
  private buffered = 0;
  late = 0;
  duplicates = 0;

  /** `capacity` (a power of two) slots of `maxPayload` bytes; release starts when `depth` packets are held. */
  constructor(
    private readonly capacity = 16,
    private readonly depth = 2,
    maxPayload = 1500,
  ) {
    this.slots = Array.from({ length: capacity }, () => ({
      seq: 0,
      timestamp: 0,
      payloadType: 0,
      payload: new Uint8Array(maxPayload),
      length: 0,
      used: false,
    }));
  }

  get size(): number {
    return this.buffered;
  }

  push(seq: number, timestamp: number, payloadType: number, payload: Uint8Array): void {
    if (this.nextSeq >= 0) {
      const ahead = (seq - this.nextSeq) & 0xffff;
      if (ahead >= 0x8000) {
        this.late++;
        return;
      }
      if (ahead >= this.capacity) {
        // Far jump (sender restart or long gap): resynchronize.
        this.reset();
      }
    }
    if (this.nextSeq < 0) this.nextSeq = seq;
    const slot = this.slots[seq % this.capacity]!;
    if (slot.used) {
      this.duplicates++;
      return;
    }
    const n = Math.min(payload.length, slot.payload.length);
    slot.payload.set(payload.subarray(0, n));
    slot.length = n;
    slot.seq = seq;
    slot.timestamp = timestamp;
    slot.payloadType = payloadType;
    slot.used = true;
    this.buffered++;
  }

  /**
   * The next frame in order, or null (not enough buffered yet, or a gap that is skipped once
   * later packets are waiting: returns null for the lost one and moves on).
   */
  pop(): JitterFrame | null {
    if (this.nextSeq < 0 || this.buffered === 0) return null;
    if (this.buffered < this.depth && !this.slots[this.nextSeq % this.capacity]!.used) return null;
    const expected = this.nextSeq;
    const slot = this.slots[expected % this.capacity]!;
    this.nextSeq = (expected + 1) & 0xffff;
    if (!slot.used) return null;
    slot.used = false;
    this.buffered--;
    if (slot.seq !== expected) return null;
    return slot;
  }

  reset(): void {
    for (const s of this.slots) s.used = false;
    this.buffered = 0;
    this.nextSeq = -1;
  }
}
