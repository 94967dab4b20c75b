import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import { build } from "esbuild";
import { chromiumArgs } from "../../../playwright.config";
import { startSfuWithRooms } from "./helpers";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Polls `fn` until `check` passes (media takes its time on two shared cores). */
async function until<T>(
  fn: () => Promise<T>,
  check: (v: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (check(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The SDK's media side in real Chromium (fake camera and microphone) against the real SFU:
 * a page bundling the SDK with esbuild, served on loopback.
 */
describe("Room in Chromium: publish, subscribe, layers, reconnect, leave", () => {
  let env: Awaited<ReturnType<typeof startSfuWithRooms>>;
  let http: Server;
  let pageUrl: string;
  let browser: Browser;

  before(async () => {
    env = await startSfuWithRooms({ media: {}, again: {}, leave: {} });
    const bundle = await build({
      entryPoints: [path.join(here, "page/entry.ts")],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "chrome120",
      logLevel: "silent",
    });
    const js = bundle.outputFiles[0]?.contents ?? new Uint8Array();
    http = createServer((req, res) => {
      if (req.url === "/sdk.js") {
        res.writeHead(200, { "content-type": "text/javascript" }).end(js);
      } else {
        res
          .writeHead(200, { "content-type": "text/html" })
          .end('<!doctype html><title>sdk</title><script type="module" src="/sdk.js"></script>');
      }
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumArgs,
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    await env?.stop();
  });

  /** A page with the SDK and one Room (`window.room`) for the SFU. */
  async function open(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => window.sb !== undefined);
    await page.evaluate((url) => {
      window.room = window.sb.makeRoom(url);
    }, env.url);
    return page;
  }

  const received = (page: Page, name: string, source: "mic" | "camera") =>
    page.evaluate(([n, s]) => window.sb.received(window.room, n, s), [name, source] as const);

  /** Waits until `page` keeps decoding new frames of `name`'s camera. */
  async function framesGrow(page: Page, name: string): Promise<void> {
    const start = await until(
      () => received(page, name, "camera"),
      (r) => r.frames > 0,
      `${name}'s video`,
    );
    await until(
      () => received(page, name, "camera"),
      (r) => r.frames > start.frames + 5,
      `more of ${name}'s video`,
    );
  }

  test("camera and mic published with simulcast; the receiver picks layers and stops what it cannot see", async () => {
    const alice = await open();
    const bob = await open();
    await alice.evaluate(() => window.sb.joinWithMedia(window.room, "media", "Alice"));
    await bob.evaluate(() => window.room.join("media", "Bob"));
    await framesGrow(bob, "Alice");
    await until(
      () => received(bob, "Alice", "mic"),
      (r) => r.packets > 20,
      "Alice's audio",
    );
    const sent = await alice.evaluate(() => ({
      camera: window.room.localParticipant.isPublishing("camera"),
      layers:
        window.room.localParticipant.publication("camera")?.producer.rtpParameters.encodings
          ?.length,
    }));
    assert.deepEqual(sent, { camera: true, layers: 3 });

    // The smallest layer: a quarter of 1280.
    await bob.evaluate(() =>
      [...window.room.participants.values()][0]?.publication("camera")?.setPreferredLayer(0),
    );
    await until(
      () => received(bob, "Alice", "camera"),
      (r) => r.width === 320,
      "¼ resolution",
    );

    // Off screen: the SFU stops forwarding; nothing arrives until it is visible again.
    await bob.evaluate(() =>
      [...window.room.participants.values()][0]?.publication("camera")?.setVisible(false),
    );
    // Nothing arriving is a matter of time: two reads half a second apart, then a second more.
    const pause = () => new Promise((r) => setTimeout(r, 500));
    const stopped = await until(
      async () => {
        const first = await received(bob, "Alice", "camera");
        await pause();
        return { first, second: await received(bob, "Alice", "camera") };
      },
      ({ first, second }) => first.bytes === second.bytes,
      "video to stop",
    );
    await pause();
    await pause();
    const later = await received(bob, "Alice", "camera");
    assert.equal(later.frames, stopped.second.frames, "no frames while not visible");
    assert.equal(
      await bob.evaluate(
        () => [...window.room.participants.values()][0]?.publication("camera")?.visible,
      ),
      false,
    );
    await bob.evaluate(() =>
      [...window.room.participants.values()][0]?.publication("camera")?.setVisible(true),
    );
    await framesGrow(bob, "Alice");
    await Promise.all([alice, bob].map((p) => p.evaluate(() => window.room.leave())));
    await Promise.all([alice.close(), bob.close()]);
  });

  test("a dropped connection: same identity, tracks republished with the mute state chosen meanwhile, chat kept and sent", async () => {
    const alice = await open();
    const bob = await open();
    await alice.evaluate(() => window.room.join("again", "Alice"));
    await bob.evaluate(() => window.sb.joinWithMedia(window.room, "again", "Bob"));
    await framesGrow(alice, "Bob");
    const bobId = await bob.evaluate(() => window.room.localParticipant.peerId);

    const during = await bob.evaluate(async () => {
      const room = window.room;
      let chat: Promise<{ text: string }> | undefined;
      let queued = -1;
      room.once("reconnecting", () => {
        // While away: the camera goes off, and a chat message is typed.
        void room.localParticipant.setMuted("camera", true);
        chat = room.chat.send("typed while offline");
        queued = room.chat.queued;
      });
      const back = new Promise<void>((resolve) => room.once("reconnected", () => resolve()));
      window.sb.lastSocket()?.io.engine.close(); // the connection dies under the SDK
      await back;
      return {
        queued,
        sent: (await chat)?.text,
        state: room.connectionState,
        peerId: room.localParticipant.peerId,
        camera: room.localParticipant.publication("camera")?.muted,
        mic: room.localParticipant.publication("mic")?.muted,
      };
    });
    assert.deepEqual(during, {
      queued: 1,
      sent: "typed while offline",
      state: "connected",
      peerId: bobId,
      camera: true,
      mic: false,
    });
    assert.ok((await bob.evaluate(() => window.sb.socketCount())) >= 2, "a new connection");

    // Alice sees the same Bob: camera off, microphone flowing, the message once.
    const bobAtAlice = await until(
      () =>
        alice.evaluate(() =>
          [...window.room.participants.values()].map((p) => ({
            id: p.id,
            camera: p.isMuted("camera"),
            mic: p.isMuted("mic"),
            subscribed: p.tracks.length,
          })),
        ),
      (list) => list.length === 1 && list[0]?.subscribed === 2,
      "Bob back at Alice's",
    );
    assert.deepEqual(bobAtAlice, [{ id: bobId, camera: true, mic: false, subscribed: 2 }]);
    const mic = await received(alice, "Bob", "mic");
    await until(
      () => received(alice, "Bob", "mic"),
      (r) => r.packets > mic.packets + 20,
      "audio",
    );
    const messages = await alice.evaluate(() =>
      window.room.chat.messages.filter((m) => m.text === "typed while offline"),
    );
    assert.equal(messages.length, 1);

    await bob.evaluate(() => window.room.localParticipant.setMuted("camera", false));
    await until(
      () => received(alice, "Bob", "camera"),
      (r) => !r.muted,
      "camera back on",
    );
    await framesGrow(alice, "Bob");
    await Promise.all([alice, bob].map((p) => p.evaluate(() => window.room.leave())));
    await Promise.all([alice.close(), bob.close()]);
  });

  test("leave releases every socket listener and timer; the same Room joins again", async () => {
    const alice = await open();
    const lee = await open();
    await alice.evaluate(() => window.room.join("leave", "Alice"));
    const states = await lee.evaluate(async () => {
      const room = window.room;
      const seen: string[] = [];
      room.on("connectionStateChanged", (s) => seen.push(s));
      await window.sb.joinWithMedia(room, "leave", "Lee");
      await room.leave();
      const afterFirst = {
        listeners: await window.sb.socketListeners(),
        timers: window.sb.pendingTimers(),
        published: room.localParticipant.publications.size,
        participants: room.participants.size,
      };
      await window.sb.joinWithMedia(room, "leave", "Lee");
      return { seen, afterFirst };
    });
    assert.deepEqual(states.afterFirst, {
      listeners: [0],
      timers: 0,
      published: 0,
      participants: 0,
    });
    await framesGrow(alice, "Lee");
    const final = await lee.evaluate(async () => {
      await window.room.leave();
      return {
        listeners: await window.sb.socketListeners(),
        timers: window.sb.pendingTimers(),
        state: window.room.connectionState,
      };
    });
    assert.deepEqual(final, { listeners: [0, 0], timers: 0, state: "disconnected" });
    assert.deepEqual(states.seen, [
      "connecting",
      "connected",
      "disconnected",
      "connecting",
      "connected",
    ]);
    await until(
      () => alice.evaluate(() => window.room.participants.size),
      (n) => n === 0,
      "Lee gone at Alice's",
    );
    await alice.evaluate(() => window.room.leave());
    await Promise.all([alice.close(), lee.close()]);
  });
});
