/** A piece of a chat message: plain text or an http(s) link. */
export type TextPart =
  | { kind: "text"; text: string }
  | { kind: "link"; text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * Splits `text` into plain text and http(s) links. Only URLs that parse and whose
 * protocol is http: or https: become links (never javascript:, data: …); rendering the
 * parts as React text nodes keeps any markup in messages inert.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const start = match.index ?? 0;
    let raw = match[0];
    const trailing = raw.match(TRAILING)?.[0] ?? "";
    // Keep a closing bracket that has its opening one inside the URL.
    if (trailing && !(trailing === ")" && raw.includes("("))) raw = raw.slice(0, -trailing.length);
    let href: string | null = null;
    try {
      const url = new URL(raw);
      if (url.protocol === "http:" || url.protocol === "https:") href = url.href;
    } catch {
      href = null;
    }
    if (!href) continue;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push({ kind: "link", text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
