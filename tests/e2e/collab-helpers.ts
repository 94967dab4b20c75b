import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import type { Source } from "@switchboard/client";

// Helpers for the room-experience specs (collaboration, moderation, lobby, resilience, a11y).
// The page's SDK room is `window.__switchboard` (always set by RoomApp; see README).

export interface Person {
  context: BrowserContext;
  page: Page;
  name: string;
}

/** Creates a public room from the home page; returns its slug. */
export async function createRoom(browser: Browser, label: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await page.getByTestId("create-room-name").fill(`${label} ${Date.now()}`);
  await page.getByTestId("create-room-submit").click();
  await page.waitForURL(/\/r\/[\w-]+$/);
  const slug = new URL(page.url()).pathname.split("/").pop() ?? "";
  await context.close();
  return slug;
}

/** Opens the pre-join page of `slug` in a fresh context and clicks Join as `name`. */
export async function startJoin(
  browser: Browser,
  slug: string,
  name: string,
  viewport?: { width: number; height: number },
): Promise<Person> {
  const context = await browser.newContext({
    permissions: ["camera", "microphone"],
    ...(viewport ? { viewport } : {}),
  });
  const page = await context.newPage();
  await page.goto(`/r/${slug}`);
  await expect(page.getByTestId("prejoin")).toBeVisible();
  await page.getByTestId("display-name").fill(name);
  await page.getByTestId("join-button").click();
  return { context, page, name };
}

/** Joins and waits for the room screen. */
export async function enter(
  browser: Browser,
  slug: string,
  name: string,
  viewport?: { width: number; height: number },
): Promise<Person> {
  const person = await startJoin(browser, slug, name, viewport);
  await expect(person.page.getByTestId("room")).toBeVisible();
  return person;
}

export function tile(page: Page, name: string) {
  return page.locator(`[data-testid="tile"][data-name="${name}"]`);
}

/** What `page` receives of `name`'s `source`: decoded frames and received bytes (video). */
export function received(page: Page, name: string, source: Source) {
  return page.evaluate(
    async ([displayName, src]) => {
      const room = window.__switchboard;
      let framesDecoded = 0;
      let bytes = 0;
      let packets = 0;
      if (!room) return { framesDecoded, bytes, packets, visible: null as boolean | null };
      let visible: boolean | null = null;
      for (const p of room.participants.values()) {
        if (p.displayName !== displayName) continue;
        const publication = p.publication(src);
        if (publication?.track) {
          visible = publication.visible;
          const stats = await publication.track.getStats();
          stats.forEach(
            (s: {
              type: string;
              framesDecoded?: number;
              bytesReceived?: number;
              packetsReceived?: number;
            }) => {
              if (s.type !== "inbound-rtp") return;
              framesDecoded += s.framesDecoded ?? 0;
              bytes += s.bytesReceived ?? 0;
              packets += s.packetsReceived ?? 0;
            },
          );
        }
      }
      return { framesDecoded, bytes, packets, visible };
    },
    [name, source] as const,
  );
}

/** Waits until `page` keeps decoding new frames of `name`'s `source`. */
export async function expectFramesGrow(
  page: Page,
  name: string,
  source: Source = "camera",
  timeout = 20_000,
): Promise<void> {
  const start = (await received(page, name, source)).framesDecoded;
  await expect
    .poll(async () => (await received(page, name, source)).framesDecoded, { timeout })
    .toBeGreaterThan(start + 5);
}

/** Opens a side panel ("chat", "participants", "notes") if it is closed. */
export async function openPanel(page: Page, which: "chat" | "participants" | "notes") {
  const button = page.getByTestId(`${which}-button`);
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await expect(page.getByTestId(`${which}-panel`)).toBeVisible();
}

export async function sendChat(page: Page, text: string): Promise<void> {
  await openPanel(page, "chat");
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-send").click();
}

export async function closeAll(...people: Person[]): Promise<void> {
  for (const p of people) await p.context.close().catch(() => undefined);
}
