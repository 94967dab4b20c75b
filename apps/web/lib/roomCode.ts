import { SlugSchema } from "@switchboard/protocol";

/**
 * A room slug from what someone typed: a bare code ("weekly-sync"), a path ("/r/weekly-sync")
 * or a full link ("https://host/r/weekly-sync?x"). Null when nothing usable is left.
 */
export function parseRoomCode(input: string): string | null {
  let text = input.trim();
  if (!text) return null;
  try {
    text = new URL(text).pathname;
  } catch {
    // Not a full URL: a code or a path.
  }
  const fromPath = /(?:^|\/)r\/([^/?#\s]+)/.exec(text)?.[1];
  if (fromPath) text = fromPath;
  text = text.replace(/[?#].*$/, "").replace(/^\/+|\/+$/g, "");
  try {
    text = decodeURIComponent(text);
  } catch {
    // Keep it as typed.
  }
  const slug = text
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-");
  return SlugSchema.safeParse(slug).success ? slug : null;
}
