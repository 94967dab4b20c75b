import { expect, type Page, test } from "@playwright/test";
import { createDb, recordCallAnswered, recordCallEnd, recordCallStart } from "@switchboard/db";
import { E2E_DB } from "../../playwright.config";

// The dashboard's telephony pages against the built web app: SIP trunks (write-only
// password), phone numbers (into a room or the PIN prompt), the call records page with a
// seeded record, and the room page's "Call a phone" panel.

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

const suffix = Date.now().toString(36);
const trunkName = `e2e-carrier-${suffix}`;
const password = `pw-${suffix}-never-shown`;

test("trunks: create with a write-only password, edit, toggle registration, delete", async ({
  page,
}) => {
  // The room page's polling endpoint is closed without a session.
  expect((await page.request.get("/admin/rooms/demo/calls")).status()).toBe(401);
  await signIn(page);
  await page.getByTestId("admin-nav-trunks").click();
  await expect(page).toHaveURL(/\/admin\/trunks$/);

  // Field errors come back per field.
  await page.getByTestId("trunk-name").fill("bad name!");
  await page.getByTestId("trunk-host").fill("sip:host:5060");
  await page.getByTestId("trunk-save").click();
  await expect(page.getByTestId("trunk-message")).toContainText(/highlighted/);
  await expect(page.locator("#add-trunk-title")).toBeVisible();
  await expect(page.getByText(/letters, digits, dots/i).first()).toBeVisible();

  await page.getByTestId("trunk-name").fill(trunkName);
  await page.getByTestId("trunk-host").fill("sip.carrier.example");
  await page.getByTestId("trunk-username").fill("acct1");
  await page.getByTestId("trunk-password").fill(password);
  await page.getByTestId("trunk-from").fill("+49 30 123456");
  await page.getByTestId("trunk-register").check();
  await page.getByTestId("trunk-save").click();
  await expect(page.getByTestId("trunk-message")).toContainText(`Added trunk “${trunkName}”`);

  const row = page.locator(`[data-testid="trunk-row"][data-name="${trunkName}"]`);
  await expect(row).toHaveAttribute("data-register", "true");
  await expect(row.getByTestId("trunk-password-state")).toHaveText("password set");
  await expect(row).toContainText("caller id +4930123456");
  // The password is nowhere in the page, not even in the edit form.
  await page.reload();
  expect(await page.content()).not.toContain(password);

  // Edit: a blank password keeps the stored one.
  await row.getByTestId("trunk-edit-toggle").click();
  await row.getByTestId("trunk-edit-port").fill("5080");
  await row.getByTestId("trunk-edit-transport").selectOption("tcp");
  await row.getByTestId("trunk-edit-save").click();
  await expect(row.getByTestId("trunk-edit-message")).toContainText("Saved.");
  await page.reload();
  await expect(row).toContainText("sip.carrier.example:5080 (TCP)");
  await expect(row.getByTestId("trunk-password-state")).toHaveText("password set");

  await row.getByTestId("trunk-toggle-register").click();
  await expect(row).toHaveAttribute("data-register", "false");
  await row.getByTestId("trunk-toggle-register").click();
  await expect(row).toHaveAttribute("data-register", "true");

  // A second trunk, deleted again (with confirmation).
  await page.getByTestId("trunk-name").fill(`${trunkName}-spare`);
  await page.getByTestId("trunk-host").fill("10.0.0.9");
  await page.getByTestId("trunk-save").click();
  const spare = page.locator(`[data-testid="trunk-row"][data-name="${trunkName}-spare"]`);
  await expect(spare).toBeVisible();
  await spare.getByTestId("trunk-delete").click();
  await spare.getByTestId("trunk-delete").click();
  await expect(spare).toHaveCount(0);
});

