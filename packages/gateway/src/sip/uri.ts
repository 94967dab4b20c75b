/** SIP URI parsing, tags, branches and Call-IDs. */
import { randomBytes } from "node:crypto";

export interface SipUri {
  scheme: "sip" | "sips";
  user?: string;
  host: string;
  port?: number;
  params: Record<string, string | null>;
}

const URI =
  /^(sips?):(?:([^@;?>\s]+)@)?(\[[0-9a-fA-F:.]+\]|[\w.-]+)(?::(\d{1,5}))?((?:;[^;?\s>]*)*)(?:\?.*)?$/i;

export function parseSipUri(s: string): SipUri | null {
  const m = URI.exec(s.trim());
  if (!m) return null;
  const params: Record<string, string | null> = {};
  for (const p of (m[5] ?? "").split(";")) {
    if (!p) continue;
    const eq = p.indexOf("=");
    if (eq < 0) params[p.toLowerCase()] = null;
    else params[p.slice(0, eq).toLowerCase()] = p.slice(eq + 1);
  }
  const port = m[4] ? Number(m[4]) : undefined;
  return {
    scheme: (m[1] ?? "sip").toLowerCase() === "sips" ? "sips" : "sip",
    ...(m[2] !== undefined && { user: m[2] }),
    host: (m[3] ?? "").replace(/^\[|\]$/g, ""),
    ...(port !== undefined && port > 0 && port < 65536 && { port }),
    params,
  };
}

export function formatSipUri(u: {
  user?: string;
  host: string;
  port?: number;
  transport?: string;
}): string {
  const host = u.host.includes(":") ? `[${u.host}]` : u.host;
  return `sip:${u.user ? `${u.user}@` : ""}${host}${u.port ? `:${u.port}` : ""}${
    u.transport && u.transport !== "UDP" ? `;transport=${u.transport.toLowerCase()}` : ""
  }`;
}

export const newTag = (): string => randomBytes(6).toString("hex");
export const newCallId = (host: string): string => `${randomBytes(10).toString("hex")}@${host}`;
export const newBranch = (): string => `z9hG4bK${randomBytes(8).toString("hex")}`;

/** The user part of a SIP URI ("sip:+4930123@host" → "+4930123"; "" when it has none). */
export function userOf(uri: string | undefined): string {
  const s = (uri ?? "").trim().replace(/^<|>$/g, "");
  if (!/^sips?:/i.test(s)) return s.replace(/[@;].*$/, "");
  const rest = s.replace(/^sips?:/i, "");
  return rest.includes("@") ? rest.replace(/@.*$/, "") : "";
}
