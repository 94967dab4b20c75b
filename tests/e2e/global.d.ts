import type { Room } from "@switchboard/client";

declare global {
  interface Window {
    __switchboard?: Room;
    __joinClickedAt?: number;
    __firstRemoteFrameAt?: number;
  }
}
