import { SwitchboardError } from "@switchboard/client";

/** The states a status message can show (the `data-state` of `data-testid="status"`). */
export type StatusState =
  | "permission-denied"
  | "no-devices"
  | "connecting"
  | "server-unreachable"
  | "room-locked"
  | "room-full"
  | "room-not-found"
  | "disconnected"
  | "room-closed"
  | "token-required"
  | "token-invalid"
  | "removed"
  | "lobby-denied"
  | "left"
  | "error";

export interface Failure {
  state: StatusState;
  title: string;
  detail: string;
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof SwitchboardError) return error.code;
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

export function unreachable(url: string): Failure {
  return {
    state: "server-unreachable",
    title: "Can't reach the media server",
    detail: `Can't reach the media server at ${url}. It may be down or blocked by your network. Check your connection and try again.`,
  };
}

/** Turns anything `connect()` or `join()` throws into words for people. */
export function describeFailure(error: unknown, serverUrl: string): Failure {
  switch (errorCode(error)) {
    case "SERVER_UNREACHABLE":
      return unreachable(serverUrl);
    case "TIMEOUT":
      return {
        state: "server-unreachable",
        title: "The media server is not answering",
        detail: `The media server at ${serverUrl} did not answer in time. It may be overloaded or your connection may be poor. Try again in a moment.`,
      };
    case "ROOM_LOCKED":
      return {
        state: "room-locked",
        title: "This room is locked",
        detail:
          "The room has been locked, so nobody new can join right now. Ask someone inside to unlock it, then try again.",
      };
    case "ROOM_FULL":
      return {
        state: "room-full",
        title: "This room is full",
        detail:
          "The room has reached its maximum number of participants. Try again when someone leaves.",
      };
    case "ROOM_NOT_FOUND":
      return {
        state: "room-not-found",
        title: "This room doesn't exist anymore",
        detail:
          "The media server doesn't know this room. It may have been deleted. Check the link or create a new room.",
      };
    case "TOKEN_REQUIRED":
      return {
        state: "token-required",
        title: "This room is invitation-only",
        detail:
          "You need an invitation link to join. Ask the organiser for a link that includes an access token.",
      };
    case "TOKEN_EXPIRED":
      return {
        state: "token-invalid",
        title: "Your invitation has expired",
        detail: "The link you used is no longer valid. Ask the organiser for a new one.",
      };
    case "TOKEN_INVALID":
      return {
        state: "token-invalid",
        title: "This invitation link is not valid",
        detail:
          "The access token in the link was not accepted: it may be damaged or for another room. Ask the organiser for a new link.",
      };
    case "LOBBY_DENIED":
      return {
        state: "lobby-denied",
        title: "A moderator did not let you in",
        detail:
          "A moderator of this meeting declined your request to join. If you think this is a mistake, contact the organiser.",
      };
    case "DISCONNECTED":
      return {
        state: "disconnected",
        title: "You were disconnected",
        detail: "The connection to the media server was lost.",
      };
    case "INVALID_REQUEST":
      return {
        state: "error",
        title: "The server refused to let you in",
        detail:
          error instanceof SwitchboardError && error.issues?.length
            ? error.issues.map((i) => i.message).join("; ")
            : "Something you entered was not accepted. Check your name and try again.",
      };
    case "UNSUPPORTED_BROWSER":
      return unsupportedBrowser();
    default:
      break;
  }
  if (errorName(error) === "UnsupportedError") return unsupportedBrowser();
  return {
    state: "error",
    title: "Something went wrong",
    detail:
      error instanceof Error && error.message ? error.message : "An unexpected error occurred.",
  };
}

export function removedFromRoom(reason: string): Failure {
  return {
    state: "removed",
    title: "You were removed from the room",
    detail: reason ? `You can no longer take part: ${reason}.` : "You can no longer take part.",
  };
}

function unsupportedBrowser(): Failure {
  return {
    state: "error",
    title: "This browser can't make video calls",
    detail: "WebRTC is not available here. Use a recent Chrome, Edge, Firefox or Safari.",
  };
}
