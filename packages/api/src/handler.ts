import { verifyApiKey } from "@switchboard/db";
import { ApiError, json } from "./http";
import { buildOpenApi } from "./openapi";
import { type ApiDeps, type Route, routes } from "./routes";

const PREFIX = "/api/v1";

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = routes.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
});

/**
 * The REST API as one fetch-style function: `(Request) => Response`. Next.js route
 * handlers call it; tests call it directly. Every route except the OpenAPI document needs
 * a valid, unrevoked API key.
 */
export function createApiHandler(deps: ApiDeps): (req: Request) => Promise<Response> {
  let openapi: Record<string, unknown> | undefined;
  return async (req) => {
    const path = new URL(req.url).pathname;
    if (!path.startsWith(PREFIX)) return json(404, notFound().toBody());
    const sub = path.slice(PREFIX.length) || "/";
    try {
      if (sub === "/openapi.json" && req.method === "GET") {
        openapi ??= buildOpenApi(routes);
        return json(200, openapi);
      }
      await authenticate(req, deps);
      const methodMatches = compiled.filter((c) => c.pattern.test(sub));
      if (methodMatches.length === 0) throw notFound();
      const match = methodMatches.find((c) => c.route.method === req.method);
      if (!match) {
        throw new ApiError(405, "METHOD_NOT_ALLOWED", `${req.method} is not allowed here`);
      }
      const values = match.pattern.exec(sub)?.slice(1) ?? [];
      const params: Record<string, string> = {};
      match.names.forEach((name, i) => {
        params[name] = decodeURIComponent(values[i] ?? "");
      });
      const body = await match.route.handle({ req, params, deps });
      return json(match.route.status, body);
    } catch (error) {
      if (error instanceof ApiError) return json(error.status, error.toBody());
      deps.onError?.(error);
      return json(500, { error: { code: "INTERNAL", message: "internal error" } });
    }
  };
}

async function authenticate(req: Request, deps: ApiDeps): Promise<void> {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    throw new ApiError(401, "UNAUTHORIZED", "send an API key: Authorization: Bearer <key>");
  const key = await verifyApiKey(deps.db, match[1]);
  if (!key) throw new ApiError(401, "UNAUTHORIZED", "this API key is not valid or was revoked");
}

function notFound(): ApiError {
  return new ApiError(404, "NOT_FOUND", "no such endpoint");
}
