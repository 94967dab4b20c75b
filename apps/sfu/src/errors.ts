import type { ErrorCode, ProtocolError } from "@switchboard/protocol";

/** An error the client is told about, with a protocol error code. */
export class SignalingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SignalingError";
  }

  toProtocol(): ProtocolError {
    return { code: this.code, message: this.message };
  }
}
