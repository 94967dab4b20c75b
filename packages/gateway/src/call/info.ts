/** DTMF carried in SIP INFO bodies (application/dtmf-relay, application/dtmf). */
import type { DtmfDigit } from "../dtmf/rfc4733";

const DIGITS = new Set("0123456789*#ABCD".split(""));
const EVENTS: Record<string, DtmfDigit> = { "10": "*", "11": "#" };

/** The key an INFO carries, or null when it carries none. */
export function dtmfFromInfo(contentType: string | undefined, body: string): DtmfDigit | null {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  let value: string | undefined;
  if (type === "application/dtmf-relay") {
    value = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(body)?.[1];
  } else if (type === "application/dtmf") {
    value = body.trim();
  } else return null;
  if (value === undefined) return null;
  const digit = EVENTS[value] ?? value.toUpperCase();
  return DIGITS.has(digit) ? (digit as DtmfDigit) : null;
}
