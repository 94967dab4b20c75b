/** Why a call ended or failed, as a small closed set. */
export type CallEndReason =
  | "local-hangup"
  | "remote-hangup"
  | "cancelled"
  | "busy"
  | "no-answer"
  | "rejected"
  | "not-found"
  | "unavailable"
  | "auth-failed"
  | "incompatible"
  | "ack-timeout"
  | "redirected"
  | "transferred"
  | "failed";

/** Maps a final failure status of an outbound INVITE to a reason. */
export function reasonForStatus(status: number): CallEndReason {
  switch (status) {
    case 486:
    case 600:
      return "busy";
    case 408:
    case 480:
      return status === 408 ? "no-answer" : "unavailable";
    case 404:
    case 484:
    case 604:
      return "not-found";
    case 403:
    case 603:
      return "rejected";
    case 401:
    case 407:
      return "auth-failed";
    case 487:
      return "cancelled";
    case 488:
    case 606:
      return "incompatible";
    case 500:
    case 502:
    case 503:
    case 504:
      return "unavailable";
    default:
      return "failed";
  }
}
