import { SignalClient } from "@switchboard/client/signal";
import type {
  NewConsumer,
  Notification,
  RequestData,
  RequestMethod,
  ResponseData,
} from "@switchboard/protocol";
import { gatewayKey } from "@switchboard/tokens";

export interface SfuSessionHandlers {
  onNotification?: (n: Notification) => void;
  /** A consumer for us; answer true when ready to receive it. */
  onNewConsumer?: (c: NewConsumer) => boolean;
  /** The connection to the SFU dropped. */
  onDisconnect?: () => void;
}

/**
 * One connection of the gateway to the SFU: the SDK's signal client (typed requests,
 * validated notifications, typed errors: `SwitchboardError` with the server's code,
 * TIMEOUT or SERVER_UNREACHABLE), authenticated with the gateway key. One per phone
 * participant and one per room listener (the SFU binds one peer to one connection).
 */
export class SfuSession {
  private constructor(private readonly signal: SignalClient) {}

  static async open(
    url: string,
    secret: string,
    handlers: SfuSessionHandlers,
    timeoutMs = 5000,
  ): Promise<SfuSession> {
    const signal = new SignalClient({ url, timeoutMs, auth: { gatewayKey: gatewayKey(secret) } });
    const { onNotification, onNewConsumer, onDisconnect } = handlers;
    if (onNotification) signal.on("notification", onNotification);
    signal.handleServerRequest("newConsumer", (c) => onNewConsumer?.(c) ?? false);
    if (onDisconnect) signal.on("disconnected", () => onDisconnect());
    try {
      await signal.connect();
    } catch (error) {
      signal.close();
      throw error;
    }
    return new SfuSession(signal);
  }

  request<M extends RequestMethod>(
    method: M,
    data: RequestData<M>,
    timeoutMs = 5000,
  ): Promise<ResponseData<M>> {
    return this.signal.request(method, data, { timeoutMs });
  }

  close(): void {
    this.signal.close();
  }
}
