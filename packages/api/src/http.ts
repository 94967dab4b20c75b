import { toIssues } from "@switchboard/protocol";
import type { z } from "zod";

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

/** An error with its HTTP status, answered as `{ error: { code, message, issues? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiErrorBody["error"]["issues"],
  ) {
    super(message);
    this.name = "ApiError";
  }

  static invalid(error: z.ZodError, what = "the request body"): ApiError {
    return new ApiError(400, "INVALID_REQUEST", `${what} is not valid`, toIssues(error));
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
  }
}

export function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

const MAX_BODY_BYTES = 64 * 1024;

/** Parses and validates a JSON body; a clear 400 when it is not JSON or not valid. */
export async function readBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.output<T>> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) {
    throw new ApiError(413, "BODY_TOO_LARGE", `bodies are limited to ${MAX_BODY_BYTES} bytes`);
  }
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ApiError(400, "INVALID_JSON", "the request body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw ApiError.invalid(parsed.error);
  return parsed.data;
}