test("numbers: one into the demo room, one asking for a PIN; duplicates refused", async ({
  page,
}) => {
  await signIn(page);
  await page.getByTestId("admin-nav-phone-numbers").click();
  const direct = `+4930${Date.now() % 10_000_000}`;
  const general = `4989${Date.now() % 10_000_000}`;

  await page.getByTestId("number-number").fill(direct);
  await page.getByTestId("number-room").selectOption("demo");
  await page.getByTestId("number-trunk").selectOption(trunkName);
  await page.getByTestId("number-label").fill("Demo line");
  await page.getByTestId("number-save").click();
  await expect(page.getByTestId("number-message")).toContainText(`Added ${direct} → Demo room`);

  await page.getByTestId("number-number").fill(general);
  await page.getByTestId("number-save").click();
  await expect(page.getByTestId("number-message")).toContainText("asks for a meeting PIN");

  await page.getByTestId("number-number").fill(direct);
  await page.getByTestId("number-save").click();
  await expect(page.getByTestId("number-message")).toContainText(/already configured/);

  const directRow = page.locator(`[data-testid="number-row"][data-number="${direct}"]`);
  await expect(directRow).toContainText("Demo room");
  await expect(directRow).toContainText(trunkName);
  const generalRow = page.locator(`[data-testid="number-row"][data-number="${general}"]`);
  await expect(generalRow).toContainText("PIN entry");
  await generalRow.getByTestId("number-delete").click();
  await generalRow.getByTestId("number-delete").click();
  await expect(generalRow).toHaveCount(0);
});

test("calls: a seeded record with its duration and outcome in words; filters", async ({ page }) => {
  const db = createDb(E2E_DB);
  const inbound = `e2e-in-${suffix}`;
  const outbound = `e2e-out-${suffix}`;
  try {
    const start = new Date(Date.now() - 120_000);
    await recordCallStart(db, {
      callId: inbound,
      direction: "inbound",
      fromNumber: "+15550100",
      toNumber: "+4930111222",
      roomSlug: "demo",
    });
    await db.callRecord.update({ where: { callId: inbound }, data: { startedAt: start } });
    await recordCallAnswered(db, inbound, new Date(start.getTime() + 5_000));
    await recordCallEnd(db, inbound, "remote-hangup", new Date(start.getTime() + 95_000));
    await recordCallStart(db, {
      callId: outbound,
      direction: "outbound",
      fromNumber: "+4930123456",
      toNumber: "+4917099999",
      trunk: trunkName,
      roomSlug: "demo",
    });
    await recordCallEnd(db, outbound, "busy");
  } finally {
    await db.$disconnect();
  }

  await signIn(page);
  await page.getByTestId("admin-nav-calls").click();
  const inRow = page.locator(`[data-testid="call-row"][data-call-id="${inbound}"]`);
  const outRow = page.locator(`[data-testid="call-row"][data-call-id="${outbound}"]`);
  await expect(inRow.getByTestId("call-duration")).toHaveText("1 min 30 s");
  await expect(inRow.getByTestId("call-outcome")).toHaveText("Caller hung up");
  await expect(outRow.getByTestId("call-duration")).toHaveText("—");
  await expect(outRow.getByTestId("call-outcome")).toHaveText("Line busy");

  await page.getByTestId("calls-filter-direction").selectOption("outbound");
  await page.getByTestId("calls-filter-number").fill("+49170");
  await page.getByTestId("calls-filter-apply").click();
  await expect(page).toHaveURL(/direction=outbound/);
  await expect(outRow).toBeVisible();
  await expect(inRow).toHaveCount(0);
});

test("room page: the Call a phone panel (gateway reachable or clearly not)", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/rooms/demo");
  const panel = page.getByTestId("phone-calls");
  await expect(panel).toBeVisible();
  await expect(
    page.getByTestId("dial-trunk").locator("option", { hasText: trunkName }),
  ).toHaveCount(1);
  // The finished calls of the room show their outcome.
  await expect(
    panel.locator('[data-testid="recent-call"][data-reason="busy"]').first(),
  ).toContainText("Line busy");
  const state = await panel.getAttribute("data-state");
  if (state === "unreachable") {
    await expect(page.getByTestId("gateway-unreachable")).toContainText(/gateway unreachable/i);
    await expect(page.getByTestId("dial-submit")).toBeDisabled();
  } else {
    // Something that is not a number is refused before the gateway is asked.
    await page.getByTestId("dial-to").fill("call me");
    await page.getByTestId("dial-submit").click();
    await expect(page.getByTestId("dial-error")).toContainText(/phone number/i);
  }
  const res = await page.request.get("/admin/rooms/demo/calls");
  expect(res.ok()).toBe(true);
  expect(["ok", "unreachable"]).toContain(((await res.json()) as { state: string }).state);
});
