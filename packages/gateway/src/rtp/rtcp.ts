/** Minimal RTCP (RFC 3550): build SR/RR with one report block, parse SR/RR report blocks. */
import type { RtpReceiveStats, RtpSendStats } from "./RtpStats";

const NTP_EPOCH_OFFSET = 2208988800;

export interface RtcpReportBlock {
  ssrc: number;
  fractionLost: number;
  packetsLost: number;
  highestSeq: number;
  jitter: number;
}

export interface RtcpReport {
  type: "SR" | "RR";
  ssrc: number;
  senderPackets?: number;
  senderOctets?: number;
  blocks: RtcpReportBlock[];
}

function writeBlock(v: DataView, o: number, remoteSsrc: number, r: RtpReceiveStats): void {
  v.setUint32(o, remoteSsrc);
  const lost = Math.max(-0x800000, Math.min(0x7fffff, r.packetsLost));
  v.setUint32(o + 4, ((Math.round(r.fractionLost * 256) & 0xff) << 24) | (lost & 0xffffff));
  v.setUint32(o + 8, r.highestSeq >>> 0);
  v.setUint32(o + 12, r.jitter >>> 0);
  v.setUint32(o + 16, 0); // LSR
  v.setUint32(o + 20, 0); // DLSR
}

/** SR when we have sent something, else RR; one report block when we have received. */
export function buildRtcpReport(
  ssrc: number,
  sent: RtpSendStats & { rtpTimestamp: number },
  received: { remoteSsrc: number; stats: RtpReceiveStats } | null,
  nowMs = Date.now(),
): Uint8Array {
  const isSr = sent.packetsSent > 0;
  const blocks = received ? 1 : 0;
  const len = 8 + (isSr ? 20 : 0) + blocks * 24;
  const buf = new Uint8Array(len);
  const v = new DataView(buf.buffer);
  buf[0] = 0x80 | blocks;
  buf[1] = isSr ? 200 : 201;
  v.setUint16(2, len / 4 - 1);
  v.setUint32(4, ssrc);
  let o = 8;
  if (isSr) {
    const secs = Math.floor(nowMs / 1000) + NTP_EPOCH_OFFSET;
    v.setUint32(o, secs >>> 0);
    v.setUint32(o + 4, Math.floor(((nowMs % 1000) / 1000) * 2 ** 32) >>> 0);
    v.setUint32(o + 8, sent.rtpTimestamp >>> 0);
    v.setUint32(o + 12, sent.packetsSent >>> 0);
    v.setUint32(o + 16, sent.octetsSent >>> 0);
    o += 20;
  }
  if (received) writeBlock(v, o, received.remoteSsrc, received.stats);
  return buf;
}

/** The first SR or RR of a compound packet, or null. */
export function parseRtcpReport(buf: Uint8Array): RtcpReport | null {
  if (buf.length < 8 || buf[0]! >> 6 !== 2) return null;
  const pt = buf[1]!;
  if (pt !== 200 && pt !== 201) return null;
  const count = buf[0]! & 0x1f;
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const len = (v.getUint16(2) + 1) * 4;
  if (len > buf.length) return null;
  let o = 8;
  const report: RtcpReport = { type: pt === 200 ? "SR" : "RR", ssrc: v.getUint32(4), blocks: [] };
  if (pt === 200) {
    if (len < 28) return null;
    report.senderPackets = v.getUint32(20);
    report.senderOctets = v.getUint32(24);
    o = 28;
  }
  for (let i = 0; i < count && o + 24 <= len; i++, o += 24) {
    const w = v.getUint32(o + 4);
    report.blocks.push({
      ssrc: v.getUint32(o),
      fractionLost: (w >>> 24) / 256,
      packetsLost: (w << 8) >> 8,
      highestSeq: v.getUint32(o + 8),
      jitter: v.getUint32(o + 12),
    });
  }
  return report;
}
