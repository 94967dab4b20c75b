import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { closeAll, createRoom, enter, openPanel } from "./collab-helpers";

/** Serious and critical axe violations on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} (${v.help})`));
}

test("axe: no serious or critical violations on the pre-join and room pages", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const slug = await createRoom(browser, "A11y");
  const context = await browser.newContext({ permissions: ["camera", "microphone"] });
  const page = await context.newPage();
  await page.goto(`/r/${slug}`);
  await expect(page.getByTestId("prejoin")).toBeVisible();
  await expect(page.getByTestId("status")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  const alice = await enter(browser, slug, "Alice");
  const bob = await enter(browser, slug, "Bob");
  await expect(alice.page.getByTestId("tile")).toHaveCount(2);
  expect(await seriousViolations(alice.page)).toEqual([]);
  for (const panel of ["chat", "participants", "notes"] as const) {
    await openPanel(alice.page, panel);
    expect(await seriousViolations(alice.page), panel).toEqual([]);
  }
  await alice.page.getByTestId("reactions-button").click();
  expect(await seriousViolations(alice.page), "reactions").toEqual([]);
  await alice.page.keyboard.press("Escape");
  await bob.page.getByTestId("share-screen").click();
  await expect(alice.page.getByTestId("screen-tile")).toBeVisible();
  await bob.page.getByTestId("raise-hand").click();
  await expect(alice.page.getByTestId("hand-badge")).toBeVisible();
  expect(await seriousViolations(alice.page), "presenter view").toEqual([]);
  expect(await seriousViolations(bob.page), "while sharing").toEqual([]);
  await closeAll({ context, page, name: "" }, alice, bob);
});

test("keyboard: m, v, h toggle, ? lists the shortcuts, typing in a field does not", async ({
  browser,
}) => {
  const slug = await createRoom(browser, "Keys");
  const alice = await enter(browser, slug, "Alice");
  const { page } = alice;
  const mic = page.getByTestId("toggle-mic");
  const cam = page.getByTestId("toggle-camera");
  await expect(mic).toHaveAttribute("aria-pressed", "false");
  await page.locator("body").press("m");
  await expect(mic).toHaveAttribute("aria-pressed", "true");
  await page.locator("body").press("v");
  await expect(cam).toHaveAttribute("aria-pressed", "true");
  await page.locator("body").press("h");
  await expect(page.getByTestId("raise-hand")).toHaveAttribute("aria-pressed", "true");

  // In the chat box, the letters are text.
  await openPanel(page, "chat");
  await page.getByTestId("chat-input").pressSequentially("mvh");
  await expect(page.getByTestId("chat-input")).toHaveValue("mvh");
  await expect(mic).toHaveAttribute("aria-pressed", "true");
  await expect(cam).toHaveAttribute("aria-pressed", "true");

  // Out of the field (focus back on the page), "?" opens the list.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("?");
  const help = page.getByTestId("shortcuts-dialog");
  await expect(help).toBeVisible();
  await expect(help.getByRole("heading", { name: "Keyboard shortcuts" })).toBeVisible();
  for (const text of ["Mute or unmute", "camera off or on", "Raise or lower", "Show this list"]) {
    await expect(help).toContainText(text);
  }
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await closeAll(alice);
});
