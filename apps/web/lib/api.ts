import { createApiHandler, SfuAdminClient } from "@switchboard/api";
import { rootSecret } from "@switchboard/tokens";
import { getDb } from "./db";

type Handler = (req: Request) => Promise<Response>;
const globalForApi = globalThis as typeof globalThis & { __switchboardApi?: Handler };

/**
 * The REST API handler, created on first use (never at build time). Join links use
 * PUBLIC_URL when set, else the origin the request came to.
 */
export function apiHandler(): Handler {
  globalForApi.__switchboardApi ??= (() => {
    try {
      return createApiHandler({
        db: getDb(),
        sfu: SfuAdminClient.fromEnv(),
        secret: rootSecret(),
        publicUrl: (req) => process.env.PUBLIC_URL ?? new URL(req.url).origin,
        onError: (error) => console.error("[api] unexpected error", error),
      });
    } catch (error) {
      // Misconfiguration (e.g. no SWITCHBOARD_SECRET): answer clearly instead of crashing.
      const message = error instanceof Error ? error.message : String(error);
      return async () =>
        Response.json({ error: { code: "NOT_CONFIGURED", message } }, { status: 503 });
    }
  })();
  return globalForApi.__switchboardApi;
}
