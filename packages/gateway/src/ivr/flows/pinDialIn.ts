import type { Flow } from "../types";

/**
 * PIN dial-in: welcome, ask for the meeting PIN (finished by #), three attempts, then
 * "goodbye" and hang up; on success join the room.
 */
export const pinDialInFlow: Flow = [
  { verb: "play", prompt: "welcome" },
  {
    verb: "pinEntry",
    prompt: "enter-pin",
    invalidPrompt: "invalid-pin",
    attempts: 3,
    finishOnKey: "#",
    maxDigits: 12,
    timeoutMs: 10_000,
    onFailure: [{ verb: "play", prompt: "goodbye" }, { verb: "hangup" }],
  },
  { verb: "conference" },
];
