import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";

// The admin dashboard against the built web app and the real SFU. The admin account is
// created by scripts/e2e-sfu.sh (`ensure-from-env` with these credentials).
const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@example.test";
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "correct-horse-battery";

test.describe.configure({ mode: "serial" });

async function signIn(page: Page): Promise<void> {
  await page.goto("/admin/login");
  await page.getByTestId("admin-email").fill(ADMIN_EMAIL);
  await page.getByTestId("admin-password").fill(ADMIN_PASSWORD);
  await page.getByTestId("admin-login-submit").click();
  await page.waitForURL(/\/admin$/);
}

/** Opens `url` in a fresh context, types a name and clicks Join. */
async function clickJoin(browser: Browser, url: string, name: string) {
  const context: BrowserContext = await browser.newContext({
    permissions: ["camera", "microphone"],
  });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("prejoin")).toBeVisible();
  await page.getByTestId("display-name").fill(name);
  await page.getByTestId("join-button").click();
  return { context, page };
}

test("the dashboard needs a signed-in admin; a wrong password is refused", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);
  await page.getByTestId("admin-email").fill(ADMIN_EMAIL);
  await page.getByTestId("admin-password").fill("not-the-password");
  await page.getByTestId("admin-login-submit").click();
  await expect(page.getByTestId("admin-error")).toHaveText(/wrong email or password/i);
  // Five failures for one email: the sixth attempt is refused without a password check.
  for (let i = 0; i < 5; i++) {
    await page.getByTestId("admin-email").fill("nobody@example.test");
    await page.getByTestId("admin-password").fill(`wrong-${i}`);
    await page.getByTestId("admin-login-submit").click();
    await expect(page.getByTestId("admin-error")).toHaveAttribute("data-reason", "invalid");
    await expect(page.getByTestId("admin-password")).toHaveValue("");
  }
  await page.getByTestId("admin-email").fill("nobody@example.test");
  await page.getByTestId("admin-password").fill("anything-at-all");
  await page.getByTestId("admin-login-submit").click();
  await expect(page.getByTestId("admin-error")).toHaveText(
    /too many attempts, try again in \d+ minutes?/i,
  );
  // The live-participants endpoint is closed too.
  const res = await page.request.get("/admin/rooms/demo/live");
  expect(res.status()).toBe(401);
});

test("token-only room: refused without a token, the guest link works, the admin removes the guest", async ({
  page: admin,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(admin);

  // A mutation with a wrong CSRF token is refused.
  const slug = `e2e-admin-${Date.now()}`;
  await admin.getByTestId("admin-room-name").fill("Forged");
  const createForm = admin.locator("form", { has: admin.getByTestId("admin-room-save") });
  await createForm.locator('input[name="csrf"]').evaluate((el) => {
    (el as HTMLInputElement).value = "forged";
  });
  await admin.getByTestId("admin-room-save").click();
  await expect(admin.getByTestId("admin-room-message")).toContainText(/security token/i);
  await admin.reload();
  await expect(admin.getByTestId("admin-room-row").filter({ hasText: "Forged" })).toHaveCount(0);

  // Create a token-only room from the dashboard.
  await admin.getByTestId("admin-room-name").fill("E2E admin room");
  await admin.getByTestId("admin-room-slug").fill(slug);
  await admin.getByTestId("admin-room-access").selectOption("token");
  await admin.getByTestId("admin-room-save").click();
  const row = admin.locator(`[data-testid="admin-room-row"][data-slug="${slug}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("token-only");

  // Without a token, Join is refused.
  const stranger = await clickJoin(browser, `/r/${slug}`, "Stranger");
  await expect(stranger.page.getByTestId("status")).toHaveAttribute("data-state", "token-required");
  await expect(stranger.page.getByTestId("room")).toHaveCount(0);
  await stranger.context.close();

  // The dashboard's guest link lets a guest in.
  await admin.goto(`/admin/rooms/${slug}`);
  const guestLink = (await admin.getByTestId("link-guest").textContent())?.trim() ?? "";
  expect(guestLink).toMatch(new RegExp(`/r/${slug}\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
  await expect(admin.getByTestId("copy-link-guest")).toBeVisible();
  await expect(admin.getByTestId("link-moderator")).toContainText(`/r/${slug}?token=`);
  const guest = await clickJoin(browser, guestLink, "Guest Gina");
  await expect(guest.page.getByTestId("room")).toBeVisible();

  // The admin sees her live (polled every 2 s) and removes her.
  const live = admin.locator('[data-testid="live-participant"][data-name="Guest Gina"]');
  await expect(live).toBeVisible({ timeout: 20_000 });
  await expect(live).toHaveAttribute("data-mic", "on");
  // Mute turns her microphone off (the SFU pauses it and her page follows).
  await live.getByTestId("participant-mute").click();
  await expect(live).toHaveAttribute("data-mic", "muted");
  await live.getByTestId("participant-remove").click();
  await expect(guest.page.getByTestId("status")).toHaveAttribute("data-state", "removed");
  await expect(live).toHaveCount(0, { timeout: 20_000 });

  // Her visit is in the room's history.
  await admin.reload();
  await expect(admin.locator('[data-testid="session-row"][data-name="Guest Gina"]')).toBeVisible();
  await guest.context.close();
});
