import { expect, test } from "@playwright/test";
import {
  closeAll,
  createRoom,
  enter,
  expectFramesGrow,
  openPanel,
  received,
  sendChat,
  tile,
} from "./collab-helpers";

// Chat, hands, reactions, shared notes and screen sharing between real browsers through
// the real SFU. Each test has its own room.

test("chat: history after a reload, unread badge, length limit, markup stays text, links", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const slug = await createRoom(browser, "Chat");
  const alice = await enter(browser, slug, "Alice");
  const bob = await enter(browser, slug, "Bob");
  await expect(tile(alice.page, "Bob")).toBeVisible();

  // Alice writes; Bob's chat is closed, so his chat button counts the unread messages.
  const xss = `<img src=x onerror="window.__xss=1"> javascript:alert(1)`;
  await sendChat(alice.page, "Hello from Alice");
  await sendChat(alice.page, xss);
  await sendChat(alice.page, "Agenda: https://example.com/doc?id=42, see you");
  await expect(bob.page.getByTestId("chat-button-badge")).toHaveText("3");
  await expect(bob.page.getByTestId("chat-button")).toHaveAccessibleName(/3 unread/);

  await openPanel(bob.page, "chat");
  await expect(bob.page.getByTestId("chat-button-badge")).toHaveCount(0);
  const messages = bob.page.getByTestId("chat-message");
  await expect(messages).toHaveCount(3);
  // The markup is shown as text: no image element, nothing ran, no javascript: link.
  await expect(messages.nth(1).getByTestId("chat-text")).toHaveText(xss);
  await expect(bob.page.getByTestId("chat-panel").locator("img")).toHaveCount(0);
  expect(await bob.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(messages.nth(1).locator("a")).toHaveCount(0);
  // The URL is a safe link that opens in a new tab.
  const link = messages.nth(2).getByRole("link");
  await expect(link).toHaveAttribute("href", "https://example.com/doc?id=42");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");

  // Too long: the counter turns red and sending explains why instead of sending.
  const input = alice.page.getByTestId("chat-input");
  await input.fill("x".repeat(2001));
  await expect(alice.page.getByTestId("chat-counter")).toContainText("2001 / 2000");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await alice.page.getByTestId("chat-send").click();
  await expect(alice.page.getByTestId("chat-error")).toContainText(
    /too long: 2001 characters, the limit is 2000/,
  );
  await expect(input).toHaveValue("x".repeat(2001));
  await bob.page.waitForTimeout(500);
  await expect(messages).toHaveCount(3);

  // Bob reloads and rejoins: the history is there.
  await bob.page.reload();
  await expect(bob.page.getByTestId("display-name")).toHaveValue("Bob");
  await bob.page.getByTestId("join-button").click();
  await expect(bob.page.getByTestId("room")).toBeVisible();
  await openPanel(bob.page, "chat");
  await expect(bob.page.getByTestId("chat-text")).toHaveText([
    "Hello from Alice",
    xss,
    "Agenda: https://example.com/doc?id=42, see you",
  ]);
  await closeAll(alice, bob);
});

test("hands: the order of raised hands is the same for everyone; reactions float", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const slug = await createRoom(browser, "Hands");
  const alice = await enter(browser, slug, "Alice");
  const bob = await enter(browser, slug, "Bob");
  await expect(tile(alice.page, "Bob")).toBeVisible();
  await expect(tile(bob.page, "Alice")).toBeVisible();

  // Alice raises hers with the keyboard shortcut, then Bob with the button.
  await alice.page.locator("body").press("h");
  await expect(alice.page.getByTestId("raise-hand")).toHaveAttribute("aria-pressed", "true");
  await expect(tile(bob.page, "Alice").getByTestId("hand-badge")).toHaveAttribute(
    "data-order",
    "1",
  );
  await bob.page.getByTestId("raise-hand").click();
  for (const page of [alice.page, bob.page]) {
    await expect(tile(page, "Alice").getByTestId("hand-badge")).toHaveAttribute("data-order", "1");
    await expect(tile(page, "Bob").getByTestId("hand-badge")).toHaveAttribute("data-order", "2");
  }
  await openPanel(bob.page, "participants");
  const rows = bob.page.getByTestId("participant-row");
  await expect(rows.nth(0)).toHaveAttribute("data-name", "Alice");
  await expect(rows.nth(0)).toHaveAttribute("data-hand", "1");
  await expect(rows.nth(1)).toHaveAttribute("data-name", "Bob");
  await expect(rows.nth(1)).toHaveAttribute("data-hand", "2");

  // Alice lowers hers: Bob is first now.
  await alice.page.getByTestId("raise-hand").click();
  for (const page of [alice.page, bob.page]) {
    await expect(tile(page, "Alice").getByTestId("hand-badge")).toHaveCount(0);
    await expect(tile(page, "Bob").getByTestId("hand-badge")).toHaveAttribute("data-order", "1");
  }
  await expect(rows.nth(0)).toHaveAttribute("data-name", "Bob");
  await expect(rows.nth(0)).toHaveAttribute("data-hand", "1");

  // Bob reacts: the emoji floats over his tile on Alice's screen for a few seconds.
  await bob.page.getByTestId("reactions-button").click();
  await bob.page.getByRole("button", { name: "Celebrate" }).click();
  const floating = tile(alice.page, "Bob").getByTestId("reaction");
  await expect(floating).toHaveText("🎉");
  await expect(tile(bob.page, "Bob").getByTestId("reaction")).toHaveText("🎉");
  await expect(floating).toHaveCount(0, { timeout: 6000 });
  await closeAll(alice, bob);
});

