/** The SFU signaling URL as the browser should use it, read at request time on the server. */
export interface SfuEndpoint {
  /** SFU_PUBLIC_URL, or null: the browser then uses its own hostname and `port`. */
  url: string | null;
  port: string;
}

export function sfuEndpointFromEnv(env: NodeJS.ProcessEnv = process.env): SfuEndpoint {
  const url = env.SFU_PUBLIC_URL?.trim().replace(/\/+$/, "") || null;
  const port = env.SFU_PORT?.trim();
  return { url, port: port && /^\d{1,5}$/.test(port) ? port : "4001" };
}

/** Resolves the endpoint in the browser. */
export function resolveSfuUrl(url: string | null, port: string): string {
  if (url) return url;
  return `${window.location.protocol}//${window.location.hostname}:${port}`;
}
