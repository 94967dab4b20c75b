/**
 * Where a trunk may call (against toll fraud: the most expensive attack on a PBX). Numbers
 * are read as the trunk's country reads them (+E.164, 00 international, 0 national) and
 * checked in this order: premium-rate and international-network prefixes are refused unless
 * the trunk allows premium; then, if the trunk lists allowed prefixes, the number must start
 * with one of them; otherwise a number outside the trunk's country is refused unless the
 * trunk allows international calls.
 */

export interface DestinationPolicy {
  /** The trunk's country calling code without "+", e.g. "49"; national numbers get it. */
  countryCode: string;
  /** Allowed E.164 prefixes ("+4930", "+44"); empty = the trunk's own country. */
  allowedPrefixes: string[];
  allowInternational: boolean;
  allowPremium: boolean;
}

export type DestinationVerdict =
  | { ok: true; e164: string }
  | {
      ok: false;
      reason: "not-a-number" | "premium" | "international" | "not-allowed";
      message: string;
    };

/**
 * Premium-rate and shared-cost prefixes, and the international networks IRSF fraud favours
 * (satellite, "international premium"). A starting list; a trunk allows them with allowPremium.
 */
export const PREMIUM_PREFIXES: readonly string[] = [
  // International networks and services (ITU): Inmarsat, Iridium & co, IPRS.
  "+870",
  "+881",
  "+882",
  "+883",
  "+979",
  "+888",
  // North America: 900 and 976 premium.
  "+1900",
  "+1976",
  // United Kingdom: 09 premium, 087 service, 070 "personal" numbers.
  "+449",
  "+4487",
  "+4470",
  // Germany: 0900 premium, 0137 televoting, 0118 directories.
  "+49900",
  "+49137",
  "+49118",
  // France: 089 premium, 081/082 shared cost.
  "+3389",
  "+3381",
  "+3382",
  // Austria, Switzerland, Italy, Spain, Netherlands, Belgium premium ranges.
  "+43900",
  "+43930",
  "+41900",
  "+41906",
  "+39899",
  "+34803",
  "+34806",
  "+34807",
  "+31900",
  "+32900",
];

/**
 * NANP area codes outside the US and Canada (Caribbean, Pacific): billed as international
 * but dialled like domestic numbers, a favourite of "one ring" and IRSF fraud.
 */
export const NANP_FOREIGN_AREA_CODES: readonly string[] = [
  "242",
  "246",
  "264",
  "268",
  "284",
  "340",
  "345",
  "441",
  "473",
  "649",
  "658",
  "664",
  "670",
  "671",
  "684",
  "721",
  "758",
  "767",
  "784",
  "787",
  "809",
  "829",
  "849",
  "868",
  "869",
  "876",
  "939",
];

/** Reads a dialled number as the trunk's country would: E.164 with "+", or null. */
export function toE164(raw: string, countryCode: string): string | null {
  const n = raw.trim().replace(/[\s().-]/g, "");
  if (/^\+[1-9][0-9]{3,15}$/.test(n)) return n;
  if (/^00[1-9][0-9]{3,15}$/.test(n)) return `+${n.slice(2)}`;
  if (/^0[1-9][0-9]{2,14}$/.test(n)) return `+${countryCode}${n.slice(1)}`;
  if (/^[1-9][0-9]{2,14}$/.test(n)) return `+${countryCode}${n}`;
  return null;
}

function isForeign(e164: string, countryCode: string): boolean {
  if (!e164.startsWith(`+${countryCode}`)) return true;
  // Within +1, the Caribbean and Pacific area codes are other countries.
  if (countryCode === "1") return NANP_FOREIGN_AREA_CODES.includes(e164.slice(2, 5));
  return false;
}

export function checkDestination(raw: string, p: DestinationPolicy): DestinationVerdict {
  const e164 = toE164(raw, p.countryCode);
  if (!e164)
    return { ok: false, reason: "not-a-number", message: `"${raw}" is not a phone number` };
  if (!p.allowPremium && PREMIUM_PREFIXES.some((prefix) => e164.startsWith(prefix)))
    return { ok: false, reason: "premium", message: `${e164} is a premium-rate number` };
  if (p.allowedPrefixes.length > 0) {
    return p.allowedPrefixes.some((prefix) => e164.startsWith(prefix))
      ? { ok: true, e164 }
      : {
          ok: false,
          reason: "not-allowed",
          message: `${e164} is not in this trunk's allowed prefixes`,
        };
  }
  if (!p.allowInternational && isForeign(e164, p.countryCode))
    return { ok: false, reason: "international", message: `${e164} is an international number` };
  return { ok: true, e164 };
}

/** Whether a SIP URI's host (and port) is on the admin's list of hosts rooms may call. */
export function sipHostAllowed(uri: string, allowed: readonly string[]): boolean {
  const m = /^sips?:(?:[^@;?>]+@)?(\[[^\]]+\]|[^:;?>]+)(?::(\d+))?/i.exec(uri.trim());
  if (!m) return false;
  const host = (m[1] ?? "").toLowerCase();
  const port = m[2];
  return allowed.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === host || (port !== undefined && e === `${host}:${port}`);
  });
}
