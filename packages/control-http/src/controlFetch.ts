/** What a service's control API answered: its JSON and status, or that it was unreachable. */
export type ControlAnswer =
  | { reached: true; ok: boolean; status: number; statusText: string; json: unknown }
  | { reached: false; error: string };

/**
 * One JSON request to a Switchboard service's control API (the SFU's, the gateway's) with
 * the bearer key derived from the shared secret. Never throws; the clients turn the answer
 * into their own typed errors.
 */
export async function controlFetch(o: {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
}): Promise<ControlAnswer> {
  let res: Response;
  try {
    res = await fetch(`${o.baseUrl.replace(/\/+$/, "")}${o.path}`, {
      method: o.method,
      headers: {
        authorization: `Bearer ${o.token}`,
        ...(o.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
  } catch (error) {
    return { reached: false, error: String(error) };
  }
  const json: unknown = await res.json().catch(() => ({}));
  return { reached: true, ok: res.ok, status: res.status, statusText: res.statusText, json };
}
