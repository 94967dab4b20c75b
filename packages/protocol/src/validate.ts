import type { z } from "zod";
import { type ClientRequest, ClientRequestSchema, type ProtocolError } from "./messages";

/** Turns zod issues into the protocol's flat `{path, message}` list. */
export function toIssues(error: z.ZodError): NonNullable<ProtocolError["issues"]> {
  return error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join(".") || "(root)",
    message: i.message,
  }));
}

export type ParseResult =
  | { ok: true; request: ClientRequest }
  | { ok: false; error: ProtocolError };

/** Validates an untrusted client message; never throws. */
export function parseClientRequest(raw: unknown): ParseResult {
  const result = ClientRequestSchema.safeParse(raw);
  if (result.success) return { ok: true, request: result.data };
  return {
    ok: false,
    error: {
      code: "INVALID_REQUEST",
      message: "the request does not match the signaling protocol",
      issues: toIssues(result.error),
    },
  };
}
