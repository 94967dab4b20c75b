/** RTP (RFC 3550) fixed header parse/serialize. Hand-written: the header is 12 bytes. */

export interface RtpHeader {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

export interface RtpPacket extends RtpHeader {
  /** A view into the datagram (not a copy). */
  payload: Uint8Array;
}

/** Parses a datagram; null when it is not RTP v2 (or is RTCP, PT 72–76 with marker). */
export function parseRtp(buf: Uint8Array): RtpPacket | null {
  if (buf.length < 12) return null;
  const b0 = buf[0]!;
  const b1 = buf[1]!;
  if (b0 >> 6 !== 2) return null;
  if (b1 >= 200 && b1 <= 204) return null; // RTCP SR/RR/SDES/BYE/APP on a muxed port
  const cc = b0 & 0x0f;
  let offset = 12 + cc * 4;
  if (b0 & 0x10) {
    if (buf.length < offset + 4) return null;
    const words = (buf[offset + 2]! << 8) | buf[offset + 3]!;
    offset += 4 + words * 4;
  }
  let end = buf.length;
  if (b0 & 0x20) {
    const pad = buf[buf.length - 1]!;
    if (pad === 0 || pad > end - offset) return null;
    end -= pad;
  }
  if (offset > end) return null;
  return {
    payloadType: b1 & 0x7f,
    marker: (b1 & 0x80) !== 0,
    sequenceNumber: (buf[2]! << 8) | buf[3]!,
    timestamp: ((buf[4]! << 24) | (buf[5]! << 16) | (buf[6]! << 8) | buf[7]!) >>> 0,
    ssrc: ((buf[8]! << 24) | (buf[9]! << 16) | (buf[10]! << 8) | buf[11]!) >>> 0,
    payload: buf.subarray(offset, end),
  };
}

/** Writes a 12-byte header into `out` (payload goes at out[12..]). Returns 12. */
export function writeRtpHeader(out: Uint8Array, h: RtpHeader): number {
  out[0] = 0x80;
  out[1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  out[2] = (h.sequenceNumber >> 8) & 0xff;
  out[3] = h.sequenceNumber & 0xff;
  out[4] = (h.timestamp >>> 24) & 0xff;
  out[5] = (h.timestamp >>> 16) & 0xff;
  out[6] = (h.timestamp >>> 8) & 0xff;
  out[7] = h.timestamp & 0xff;
  out[8] = (h.ssrc >>> 24) & 0xff;
  out[9] = (h.ssrc >>> 16) & 0xff;
  out[10] = (h.ssrc >>> 8) & 0xff;
  out[11] = h.ssrc & 0xff;
  return 12;
}

/** A fresh packet buffer (tests, one-off sends). */
export function serializeRtp(p: RtpPacket): Uint8Array {
  const out = new Uint8Array(12 + p.payload.length);
  writeRtpHeader(out, p);
  out.set(p.payload, 12);
  return out;
}
