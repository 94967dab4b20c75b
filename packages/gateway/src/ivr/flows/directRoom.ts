import type { Flow } from "../types";

/** A number that rings straight into one room: welcome, then the room (no PIN). */
export const directRoomFlow: Flow = [{ verb: "play", prompt: "welcome" }, { verb: "conference" }];
