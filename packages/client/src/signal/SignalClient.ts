import {
  type NotificationData,
  type NotificationMethod,
  NotificationSchema,
  ProtocolErrorSchema,
  type RequestData,
  type RequestMethod,
  type ResponseData,
  requestSchemas,
  type ServerRequestAck,
  ServerRequestSchema,
  toIssues,
} from "@switchboard/protocol";
import { io } from "socket.io-client";
import { type Clock, systemClock } from "../clock";
import { SwitchboardError } from "../errors";
import { EventChannel, TypedEmitter } from "../TypedEmitter";
import {
  type NotificationEvents,
  type ReconnectOptions,
  type RequestOptions,
  type ServerRequestHandler,
  type ServerRequestMethod,
  type SfuSocket,
  type SignalClientEvents,
  type SignalClientOptions,
  type SignalState,
  type SocketFactory,
  TRANSITIONS,
} from "./types";

export type {
  InvalidMessage,
  ReconnectOptions,
  RequestOptions,
  SfuSocket,
  SignalClientEvents,
  SignalClientOptions,
  SignalState,
  SocketFactory,
} from "./types";

interface Pending {
  method: RequestMethod;
  /** Stops the timeout (a join waiting in the lobby waits as long as it takes). */
  stopTimer: () => void;
  fail: (error: SwitchboardError) => void;
}

/**
 * One signaling session with the SFU over socket.io, for browsers and Node alike (the
 * phone gateway uses it too): typed requests with timeouts and typed errors, validated
 * notifications and server requests, and a reconnect primitive that reopens the
 * connection and resumes the session on it. Nothing here knows about media.
 */
export class SignalClient extends TypedEmitter<SignalClientEvents> {
  readonly url: string;
  /** Request/response round trips made so far (for benchmarks). */
  requestCount = 0;
  private current: SignalState = "idle";
  private socket: SfuSocket | undefined;
  private connecting: Promise<void> | undefined;
  /** Rejects the connection being opened (when closed meanwhile). */
  private abortOpen: ((error: SwitchboardError) => void) | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;
  private readonly notifications = new EventChannel<NotificationEvents>();
  private readonly handlers = new Map<ServerRequestMethod, ServerRequestHandler<never>>();
  private stopReconnect: ((error: SwitchboardError) => void) | undefined;
  private readonly timeoutMs: number;
  private readonly clock: Clock;
  private readonly socketFactory: SocketFactory;

  constructor(private readonly options: SignalClientOptions) {
    super();
    this.url = options.url;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.socketFactory = options.socketFactory ?? (io as SocketFactory);
  }

