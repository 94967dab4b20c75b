import type {
  ClientToServerEvents,
  Notification,
  NotificationData,
  NotificationMethod,
  ProtocolError,
  ServerRequest,
  ServerToClientEvents,
} from "@switchboard/protocol";
import type { ManagerOptions, Socket, SocketOptions } from "socket.io-client";
import type { Clock } from "../clock";

export type SfuSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Opens the socket.io connection (socket.io-client's `io` unless a test wraps it). */
export type SocketFactory = (
  url: string,
  options: Partial<ManagerOptions & SocketOptions>,
) => SfuSocket;

/**
 * idle → connecting → connected ⇄ disconnected → reconnecting → connected | disconnected;
 * any → closed (final).
 */
export type SignalState =
  | "idle"
  | "connecting"
  | "connected"
  /** The connection dropped (or never came up); `connect()` or `reconnect()` again. */
  | "disconnected"
  /** `reconnect()` is opening a new connection and resuming the session on it. */
  | "reconnecting"
  | "closed";

export const TRANSITIONS: Record<SignalState, readonly SignalState[]> = {
  idle: ["connecting", "closed"],
  connecting: ["connected", "disconnected", "closed"],
  connected: ["disconnected", "closed"],
  disconnected: ["connecting", "reconnecting", "closed"],
  reconnecting: ["connected", "disconnected", "closed"],
  closed: [],
};

export interface SignalClientOptions {
  /** Signaling URL of the SFU, e.g. http://localhost:4001 */
  url: string;
  /** Time to wait for the server on connect and per request (ms). */
  timeoutMs?: number;
  /** socket.io handshake auth, e.g. `{ gatewayKey }` for the phone gateway. */
  auth?: Record<string, unknown>;
  clock?: Clock;
  socketFactory?: SocketFactory;
}

export interface RequestOptions {
  /** This request's timeout instead of the client's (ms). */
  timeoutMs?: number;
}

export interface ReconnectOptions {
  /** Give up after trying this long (ms). */
  forMs: number;
  /** Wait before the first attempt (ms). */
  firstDelayMs?: number;
  /** Wait between attempts (ms). */
  retryMs?: number;
  /** An error that ends the attempts at once (e.g. the room is gone). */
  isFatal?: (error: unknown) => boolean;
}

/** A message from the server that did not match the protocol (it was ignored). */
export interface InvalidMessage {
  kind: "notification" | "serverRequest";
  issues: NonNullable<ProtocolError["issues"]>;
}

export interface SignalClientEvents extends Record<string, unknown[]> {
  stateChanged: [SignalState];
  /** An established connection dropped (not after `close()`); the socket.io reason. */
  disconnected: [string];
  /** Every valid notification (per method: `onNotification`). */
  notification: [Notification];
  invalidMessage: [InvalidMessage];
}

export type NotificationEvents = { [M in NotificationMethod]: [NotificationData<M>] };
export type ServerRequestMethod = ServerRequest["method"];
export type ServerRequestData<M extends ServerRequestMethod> = Extract<
  ServerRequest,
  { method: M }
>["data"];
/** Answers a server request: true when the client took it (e.g. is ready to receive). */
export type ServerRequestHandler<M extends ServerRequestMethod> = (
  data: ServerRequestData<M>,
) => boolean | Promise<boolean>;
