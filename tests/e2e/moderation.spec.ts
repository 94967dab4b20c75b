import { expect, test } from "@playwright/test";
import { closeAll, createRoom, enter, openPanel, startJoin, tile } from "./collab-helpers";

// Moderation through the UI, enforced by the SFU: the first one into a public room hosts.

test("a moderator mutes, locks, removes and ends; a guest can't, even through the SDK", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const slug = await createRoom(browser, "Moderation");
  const host = await enter(browser, slug, "Hana");
  const guest = await enter(browser, slug, "Gus");
  await expect(tile(host.page, "Gus")).toBeVisible();
  await expect(tile(guest.page, "Hana")).toHaveAttribute("data-mic-muted", "false");

  // The guest sees no moderator controls…
  await openPanel(guest.page, "participants");
  await expect(guest.page.getByTestId("participant-row")).toHaveCount(2);
  await expect(guest.page.getByTestId("mute-all")).toHaveCount(0);
  await expect(guest.page.getByTestId("mod-mute-mic")).toHaveCount(0);
  await expect(guest.page.getByTestId("end-meeting")).toHaveCount(0);
  // …and asking the SDK directly is refused by the server; the host's mic stays on.
  const refused = await guest.page.evaluate(async () => {
    const room = window.__switchboard;
    const hostId = [...(room?.participants.values() ?? [])][0]?.id ?? "";
    try {
      await room?.moderation.muteParticipant(hostId, "mic");
      return "allowed";
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
  });
  expect(refused).toBe("FORBIDDEN");
  await guest.page.waitForTimeout(500);
  await expect(tile(guest.page, "Hana")).toHaveAttribute("data-mic-muted", "false");
  expect(
    await host.page.evaluate(() => window.__switchboard?.localParticipant.isPublishing("mic")),
  ).toBe(true);

  // The host mutes the guest's microphone from the participants panel.
  await openPanel(host.page, "participants");
  const gusRow = host.page.locator('[data-testid="participant-row"][data-name="Gus"]');
  await gusRow.getByRole("button", { name: "Mute Gus's mic" }).click();
  await expect(guest.page.getByTestId("toast")).toContainText("You were muted by a moderator");
  await expect(guest.page.getByTestId("toggle-mic")).toHaveAttribute("aria-pressed", "true");
  expect(
    await guest.page.evaluate(() => window.__switchboard?.localParticipant.isPublishing("mic")),
  ).toBe(false);
  await expect(tile(host.page, "Gus")).toHaveAttribute("data-mic-muted", "true");
  // He can unmute himself again.
  await guest.page.getByTestId("toggle-mic").click();
  await expect(tile(host.page, "Gus")).toHaveAttribute("data-mic-muted", "false");

  // Lock: everyone is told, newcomers are refused.
  await host.page.getByTestId("lock-room").click();
  await expect(host.page.getByTestId("lock-room")).toHaveAttribute("aria-pressed", "true");
  await expect(guest.page.getByTestId("locked-badge")).toBeVisible();
  await expect(
    guest.page.getByTestId("toast").filter({ hasText: "Hana locked the room" }),
  ).toBeVisible();
  const late = await startJoin(browser, slug, "Late Lou");
  await expect(late.page.getByTestId("status")).toHaveAttribute("data-state", "room-locked");
  await host.page.getByTestId("lock-room").click();
  await expect(guest.page.getByTestId("locked-badge")).toHaveCount(0);

  // Remove: the guest's page says so.
  await gusRow.getByRole("button", { name: "Remove Gus" }).click();
  await expect(guest.page.getByTestId("status")).toHaveAttribute("data-state", "removed");
  await expect(tile(host.page, "Gus")).toHaveCount(0);

  // End the meeting for all, after confirming.
  await late.page.getByRole("button", { name: "Try again" }).click();
  await late.page.getByTestId("join-button").click();
  await expect(late.page.getByTestId("room")).toBeVisible();
  await host.page.getByTestId("end-meeting").click();
  const dialog = host.page.getByTestId("confirm-end");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "End meeting" }).click();
  for (const page of [host.page, late.page]) {
    await expect(page.getByTestId("status")).toHaveAttribute("data-state", "room-closed");
  }
  await closeAll(host, guest, late);
});
