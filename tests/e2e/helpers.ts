import { expect, type Page } from "@playwright/test";

/**
 * What this page receives from `name`, read from the consumers' getStats():
 * video frames decoded and audio packets received.
 */
export function mediaFrom(page: Page, name: string) {
  return page.evaluate(async (displayName) => {
    const room = window.__switchboard;
    if (!room) return { framesDecoded: 0, audioPackets: 0 };
    let framesDecoded = 0;
    let audioPackets = 0;
    for (const p of room.participants.values()) {
      if (p.displayName !== displayName) continue;
      for (const t of p.tracks) {
        const stats = await t.getStats();
        stats.forEach(
          (s: {
            type: string;
            kind?: string;
            framesDecoded?: number;
            packetsReceived?: number;
          }) => {
            if (s.type !== "inbound-rtp") return;
            if (s.kind === "video") framesDecoded += s.framesDecoded ?? 0;
            if (s.kind === "audio") audioPackets += s.packetsReceived ?? 0;
          },
        );
      }
    }
    return { framesDecoded, audioPackets };
  }, name);
}

/** Waits until `page` decodes video and receives audio from `name`. */
export async function expectMediaFrom(page: Page, name: string): Promise<void> {
  await expect
    .poll(async () => (await mediaFrom(page, name)).framesDecoded, { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await mediaFrom(page, name)).audioPackets, { timeout: 20_000 })
    .toBeGreaterThan(0);
}