  get state(): SignalState {
    return this.current;
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  /** Opens the connection. Idempotent while connecting or connected. */
  connect(): Promise<void> {
    if (this.current === "connected") return Promise.resolve();
    if (this.current === "connecting" && this.connecting) return this.connecting;
    if (this.current === "closed" || this.current === "reconnecting") {
      return Promise.reject(new SwitchboardError("DISCONNECTED", `the client is ${this.current}`));
    }
    this.setState("connecting");
    this.connecting = this.open().then(
      () => {
        this.connecting = undefined;
        this.setState("connected");
      },
      (error: unknown) => {
        this.connecting = undefined;
        if (this.current === "connecting") this.setState("disconnected");
        throw error;
      },
    );
    return this.connecting;
  }

  /**
   * Sends one typed request and waits for its typed answer. Fails with TIMEOUT when the
   * server does not answer in time, DISCONNECTED when the connection is not up or drops
   * meanwhile, the server's code when it refuses, INVALID_RESPONSE for a malformed answer.
   * A `join` the server parks in the lobby (`lobbyWaiting`) waits without a timeout.
   */
  request<M extends RequestMethod>(
    method: M,
    data: RequestData<M>,
    options: RequestOptions = {},
  ): Promise<ResponseData<M>> {
    const socket = this.socket;
    if (!socket?.connected) {
      return Promise.reject(new SwitchboardError("DISCONNECTED", "not connected to the server"));
    }
    this.requestCount++;
    const id = this.nextRequestId++;
    return new Promise<ResponseData<M>>((resolve, reject) => {
      const settle = () => {
        pending.stopTimer();
        this.pending.delete(id);
      };
      const pending: Pending = {
        method,
        stopTimer: () => undefined,
        fail: (error) => {
          settle();
          reject(error);
        },
      };
      pending.stopTimer = this.clock.after(options.timeoutMs ?? this.timeoutMs, () =>
        pending.fail(
          new SwitchboardError("TIMEOUT", `the server did not answer "${method}" in time`),
        ),
      );
      this.pending.set(id, pending);
      socket.emit("request", { method, data } as never, (raw: unknown) => {
        // A late answer (after a timeout or a drop) finds nothing pending and is dropped.
        if (!this.pending.has(id)) return;
        settle();
        try {
          resolve(readResponse(method, raw));
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /** Listens to one notification method, already validated; returns the unsubscribe. */
  onNotification<M extends NotificationMethod>(
    method: M,
    listener: (data: NotificationData<M>) => void,
  ): () => void {
    return this.notifications.on(method, listener as (...args: NotificationEvents[M]) => void);
  }

  /** Listeners on notification methods (to check that everyone unsubscribed). */
  notificationListenerCount(): number {
    return this.notifications.listenerCount();
  }

  /** Answers a server request method (one handler each); without one the answer is no. */
  handleServerRequest<M extends ServerRequestMethod>(
    method: M,
    handler: ServerRequestHandler<M>,
  ): () => void {
    this.handlers.set(method, handler as ServerRequestHandler<never>);
    return () => {
      if (this.handlers.get(method) === handler) this.handlers.delete(method);
    };
  }

  /**
   * After a drop (state `disconnected`): waits `firstDelayMs`, opens a new connection and
   * runs `resume` on it (e.g. a rejoin); when that fails, drops the connection and tries
   * again every `retryMs` until `forMs` has passed or `isFatal(error)`. Resolves once
   * resumed (state `connected`); rejects with the last error (state `disconnected`), or
   * with DISCONNECTED when closed meanwhile.
   */
  reconnect(resume: () => Promise<void>, options: ReconnectOptions): Promise<void> {
    if (this.current !== "disconnected") {
      return Promise.reject(
        new SwitchboardError("DISCONNECTED", `cannot reconnect while ${this.current}`),
      );
    }
    this.setState("reconnecting");
    const deadline = this.clock.now() + options.forMs;
    return new Promise<void>((resolve, reject) => {
      let cancelTimer: (() => void) | undefined;
      const finish = (error?: unknown) => {
        cancelTimer?.();
        cancelTimer = undefined;
        this.stopReconnect = undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
      this.stopReconnect = finish;
      const attempt = async (): Promise<void> => {
        cancelTimer = undefined;
        try {
          await this.open();
          await resume();
          if (!this.connected) {
            throw new SwitchboardError("DISCONNECTED", "the connection dropped again");
          }
        } catch (error) {
          if (this.current !== "reconnecting") return;
          this.dropSocket();
          if (options.isFatal?.(error) || this.clock.now() > deadline) {
            this.setState("disconnected");
            finish(error);
            return;
          }
          cancelTimer = this.clock.after(options.retryMs ?? 1000, () => void attempt());
          return;
        }
        if (this.current !== "reconnecting") return;
        this.setState("connected");
        finish();
      };
      cancelTimer = this.clock.after(options.firstDelayMs ?? 250, () => void attempt());
    });
  }

  /**
   * Ends the session for good: the socket and every listener on it go, pending requests
   * fail with DISCONNECTED, timers stop, and this client's own listeners are removed.
   */
  close(): void {
    if (this.current === "closed") return;
    this.setState("closed");
    const closed = new SwitchboardError("DISCONNECTED", "the connection was closed");
    this.stopReconnect?.(closed);
    this.abortOpen?.(closed);
    this.dropSocket();
    this.handlers.clear();
    this.notifications.removeAllListeners();
    this.removeAllListeners();
  }

  /** Opens a socket and waits for the handshake; the socket is wired once it is up. */
  private open(): Promise<void> {
    const socket = this.socketFactory(this.url, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: this.timeoutMs,
      ...(this.options.auth ? { auth: this.options.auth } : {}),
    });
    this.socket = socket;
    return new Promise<void>((resolve, reject) => {
      const engine = socket.io.engine;
      const cleanup = () => {
        this.abortOpen = undefined;
        socket.off("connect", connected);
        socket.off("connect_error", unreachable);
        engine?.off("close", unreachable);
      };
      const connected = () => {
        cleanup();
        this.wire(socket);
        resolve();
      };
      const unreachable = () => {
        cleanup();
        this.dropSocket(socket);
        reject(
          new SwitchboardError("SERVER_UNREACHABLE", `cannot reach the server at ${this.url}`),
        );
      };
      this.abortOpen = (error) => {
        cleanup();
        reject(error);
      };
      socket.on("connect", connected);
      socket.on("connect_error", unreachable);
      // A connection closed during the handshake fails at once, not after the timeout.
      engine?.on("close", unreachable);
    });
  }

  private wire(socket: SfuSocket): void {
    socket.on("notification", (raw) => this.onNotificationMessage(raw));
    socket.on("serverRequest", (raw, ack) => this.onServerRequest(raw, ack));
    socket.on("disconnect", (reason) => {
      if (socket !== this.socket) return;
      this.dropSocket(socket);
      if (this.current !== "connected") return;
      this.setState("disconnected");
      this.emit("disconnected", reason);
    });
  }

  private onNotificationMessage(raw: unknown): void {
    const parsed = NotificationSchema.safeParse(raw);
    if (!parsed.success) {
      this.emit("invalidMessage", { kind: "notification", issues: toIssues(parsed.error) });
      return;
    }
    const n = parsed.data;
    if (n.method === "lobbyWaiting") {
      for (const p of this.pending.values()) if (p.method === "join") p.stopTimer();
    }
    this.emit("notification", n);
    (this.notifications.emit as (method: string, data: unknown) => void)(n.method, n.data);
  }

  private onServerRequest(raw: unknown, ack: unknown): void {
    if (typeof ack !== "function") return;
    const answer = (a: ServerRequestAck) => (ack as (a: ServerRequestAck) => void)(a);
    const parsed = ServerRequestSchema.safeParse(raw);
    if (!parsed.success) {
      this.emit("invalidMessage", { kind: "serverRequest", issues: toIssues(parsed.error) });
      answer({ ok: false });
      return;
    }
    const handler = this.handlers.get(parsed.data.method) as
      | ServerRequestHandler<typeof parsed.data.method>
      | undefined;
    if (!handler) {
      answer({ ok: false });
      return;
    }
    Promise.resolve()
      .then(() => handler(parsed.data.data))
      .then(
        (ok) => answer({ ok }),
        () => answer({ ok: false }),
      );
  }

  /** Forgets the socket (all its listeners off, disconnected) and fails what was pending. */
  private dropSocket(socket: SfuSocket | undefined = this.socket): void {
    if (!socket) return;
    if (socket === this.socket) this.socket = undefined;
    socket.removeAllListeners();
    socket.disconnect();
    const lost = new SwitchboardError("DISCONNECTED", "the connection to the server was lost");
    for (const p of [...this.pending.values()]) p.fail(lost);
  }

  private setState(next: SignalState): void {
    if (this.current === next) return;
    if (!TRANSITIONS[this.current].includes(next)) {
      throw new Error(`signal client: no transition from ${this.current} to ${next}`);
    }
    this.current = next;
    this.emit("stateChanged", next);
  }
}

/** The typed answer, the server's typed refusal, or INVALID_RESPONSE. */
function readResponse<M extends RequestMethod>(method: M, raw: unknown): ResponseData<M> {
  if (typeof raw === "object" && raw !== null && "ok" in raw) {
    if (raw.ok === false && "error" in raw) {
      const error = ProtocolErrorSchema.safeParse(raw.error);
      if (error.success) throw SwitchboardError.fromProtocol(error.data);
    } else if (raw.ok === true && "data" in raw) {
      const data = requestSchemas[method].response.safeParse(raw.data);
      if (data.success) return data.data as ResponseData<M>;
    }
  }
  throw new SwitchboardError(
    "INVALID_RESPONSE",
    `the server's answer to "${method}" does not match the protocol`,
  );
}
