import { rootSecret, signJoinToken } from "@switchboard/tokens";
import { headers } from "next/headers";

/** Join links are valid this long. */
export const LINK_TTL_SECONDS = 24 * 3600;

/** The origin the admin reached us by (respecting a proxy's x-forwarded-* headers). */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

export interface JoinLinks {
  plain: string;
  /** Signed guest link: only for token-only rooms. */
  guest: string | null;
  moderator: string | null;
  expiresAt: Date | null;
  /** Why signed links are missing (no SWITCHBOARD_SECRET). */
  problem: string | null;
}

export async function joinLinks(slug: string, access: string): Promise<JoinLinks> {
  const plain = `${await requestOrigin()}/r/${slug}`;
  let secret: string;
  try {
    secret = rootSecret();
  } catch (error) {
    return {
      plain,
      guest: null,
      moderator: null,
      expiresAt: null,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
  const moderator = await signJoinToken(
    { room: slug, role: "moderator" },
    secret,
    LINK_TTL_SECONDS,
  );
  const guest =
    access === "token"
      ? await signJoinToken({ room: slug, role: "guest" }, secret, LINK_TTL_SECONDS)
      : null;
  const withToken = (token: string) => `${plain}?token=${encodeURIComponent(token)}`;
  return {
    plain,
    guest: guest ? withToken(guest.token) : null,
    moderator: withToken(moderator.token),
    expiresAt: moderator.expiresAt,
    problem: null,
  };
}
