import { gatewayControlToken } from "@switchboard/tokens";
import { SignalingError } from "./errors";

/** The SFU's client for the phone gateway's control API (moderators' dial-out). */
export class GatewayControl {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
  ) {}

  async dial(room: string, to: string): Promise<{ callId: string }> {
    let res: Response;
    try {
      res = await fetch(new URL("/calls", this.url), {
        method: "POST",
        headers: {
          authorization: `Bearer ${gatewayControlToken(this.secret)}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ room, to }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new SignalingError("GATEWAY_UNAVAILABLE", "the phone gateway is not reachable");
    }
    const body = (await res.json().catch(() => null)) as {
      callId?: string;
      error?: { code?: string; message?: string };
    } | null;
    if (res.status === 202 && typeof body?.callId === "string") return { callId: body.callId };
    const message = body?.error?.message ?? `the gateway answered ${res.status}`;
    if (res.status === 400 || res.status === 404)
      throw new SignalingError("INVALID_REQUEST", message);
    throw new SignalingError("GATEWAY_UNAVAILABLE", message);
  }
}
