/**
 * `@switchboard/client/signal`: the signaling client alone, with no media and no DOM
 * (browsers and Node; the phone gateway uses it).
 */
export { type Clock, systemClock } from "../clock";
export { type ClientErrorCode, SwitchboardError } from "../errors";
export {
  type InvalidMessage,
  type ReconnectOptions,
  type RequestOptions,
  type SfuSocket,
  SignalClient,
  type SignalClientEvents,
  type SignalClientOptions,
  type SignalState,
  type SocketFactory,
} from "./SignalClient";
