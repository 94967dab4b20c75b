/** REFER (RFC 3515) and Replaces (RFC 3891) parsing, and the sipfrag bodies of our NOTIFYs. */
import { z } from "zod";
import { parseSipUri } from "../sip/uri";

export interface Replaces {
  callId: string;
  toTag: string;
  fromTag: string;
  earlyOnly: boolean;
}

export interface ReferTarget {
  /** The URI to call (without the `?Replaces=` part). */
  uri: string;
  /** Attended transfer: the dialog the new call replaces. */
  replaces?: Replaces;
}

const ReplacesSchema = z.object({
  callId: z.string().min(1).max(256),
  toTag: z.string().min(1).max(128),
  fromTag: z.string().min(1).max(128),
  earlyOnly: z.boolean(),
});

/** `callid;to-tag=a;from-tag=b[;early-only]` → its parts, or null. */
export function parseReplaces(value: string): Replaces | null {
  const [callId, ...params] = value.split(";");
  const p: Record<string, string> = {};
  let earlyOnly = false;
  for (const param of params) {
    const [k, v] = param.split("=");
    if (!k) continue;
    if (k.trim().toLowerCase() === "early-only") earlyOnly = true;
    else if (v !== undefined) p[k.trim().toLowerCase()] = v.trim();
  }
  const r = ReplacesSchema.safeParse({
    callId: callId?.trim(),
    toTag: p["to-tag"],
    fromTag: p["from-tag"],
    earlyOnly,
  });
  return r.success ? r.data : null;
}

/** The Refer-To header's value → where to call (and which dialog it replaces), or null. */
export function parseReferTo(header: string | undefined): ReferTarget | null {
  if (!header || header.length > 2048) return null;
  const inner = /<([^>]*)>/.exec(header)?.[1] ?? header.split(";")[0]?.trim() ?? "";
  const q = inner.indexOf("?");
  const uri = q >= 0 ? inner.slice(0, q) : inner;
  if (!parseSipUri(uri)) return null;
  if (q < 0) return { uri };
  let replaces: Replaces | undefined;
  for (const h of inner.slice(q + 1).split("&")) {
    const eq = h.indexOf("=");
    if (eq < 0) continue;
    if (h.slice(0, eq).toLowerCase() !== "replaces") continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(h.slice(eq + 1));
    } catch {
      return null;
    }
    const r = parseReplaces(decoded);
    if (!r) return null;
    replaces = r;
  }
  return { uri, ...(replaces && { replaces }) };
}

/** A NOTIFY body: the status line of the referred call (`SIP/2.0 200 OK`). */
export const sipfrag = (status: number, reason: string): string =>
  `SIP/2.0 ${status} ${reason}\r\n`;
