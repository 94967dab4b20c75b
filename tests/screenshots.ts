import path from "node:path";
import { expect, test } from "@playwright/test";
import { closeAll, createRoom, enter, openPanel, sendChat, tile } from "./e2e/collab-helpers";

// docs/room-features.png: a room with a shared screen, a raised hand, a reaction and the chat.
test("docs/room-features.png", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createRoom(browser, "Design review");
  const viewport = { width: 1280, height: 720 };
  const ada = await enter(browser, slug, "Ada", viewport);
  const grace = await enter(browser, slug, "Grace", viewport);
  const linus = await enter(browser, slug, "Linus", viewport);
  await expect(tile(ada.page, "Linus")).toBeVisible();

  await grace.page.getByTestId("share-screen").click();
  await expect(ada.page.getByTestId("focus").getByTestId("screen-tile")).toBeVisible();
  await sendChat(grace.page, "Sharing the mockups now");
  await sendChat(linus.page, "Spec is at https://example.com/spec");
  await linus.page.getByTestId("raise-hand").click();
  await openPanel(ada.page, "chat");
  await expect(ada.page.getByTestId("chat-message")).toHaveCount(2);
  await expect(tile(ada.page, "Linus").getByTestId("hand-badge")).toBeVisible();
  // Let the video settle, then react and shoot while the emoji floats.
  await ada.page.waitForTimeout(3000);
  await grace.page.getByTestId("reactions-button").click();
  await grace.page.getByRole("button", { name: "Celebrate" }).click();
  await expect(tile(ada.page, "Grace").getByTestId("reaction")).toBeVisible();
  await ada.page.waitForTimeout(600);
  await ada.page.screenshot({ path: path.join(__dirname, "..", "docs", "room-features.png") });
  await closeAll(ada, grace, linus);
});