test("shared notes converge while two people type at once, and are kept after the call", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const slug = await createRoom(browser, "Notes");
  const alice = await enter(browser, slug, "Alice");
  const bob = await enter(browser, slug, "Bob");
  await openPanel(alice.page, "notes");
  await openPanel(bob.page, "notes");
  const a = alice.page.getByTestId("notes-input");
  const b = bob.page.getByTestId("notes-input");

  await a.click();
  await a.pressSequentially("Agenda\n");
  await expect(b).toHaveValue("Agenda\n");

  // Alice types at the top, Bob at the bottom, at the same time, key by key.
  await a.press("Control+Home");
  await b.click();
  await b.press("Control+End");
  await Promise.all([
    a.pressSequentially("alpha one two three ", { delay: 40 }),
    b.pressSequentially("beta four five six", { delay: 40 }),
  ]);
  const expected = "alpha one two three Agenda\nbeta four five six";
  await expect(a).toHaveValue(expected);
  await expect(b).toHaveValue(expected);

  // Everyone leaves; the room closes. Later, Carol finds the notes as they were.
  await closeAll(alice, bob);
  await new Promise((r) => setTimeout(r, 3000));
  const carol = await enter(browser, slug, "Carol");
  await openPanel(carol.page, "notes");
  await expect(carol.page.getByTestId("notes-input")).toHaveValue(expected);
  await closeAll(carol);
});

test("screen share: the others decode it, shown large; stopping removes it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const slug = await createRoom(browser, "Screen");
  const alice = await enter(browser, slug, "Alice");
  const bob = await enter(browser, slug, "Bob");
  await expect(tile(bob.page, "Alice")).toBeVisible();

  await alice.page.getByTestId("share-screen").click();
  await expect(alice.page.getByTestId("share-screen")).toHaveAttribute("aria-pressed", "true");
  const shared = bob.page.locator('[data-testid="screen-tile"][data-name="Alice"]');
  await expect(shared).toBeVisible();
  // Presenter layout: the screen is the large tile, people go to the filmstrip.
  await expect(bob.page.getByTestId("focus").getByTestId("screen-tile")).toBeVisible();
  await expect(bob.page.getByTestId("filmstrip").getByTestId("tile")).toHaveCount(2);
  await expectFramesGrow(bob.page, "Alice", "screen");

  // Bob switches to the grid, and pins Alice's camera tile: she is large.
  await bob.page.getByTestId("layout-toggle").click();
  await expect(bob.page.getByTestId("grid")).toBeVisible();
  await tile(bob.page, "Alice").hover();
  await tile(bob.page, "Alice").getByTestId("pin-button").click();
  await expect(bob.page.getByTestId("focus").getByTestId("tile")).toHaveAttribute(
    "data-name",
    "Alice",
  );

  await alice.page.getByTestId("share-screen").click();
  await expect(alice.page.getByTestId("share-screen")).toHaveAttribute("aria-pressed", "false");
  await expect(shared).toHaveCount(0);
  expect((await received(bob.page, "Alice", "screen")).framesDecoded).toBe(0);
  await closeAll(alice, bob);
});
