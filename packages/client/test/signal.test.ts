import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import type { RequestData, ResponseData } from "@switchboard/protocol";
import { waitFor } from "@switchboard/sfu/testing";
import { SwitchboardError } from "../src/errors";
import {
  type InvalidMessage,
  SignalClient,
  type SignalClientOptions,
} from "../src/signal/SignalClient";
import {
  FakeClock,
  listenersAfterClose,
  next,
  recordingSockets,
  socketListeners,
  startSfuWithRooms,
} from "./helpers";

/** An assertion that `p` fails with a SwitchboardError of `code`. */
function failsWith(p: Promise<unknown>, code: string): Promise<void> {
  return assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof SwitchboardError, `expected a SwitchboardError, got ${String(e)}`);
    assert.equal(e.code, code);
    return true;
  });
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function join(
  c: SignalClient,
  room: string,
  displayName: string,
  extra: Partial<RequestData<"join">> = {},
): Promise<ResponseData<"join">> {
  const { routerRtpCapabilities } = await c.request("getRouterRtpCapabilities", {});
  return c.request("join", { room, displayName, rtpCapabilities: routerRtpCapabilities, ...extra });
}

describe("SignalClient against the real SFU", () => {
  let env: Awaited<ReturnType<typeof startSfuWithRooms>>;
  const clients: SignalClient[] = [];
  const client = (options: Partial<SignalClientOptions> = {}) => {
    const c = new SignalClient({ url: env.url, ...options });
    clients.push(c);
    return c;
  };

  before(async () => {
    env = await startSfuWithRooms({
      sig: {},
      invalid: {},
      again: {},
      closing: {},
      lobby: { lobbyEnabled: true },
    });
  });

  after(async () => {
    for (const c of clients) c.close();
    await env.stop();
  });

  test("typed answers; refusals are SwitchboardErrors with the server's code and issues", async () => {
    const c = client();
    await c.connect();
    assert.equal(c.state, "connected");
    const { routerRtpCapabilities } = await c.request("getRouterRtpCapabilities", {});
    assert.ok(routerRtpCapabilities.codecs?.some((codec) => codec.mimeType === "audio/opus"));
    await failsWith(join(c, "no-such-room", "Ann"), "ROOM_NOT_FOUND");
    const invalid = await join(c, "sig", "").catch((e: unknown) => e);
    assert.ok(invalid instanceof SwitchboardError && invalid.code === "INVALID_REQUEST");
    assert.ok(invalid.issues?.some((i) => i.path === "data.displayName"));
    assert.equal(c.requestCount, 5);
  });

  test("a request not answered in time fails with TIMEOUT; the connection keeps serving", async () => {
    const clock = new FakeClock();
    const c = client({ clock, timeoutMs: 5000 });
    await c.connect();
    const late = c.request("getRouterRtpCapabilities", {});
    // Time passes before the answer can arrive (it is on the network; nothing waits).
    clock.advance(5000);
    await failsWith(late, "TIMEOUT");
    assert.equal(clock.pending, 0, "the timed-out request left no timer");
    const shorter = c.request("getRouterRtpCapabilities", {}, { timeoutMs: 100 });
    clock.advance(100);
    await failsWith(shorter, "TIMEOUT");
    // The late answers were dropped; the next request gets its own.
    const { routerRtpCapabilities } = await c.request("getRouterRtpCapabilities", {});
    assert.ok(routerRtpCapabilities.codecs?.length);
    assert.equal(clock.pending, 0);
  });

  test("no server at the address: SERVER_UNREACHABLE, nothing left listening", async () => {
    const { factory, sockets } = recordingSockets();
    const c = new SignalClient({
      url: `http://127.0.0.1:${await closedPort()}`,
      socketFactory: factory,
    });
    clients.push(c);
    await failsWith(c.connect(), "SERVER_UNREACHABLE");
    assert.equal(c.state, "disconnected");
    assert.equal(sockets.length, 1);
    assert.equal(await listenersAfterClose(sockets[0]!), 0);
    await failsWith(c.request("getRouterRtpCapabilities", {}), "DISCONNECTED");
  });

  test("a join parked in the lobby waits past the timeout and resolves when admitted", async () => {
    const host = client();
    await host.connect();
    assert.equal((await join(host, "lobby", "Host")).role, "moderator");
    const clock = new FakeClock();
    const guest = client({ clock, timeoutMs: 5000 });
    await guest.connect();
    const { routerRtpCapabilities } = await guest.request("getRouterRtpCapabilities", {});
    const waiting = new Promise<string>((resolve) =>
      guest.onNotification("lobbyWaiting", ({ lobbyId }) => resolve(lobbyId)),
    );
    const joining = guest.request("join", {
      room: "lobby",
      displayName: "Guest",
      rtpCapabilities: routerRtpCapabilities,
    });
    const lobbyId = await waiting;
    clock.advance(60_000);
    assert.equal(clock.pending, 0, "the parked join has no timeout running");
    await host.request("admitFromLobby", { lobbyId });
    assert.equal((await joining).role, "guest");
  });

  test("invalid notifications and server requests are reported and ignored; the session goes on", async () => {
    const { factory, sockets } = recordingSockets();
    const c = client({ socketFactory: factory });
    await c.connect();
    const joined = await join(c, "invalid", "Ivy");
    const chat: unknown[] = [];
    const invalid: InvalidMessage[] = [];
    c.onNotification("chatMessage", (m) => chat.push(m));
    c.on("invalidMessage", (m) => invalid.push(m));
    const server = env.sfu.io.in(sockets[0]?.id ?? "");
    server.emit("notification", {
      method: "chatMessage",
      data: { message: { text: 42 } },
    } as never);
    server.emit("notification", "garbage" as never);
    server.emit("notification", { method: "selfDestruct", data: {} } as never);
    const acks: unknown = await server
      .timeout(2000)
      .emitWithAck("serverRequest", { method: "newConsumer", data: { peerId: 1 } } as never);
    // The notifications went first on the same connection: all of them are seen by now.
    assert.deepEqual(acks, [{ ok: false }]);
    assert.deepEqual(
      invalid.map((m) => m.kind),
      ["notification", "notification", "notification", "serverRequest"],
    );
    assert.ok(invalid[0]?.issues.some((i) => i.path.startsWith("data.message")));
    assert.equal(chat.length, 0);
    const { message } = await c.request("sendChat", { text: "still here" });
    assert.equal(message.peerId, joined.peerId);
    await waitFor(() => chat.length === 1, "our own message back");
    assert.equal(c.state, "connected");
  });

  test("a drop fails what is in flight at once; reconnect() resumes as the same participant", async () => {
    const clock = new FakeClock();
    const { factory, sockets } = recordingSockets();
    const c = client({ clock, socketFactory: factory });
    await c.connect();
    const first = await join(c, "again", "Rae");
    const dropped = next(c, "disconnected");
    env.sfu.io.in(sockets[0]?.id ?? "").disconnectSockets(true);
    const inFlight = c.request("getNotes", {});
    await failsWith(inFlight, "DISCONNECTED");
    const [reason] = await dropped;
    assert.equal(reason, "io server disconnect");
    assert.equal(c.state, "disconnected");
    assert.equal(await listenersAfterClose(sockets[0]!), 0);
    assert.equal(clock.pending, 0);

    let rejoined: ResponseData<"join"> | undefined;
    const resumed = c.reconnect(
      async () => {
        rejoined = await join(c, "again", "Rae", {
          rejoin: { peerId: first.peerId, key: first.rejoinKey },
        });
      },
      { forMs: 10_000, firstDelayMs: 250 },
    );
    assert.equal(c.state, "reconnecting");
    clock.advance(250);
    await resumed;
    assert.equal(c.state, "connected");
    assert.equal(rejoined?.peerId, first.peerId);
    assert.equal(sockets.length, 2);
    assert.equal(env.sfu.rooms.get("again")?.peers.size, 1);
  });

  test("reconnect() gives up at once on a fatal error", async () => {
    const clock = new FakeClock();
    const { factory, sockets } = recordingSockets();
    const c = client({ clock, socketFactory: factory });
    await c.connect();
    await join(c, "sig", "Fay");
    const dropped = next(c, "disconnected");
    env.sfu.io.in(sockets[0]?.id ?? "").disconnectSockets(true);
    await dropped;
    const gaveUp = c.reconnect(() => join(c, "gone-room", "Fay").then(() => undefined), {
      forMs: 60_000,
      isFatal: (e) => e instanceof SwitchboardError && e.code === "ROOM_NOT_FOUND",
    });
    clock.advance(250);
    await failsWith(gaveUp, "ROOM_NOT_FOUND");
    assert.equal(c.state, "disconnected");
    assert.equal(clock.pending, 0);
    for (const s of sockets) assert.equal(await listenersAfterClose(s), 0);
  });

  test("reconnect() retries an unreachable server until its deadline, then fails", async () => {
    const other = await startSfuWithRooms({});
    const clock = new FakeClock();
    const { factory, sockets } = recordingSockets();
    const c = client({ clock, socketFactory: factory, url: other.url });
    await c.connect();
    const dropped = next(c, "disconnected");
    await other.stop();
    await dropped;
    let resumes = 0;
    const gaveUp = c.reconnect(
      async () => {
        resumes++;
      },
      { forMs: 3000, firstDelayMs: 250, retryMs: 1000 },
    );
    let settled = false;
    const done = gaveUp.then(
      () => undefined,
      () => undefined,
    );
    void done.then(() => {
      settled = true;
    });
    // Each attempt fails to connect, then waits for the clock: move it a second at a time.
    while (!settled) {
      await Promise.race([clock.timerSet(), done]);
      clock.advance(1000);
    }
    await failsWith(gaveUp, "SERVER_UNREACHABLE");
    assert.equal(resumes, 0);
    assert.ok(sockets.length >= 4, `one socket per attempt (${sockets.length})`);
    assert.equal(c.state, "disconnected");
    assert.equal(clock.pending, 0);
    for (const s of sockets) assert.equal(await listenersAfterClose(s), 0);
  });

  test("close() ends in-flight requests, and releases every listener and timer", async () => {
    const clock = new FakeClock();
    const { factory, sockets } = recordingSockets();
    const c = client({ clock, socketFactory: factory });
    await c.connect();
    await join(c, "closing", "Cy");
    c.onNotification("chatMessage", () => undefined);
    c.on("stateChanged", () => undefined);
    c.handleServerRequest("newConsumer", () => true);
    assert.ok(socketListeners(sockets[0]!) > 0);
    const inFlight = c.request("getNotes", {});
    c.close();
    await failsWith(inFlight, "DISCONNECTED");
    assert.equal(c.state, "closed");
    assert.equal(await listenersAfterClose(sockets[0]!), 0);
    assert.equal(clock.pending, 0);
    assert.equal(c.notificationListenerCount(), 0);
    assert.equal(c.listenerCount(), 0);
    await failsWith(c.connect(), "DISCONNECTED");
    // The SFU saw the connection go and took the peer out of the room.
    await waitFor(() => (env.sfu.rooms.get("closing")?.peers.size ?? 0) === 0, "the peer gone");
  });
});
