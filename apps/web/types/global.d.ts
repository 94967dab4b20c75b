import type { Room } from "@switchboard/client";

declare global {
  interface Window {
    /** The page's SDK room (for tests and benchmarks). */
    __switchboard?: Room;
    /** performance.now() when the Join button was clicked (join benchmark). */
    __joinClickedAt?: number;
    /** performance.now() when the first remote video frame was rendered (join benchmark). */
    __firstRemoteFrameAt?: number;
  }
}
