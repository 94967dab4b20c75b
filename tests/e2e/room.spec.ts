import { expect, test } from "@playwright/test";
import { enter, tile } from "./collab-helpers";
import { expectMediaFrom, mediaFrom } from "./helpers";

test.describe.configure({ mode: "serial" });

let slug = "";

test("a room is created from the home page and has its own link", async ({ page }) => {
  await page.goto("/");
  const name = `E2E ${Date.now()}`;
  await page.getByTestId("create-room-name").fill(name);
  await page.getByTestId("create-room-submit").click();
  await page.waitForURL(/\/r\/e2e-\d+/);
  slug = new URL(page.url()).pathname.split("/").pop() ?? "";
  expect(slug).toMatch(/^e2e-\d+$/);
  await expect(page.getByTestId("prejoin")).toBeVisible();
  await expect(page.getByTestId("camera-select")).toBeVisible();
  // The microphone meter moves with the fake microphone's beeps.
  await expect
    .poll(async () => Number(await page.getByTestId("mic-level").getAttribute("data-level")), {
      // Generous: on a loaded 2-core runner the first getUserMedia can take several seconds.
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
});

test("two people see and hear each other; a third comes and goes; mute shows", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const alice = await enter(browser, slug, "Alice");
  const bob = await enter(browser, slug, "Bob");

  await expect(tile(alice.page, "Bob")).toBeVisible();
  await expect(tile(bob.page, "Alice")).toBeVisible();
  // Real media through the SFU: decoded video frames and received audio, both ways.
  await expectMediaFrom(alice.page, "Bob");
  await expectMediaFrom(bob.page, "Alice");
  const before = await mediaFrom(bob.page, "Alice");
  await bob.page.waitForTimeout(1000);
  expect((await mediaFrom(bob.page, "Alice")).framesDecoded).toBeGreaterThan(before.framesDecoded);

  // A third participant joins: everyone's grid follows; she leaves: it shrinks back.
  const carol = await enter(browser, slug, "Carol");
  for (const page of [alice.page, bob.page]) {
    await expect(tile(page, "Carol")).toBeVisible();
    await expect(page.getByTestId("tile")).toHaveCount(3);
  }
  await expectMediaFrom(carol.page, "Alice");
  await carol.page.getByTestId("leave-button").click();
  await expect(carol.page.getByTestId("status")).toHaveAttribute("data-state", "left");
  for (const page of [alice.page, bob.page]) {
    await expect(tile(page, "Carol")).toHaveCount(0);
    await expect(page.getByTestId("tile")).toHaveCount(2);
  }

  // Alice turns her camera off, then her mic: Bob's tile of Alice says so; and back on.
  const aliceOnBob = tile(bob.page, "Alice");
  await expect(aliceOnBob).toHaveAttribute("data-camera-muted", "false");
  await alice.page.getByTestId("toggle-camera").click();
  await expect(aliceOnBob).toHaveAttribute("data-camera-muted", "true");
  await alice.page.getByTestId("toggle-mic").click();
  await expect(aliceOnBob).toHaveAttribute("data-mic-muted", "true");
  await alice.page.getByTestId("toggle-camera").click();
  await expect(aliceOnBob).toHaveAttribute("data-camera-muted", "false");
  await alice.page.getByTestId("toggle-mic").click();
  await expect(aliceOnBob).toHaveAttribute("data-mic-muted", "false");

  for (const p of [alice, bob, carol]) await p.context.close();
});

test("an unknown room says so", async ({ page }) => {
  const res = await page.goto("/r/no-such-room-here");
  expect(res?.status()).toBe(404);
  await expect(page.getByText(/room not found/i)).toBeVisible();
});

test("an unreachable media server is explained", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Every WebSocket to the SFU is refused, as when the server is down.
  await page.routeWebSocket(/socket\.io/, (ws) => ws.close());
  await page.goto("/r/demo");
  await page.getByTestId("display-name").fill("Dana");
  await page.getByTestId("join-button").click();
  await expect(page.getByTestId("status")).toHaveAttribute("data-state", "server-unreachable");
  await context.close();
});
