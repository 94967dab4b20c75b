export type QualityLevel = "good" | "fair" | "poor" | "unknown";

export interface ConnectionQuality {
  level: QualityLevel;
  /** Round-trip time to the media server, ms. */
  rttMs: number | null;
  /** Packets lost in the last interval, 0–1. */
  loss: number | null;
  /** Media bitrate in the last interval, bits per second. */
  bitrate: number | null;
}

export const UNKNOWN_QUALITY: ConnectionQuality = {
  level: "unknown",
  rttMs: null,
  loss: null,
  bitrate: null,
};

/** Good under 150 ms and 2 % loss; poor over 400 ms or 10 % loss; fair in between. */
export function classify(rttMs: number | null, loss: number | null): QualityLevel {
  if (rttMs === null && loss === null) return "unknown";
  const r = rttMs ?? 0;
  const l = loss ?? 0;
  if (r > 400 || l > 0.1) return "poor";
  if (r > 150 || l > 0.02) return "fair";
  return "good";
}

function formatBitrate(bps: number): string {
  if (bps >= 1_000_000) return `${(bps / 1_000_000).toFixed(1)} Mb/s`;
  return `${Math.round(bps / 1000)} kb/s`;
}

function formatLoss(loss: number): string {
  if (loss <= 0) return "no loss";
  const pct = loss * 100;
  return `${pct < 1 ? pct.toFixed(1) : Math.round(pct)}% loss`;
}

/** "Good connection: 40 ms delay, no loss, 1.2 Mb/s" */
export function describeQuality(q: ConnectionQuality): string {
  if (q.level === "unknown") return "Connection quality: measuring…";
  const head = { good: "Good", fair: "Fair", poor: "Poor" }[q.level];
  const parts: string[] = [];
  if (q.rttMs !== null) parts.push(`${Math.round(q.rttMs)} ms delay`);
  if (q.loss !== null) parts.push(formatLoss(q.loss));
  if (q.bitrate !== null) parts.push(formatBitrate(q.bitrate));
  return `${head} connection: ${parts.join(", ")}`;
}

/** Counters read from one getStats() report, to diff against the previous one. */
export interface StatCounters {
  at: number;
  bytes: number;
  packets: number;
  lost: number;
  rttMs: number | null;
}

type StatEntry = {
  type: string;
  kind?: string;
  state?: string;
  nominated?: boolean;
  bytesReceived?: number;
  bytesSent?: number;
  packetsReceived?: number;
  packetsSent?: number;
  packetsLost?: number;
  currentRoundTripTime?: number;
  roundTripTime?: number;
  fractionLost?: number;
};

/** Sums what a report says about received (or sent) media and the transport's RTT. */
export function readCounters(report: RTCStatsReport, direction: "in" | "out"): StatCounters {
  let bytes = 0;
  let packets = 0;
  let lost = 0;
  let rtt: number | null = null;
  report.forEach((raw: unknown) => {
    const s = raw as StatEntry;
    if (direction === "in" && s.type === "inbound-rtp") {
      bytes += s.bytesReceived ?? 0;
      packets += s.packetsReceived ?? 0;
      lost += Math.max(0, s.packetsLost ?? 0);
    } else if (direction === "out" && s.type === "outbound-rtp") {
      bytes += s.bytesSent ?? 0;
      packets += s.packetsSent ?? 0;
    } else if (direction === "out" && s.type === "remote-inbound-rtp") {
      lost += Math.max(0, s.packetsLost ?? 0);
      if (s.roundTripTime !== undefined) rtt = Math.max(rtt ?? 0, s.roundTripTime * 1000);
    } else if (
      s.type === "candidate-pair" &&
      (s.nominated || s.state === "succeeded") &&
      s.currentRoundTripTime !== undefined
    ) {
      rtt = Math.max(rtt ?? 0, s.currentRoundTripTime * 1000);
    }
  });
  return { at: Date.now(), bytes, packets, lost, rttMs: rtt };
}

/** Quality over the interval between two readings. */
export function qualityBetween(
  prev: StatCounters | undefined,
  now: StatCounters,
): ConnectionQuality {
  if (!prev || now.at <= prev.at) {
    return { level: classify(now.rttMs, null), rttMs: now.rttMs, loss: null, bitrate: null };
  }
  const seconds = (now.at - prev.at) / 1000;
  const bytes = Math.max(0, now.bytes - prev.bytes);
  const packets = Math.max(0, now.packets - prev.packets);
  const lost = Math.max(0, now.lost - prev.lost);
  const loss = packets + lost > 0 ? lost / (packets + lost) : 0;
  const bitrate = (bytes * 8) / seconds;
  return { level: classify(now.rttMs, loss), rttMs: now.rttMs, loss, bitrate };
}
