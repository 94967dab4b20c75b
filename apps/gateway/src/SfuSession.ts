import {
  type ClientToServerEvents,
  type NewConsumer,
  type Notification,
  NotificationSchema,
  type RequestData,
  type RequestMethod,
  type Response,
  type ResponseData,
  requestSchemas,
  ServerRequestSchema,
  type ServerToClientEvents,
} from "@switchboard/protocol";
import { gatewayKey } from "@switchboard/tokens";
import { io, type Socket } from "socket.io-client";

type GatewaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class SfuRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SfuRequestError";
  }
}

export interface SfuSessionHandlers {
  onNotification?: (n: Notification) => void;
  /** A consumer for us; answer true when ready to receive it. */
  onNewConsumer?: (c: NewConsumer) => boolean;
  /** The connection to the SFU dropped. */
  onDisconnect?: () => void;
}

/**
 * One socket.io connection of the gateway to the SFU, authenticated with the gateway key,
 * speaking the typed protocol. One per phone participant and one per room listener (the
 * SFU binds one peer to one connection).
 */
export class SfuSession {
  private readonly socket: GatewaySocket;
  private closed = false;

  private constructor(socket: GatewaySocket, handlers: SfuSessionHandlers) {
    this.socket = socket;
    socket.on("notification", (raw) => {
      const parsed = NotificationSchema.safeParse(raw);
      if (parsed.success) handlers.onNotification?.(parsed.data);
    });
    socket.on("serverRequest", (raw, ack) => {
      const parsed = ServerRequestSchema.safeParse(raw);
      ack({ ok: parsed.success && (handlers.onNewConsumer?.(parsed.data.data) ?? false) });
    });
    socket.on("disconnect", () => {
      if (!this.closed) handlers.onDisconnect?.();
    });
  }

  static async open(
    url: string,
    secret: string,
    handlers: SfuSessionHandlers,
    timeoutMs = 5000,
  ): Promise<SfuSession> {
    const socket: GatewaySocket = io(url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
      auth: { gatewayKey: gatewayKey(secret) },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (err) => {
        socket.disconnect();
        reject(new SfuRequestError("SERVER_UNREACHABLE", `cannot reach the SFU: ${err.message}`));
      });
    });
    return new SfuSession(socket, handlers);
  }

  async request<M extends RequestMethod>(
    method: M,
    data: RequestData<M>,
    timeoutMs = 5000,
  ): Promise<ResponseData<M>> {
    let res: Response;
    try {
      res = (await this.socket
        .timeout(timeoutMs)
        .emitWithAck("request", { method, data } as never)) as Response;
    } catch {
      throw new SfuRequestError("TIMEOUT", `the SFU did not answer "${method}"`);
    }
    if (!res.ok) throw new SfuRequestError(res.error.code, res.error.message);
    return requestSchemas[method].response.parse(res.data) as ResponseData<M>;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
