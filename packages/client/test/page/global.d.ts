import type { Room } from "../../src/index";
import type { PageSdk } from "./entry";

declare global {
  interface Window {
    sb: PageSdk;
    /** The page's room under test. */
    room: Room;
  }
}
