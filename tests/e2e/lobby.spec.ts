import { expect, test } from "@playwright/test";
import { closeAll, enter, openPanel, startJoin, tile } from "./collab-helpers";

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@example.test";
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "correct-horse-battery";

test("lobby: joiners wait with their preview; the moderator admits one and denies another", async ({
  browser,
  page: admin,
}) => {
  test.setTimeout(150_000);
  // An admin makes a room with a lobby on the dashboard.
  await admin.goto("/admin/login");
  await admin.getByTestId("admin-email").fill(ADMIN_EMAIL);
  await admin.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await admin.getByTestId("admin-login-submit").click();
  await admin.waitForURL(/\/admin$/);
  const slug = `e2e-lobby-${Date.now()}`;
  await admin.getByTestId("admin-room-name").fill("Lobby room");
  await admin.getByTestId("admin-room-slug").fill(slug);
  await admin.getByTestId("admin-room-lobby").check();
  await admin.getByTestId("admin-room-save").click();
  await expect(admin.locator(`[data-testid="admin-room-row"][data-slug="${slug}"]`)).toContainText(
    "lobby",
  );

  // The first one in hosts (no lobby for them).
  const host = await enter(browser, slug, "Mona");

  // Ada waits in the lobby, seeing her own camera.
  const ada = await startJoin(browser, slug, "Ada");
  const waiting = ada.page.getByTestId("lobby-waiting");
  await expect(waiting).toBeVisible();
  await expect(waiting).toContainText("Waiting for a moderator to let you in");
  await expect
    .poll(() =>
      ada.page.evaluate(() => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="lobby-waiting"] video');
        return v ? v.videoWidth : 0;
      }),
    )
    .toBeGreaterThan(0);

  // The host is told, and the lobby count shows on the participants button.
  await expect(host.page.getByTestId("toast")).toContainText("Ada is waiting in the lobby");
  await expect(host.page.getByTestId("participants-button-badge")).toHaveText("1");
  await openPanel(host.page, "participants");
  const adaEntry = host.page.locator('[data-testid="lobby-entry"][data-name="Ada"]');
  await adaEntry.getByRole("button", { name: "Admit Ada" }).click();
  await expect(ada.page.getByTestId("room")).toBeVisible();
  await expect(tile(ada.page, "Mona")).toBeVisible();
  await expect(tile(host.page, "Ada")).toBeVisible();
  await expect(host.page.getByTestId("lobby-list")).toHaveCount(0);

  // Eve waits too, and is denied: her page says so.
  const eve = await startJoin(browser, slug, "Eve");
  await expect(eve.page.getByTestId("lobby-waiting")).toBeVisible();
  const eveEntry = host.page.locator('[data-testid="lobby-entry"][data-name="Eve"]');
  await eveEntry.getByRole("button", { name: "Deny Eve" }).click();
  await expect(eve.page.getByTestId("status")).toHaveAttribute("data-state", "lobby-denied");
  await expect(eve.page.getByTestId("status")).toContainText("A moderator did not let you in");
  await expect(tile(host.page, "Eve")).toHaveCount(0);
  await closeAll(host, ada, eve);
});
