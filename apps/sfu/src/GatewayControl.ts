import { GatewayClient, GatewayError } from "@switchboard/gateway-api";
import { SignalingError } from "./errors";

/**
 * The SFU's side of the phone gateway's control API (moderators' dial-out), through the one
 * typed client of that contract (@switchboard/gateway-api).
 */
export class GatewayControl {
  private readonly client: GatewayClient;

  constructor(url: string, secret: string, timeoutMs = 5000) {
    this.client = new GatewayClient(url, secret, timeoutMs);
  }

  async dial(room: string, to: string, requestedBy?: string): Promise<{ callId: string }> {
    try {
      return await this.client.dial({
        room,
        to,
        ...(requestedBy && { requestedBy: { kind: "participant" as const, id: requestedBy } }),
      });
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      if (error.unreachable)
        throw new SignalingError("GATEWAY_UNAVAILABLE", "the phone gateway is not reachable");
      if (
        error.status === 400 ||
        error.status === 404 ||
        error.status === 403 ||
        error.status === 429
      )
        throw new SignalingError("INVALID_REQUEST", error.message);
      throw new SignalingError("GATEWAY_UNAVAILABLE", error.message);
    }
  }
}
