import type { ErrorCode, ProtocolError } from "@switchboard/protocol";

/** Everything the SDK can fail with: the server's codes plus client-side ones. */
export type ClientErrorCode =
  | ErrorCode
  | "SERVER_UNREACHABLE"
  | "TIMEOUT"
  | "DISCONNECTED"
  /** The server's answer did not match the protocol. */
  | "INVALID_RESPONSE"
  | "UNSUPPORTED_BROWSER";

export class SwitchboardError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly issues?: ProtocolError["issues"],
  ) {
    super(message);
    this.name = "SwitchboardError";
  }

  static fromProtocol(error: ProtocolError): SwitchboardError {
    return new SwitchboardError(error.code, error.message, error.issues);
  }
}
