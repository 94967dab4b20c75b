/** Receive/send statistics per RFC 3550 (A.1 sequence tracking, A.3 loss, A.8 jitter). */

export interface RtpReceiveStats {
  packetsReceived: number;
  /** Cumulative lost (expected − received, may be negative with duplicates). */
  packetsLost: number;
  /** Loss since the previous report, 0..1. */
  fractionLost: number;
  /** Interarrival jitter in timestamp units (8 kHz: divide by 8 for ms). */
  jitter: number;
  highestSeq: number;
}

export interface RtpSendStats {
  packetsSent: number;
  octetsSent: number;
}

export class RtpStats {
  private baseSeq = -1;
  private maxSeq = 0;
  private cycles = 0;
  private received = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;
  private transit = 0;
  private jitterQ4 = 0;
  lastFraction = 0;
  packetsSent = 0;
  /** Packets from sources other than the call's peer, dropped (see RtpLeg). */
  rejectedPackets = 0;
  octetsSent = 0;
  lastRtpTimestampSent = 0;

  constructor(private readonly clockRate = 8000) {}

  onReceive(seq: number, rtpTimestamp: number, arrivalMs: number): void {
    if (this.baseSeq < 0) {
      this.baseSeq = seq;
      this.maxSeq = seq;
    } else {
      const delta = (seq - this.maxSeq) & 0xffff;
      if (delta > 0 && delta < 0x8000) {
        if (seq < this.maxSeq) this.cycles += 0x10000;
        this.maxSeq = seq;
      }
    }
    this.received++;
    const arrival = Math.round((arrivalMs * this.clockRate) / 1000);
    const transit = (arrival - rtpTimestamp) | 0;
    if (this.received > 1) {
      const d = Math.abs((transit - this.transit) | 0);
      this.jitterQ4 += d - ((this.jitterQ4 + 8) >> 4);
    }
    this.transit = transit;
  }

  onSend(payloadBytes: number, rtpTimestamp: number): void {
    this.packetsSent++;
    this.octetsSent += payloadBytes;
    this.lastRtpTimestampSent = rtpTimestamp;
  }

  /** Snapshot for a report; updates the "since last report" fraction. */
  receiveReport(): RtpReceiveStats {
    const extMax = this.cycles + this.maxSeq;
    const expected = this.baseSeq < 0 ? 0 : extMax - this.baseSeq + 1;
    const expectedInterval = expected - this.expectedPrior;
    const receivedInterval = this.received - this.receivedPrior;
    this.expectedPrior = expected;
    this.receivedPrior = this.received;
    const lostInterval = expectedInterval - receivedInterval;
    this.lastFraction =
      expectedInterval <= 0 || lostInterval <= 0 ? 0 : lostInterval / expectedInterval;
    return {
      packetsReceived: this.received,
      packetsLost: expected - this.received,
      fractionLost: this.lastFraction,
      jitter: this.jitterQ4 >> 4,
      highestSeq: extMax,
    };
  }

  get packetsReceived(): number {
    return this.received;
  }
}
