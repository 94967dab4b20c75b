/**
 * The SDK as a page for the Chromium tests (bundled by esbuild in media.test.ts): rooms
 * made here open their sockets through a recorder and time through a counting clock, so
 * a test can check that nothing is left listening or pending after leave.
 */
import { io } from "socket.io-client";
import type { Source } from "../../src/index";
import { type Clock, Room, type SfuSocket, systemClock } from "../../src/index";

const sockets: SfuSocket[] = [];
let timers = 0;

/** The system clock, counting timers set and not yet fired or cancelled. */
const countingClock: Clock = {
  now: () => systemClock.now(),
  after(ms, fn) {
    timers++;
    let open = true;
    const settle = () => {
      if (open) timers--;
      open = false;
    };
    const cancel = systemClock.after(ms, () => {
      settle();
      fn();
    });
    return () => {
      settle();
      cancel();
    };
  },
};

type Callbacks = { _callbacks?: Record<string, unknown[]> };
function listeners(e: unknown): number {
  return Object.values((e as Callbacks | undefined)?._callbacks ?? {}).reduce(
    (n, l) => n + l.length,
    0,
  );
}

/** What `room` receives of `name`'s `source`. */
async function received(room: Room, name: string, source: Source) {
  const out = { frames: 0, bytes: 0, packets: 0, width: 0, subscribed: false, muted: true };
  for (const p of room.participants.values()) {
    if (p.displayName !== name) continue;
    const publication = p.publication(source);
    if (!publication) continue;
    out.muted = publication.muted;
    if (!publication.track) continue;
    out.subscribed = true;
    (await publication.track.getStats()).forEach(
      (s: {
        type: string;
        framesDecoded?: number;
        bytesReceived?: number;
        packetsReceived?: number;
        frameWidth?: number;
      }) => {
        if (s.type !== "inbound-rtp") return;
        out.frames += s.framesDecoded ?? 0;
        out.bytes += s.bytesReceived ?? 0;
        out.packets += s.packetsReceived ?? 0;
        out.width = s.frameWidth ?? out.width;
      },
    );
  }
  return out;
}

const sb = {
  rooms: [] as Room[],
  makeRoom(url: string): Room {
    const room = new Room({
      url,
      clock: countingClock,
      reconnectForMs: 30_000,
      socketFactory: (u, options) => {
        const socket = io(u, options) as SfuSocket;
        sockets.push(socket);
        return socket;
      },
    });
    sb.rooms.push(room);
    return room;
  },
  /** Joins and publishes the fake microphone and camera (1280×720: three simulcast layers). */
  async joinWithMedia(room: Room, slug: string, name: string): Promise<void> {
    await room.join(slug, name);
    const media = await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: { width: 1280, height: 720 },
    });
    const [mic] = media.getAudioTracks();
    const [camera] = media.getVideoTracks();
    if (!mic || !camera) throw new Error("no fake devices");
    await room.localParticipant.publish(mic, "mic");
    await room.localParticipant.publish(camera, "camera");
  },
  received,
  /** The newest socket (to break it under the SDK). */
  lastSocket: (): SfuSocket | undefined => sockets.at(-1),
  socketCount: () => sockets.length,
  /**
   * Listeners left on every socket, manager and engine opened so far, once each engine
   * has finished closing (socket.io itself waits for the last write to drain meanwhile).
   */
  async socketListeners(): Promise<number[]> {
    return Promise.all(
      sockets.map(async (s) => {
        const engine = s.io.engine;
        if (engine && engine.readyState !== "closed") {
          await new Promise((resolve) => engine.once("close", resolve));
        }
        return listeners(s) + listeners(s.io) + listeners(engine);
      }),
    );
  },
  pendingTimers: () => timers,
};

export type PageSdk = typeof sb;
(window as unknown as { sb: PageSdk }).sb = sb;
