import { expect, test } from "@playwright/test";
import {
  closeAll,
  createRoom,
  enter,
  expectFramesGrow,
  openPanel,
  received,
  tile,
} from "./collab-helpers";

test("a network drop: 'Reconnecting…' shows, media comes back, chat typed meanwhile arrives", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const slug = await createRoom(browser, "Resilience");
  const alice = await enter(browser, slug, "Alice");
  const bob = await enter(browser, slug, "Bob");
  await expectFramesGrow(bob.page, "Alice");
  await expectFramesGrow(alice.page, "Bob");

  // Bob's network goes away for a few seconds.
  await bob.context.setOffline(true);
  const banner = bob.page.getByTestId("reconnecting");
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toHaveAttribute("role", "status");
  await expect(banner).toContainText("Reconnecting…");
  // He types into the chat meanwhile.
  await openPanel(bob.page, "chat");
  await bob.page.getByTestId("chat-input").fill("typed while offline");
  await bob.page.getByTestId("chat-send").click();
  await bob.page.waitForTimeout(3000);
  await bob.context.setOffline(false);

  await expect(banner).toHaveCount(0, { timeout: 30_000 });
  await expect(bob.page.getByTestId("room")).toBeVisible();
  // Same identity: Alice still sees one Bob, and media flows both ways again.
  await expect(alice.page.getByTestId("tile")).toHaveCount(2);
  await expectFramesGrow(bob.page, "Alice");
  await expectFramesGrow(alice.page, "Bob");
  await openPanel(alice.page, "chat");
  await expect(
    alice.page.getByTestId("chat-message").filter({ hasText: "typed while offline" }),
  ).toHaveCount(1);
  await closeAll(alice, bob);
});

test("a tile scrolled off screen stops receiving video; scrolled back, it resumes", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const slug = await createRoom(browser, "Offscreen");
  const alice = await enter(browser, slug, "Alice");
  const bob = await enter(browser, slug, "Bob");
  // Carol's window is small: one tile fits; the grid scrolls.
  const carol = await enter(browser, slug, "Carol", { width: 420, height: 400 });
  await expect(carol.page.getByTestId("tile")).toHaveCount(3);
  await expectFramesGrow(carol.page, "Alice");

  const bobTile = tile(carol.page, "Bob");
  await expect(bobTile).not.toBeInViewport();
  await expect(bobTile).toHaveAttribute("data-video-visible", "false");
  await expect.poll(async () => (await received(carol.page, "Bob", "camera")).visible).toBe(false);
  // The SFU stopped forwarding: no new bytes arrive.
  await carol.page.waitForTimeout(1500);
  const before = await received(carol.page, "Bob", "camera");
  await carol.page.waitForTimeout(2000);
  const after = await received(carol.page, "Bob", "camera");
  expect(after.bytes - before.bytes).toBeLessThan(2000);
  expect(after.framesDecoded).toBe(before.framesDecoded);

  // Scroll Bob into view: his video is consumed again, at the layer for a small tile.
  await bobTile.scrollIntoViewIfNeeded();
  await expect(bobTile).toHaveAttribute("data-video-visible", "true");
  const width = (await bobTile.boundingBox())?.width ?? 0;
  await expect(bobTile).toHaveAttribute("data-layer", width < 320 ? "0" : width < 800 ? "1" : "2");
  await expectFramesGrow(carol.page, "Bob");
  await closeAll(alice, bob, carol);
});
