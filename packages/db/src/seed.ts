/**
 * Seeds a fresh install (idempotent): the demo room, the "PIN dial-in" and "Main menu"
 * flows (published, their prompts spoken ahead of the first call). Numbers that let anyone
 * in (the demo room's PIN 1234, sip:menu and sip:dialin) only when the gateway listens on
 * loopback, the default: on a public address an admin decides what is reachable.
 */
import { parseFlow, spokenPrompts } from "@switchboard/flows";
import { promptKey, synthesize } from "@switchboard/tts";
import { cachedPrompt, cachePrompt } from "./audio";
import { createDb, type Db } from "./client";
import { createFlow, getFlow, publishFlow, setDefaultFlow } from "./flows";
import { ensureRoom } from "./rooms";
import { MAIN_MENU_FLOW, PIN_DIAL_IN_FLOW } from "./seedFlows";

/** The demo room's phone PIN (dial in, type it and #). */
export const DEMO_PIN = "1234";

const isLoopback = (address: string) => /^(127\.|::1$|localhost$)/.test(address);

async function ensureFlow(db: Db, name: string, description: string, doc: unknown): Promise<void> {
  if (!(await getFlow(db, name))) {
    await createFlow(db, { name, description, document: doc });
    await publishFlow(db, name);
  }
  const parsed = parseFlow(doc);
  if (!parsed.ok) return;
  for (const p of spokenPrompts(parsed.flow)) {
    const voice = p.voice ?? "en-us";
    const key = promptKey(p.text, voice);
    if (await cachedPrompt(db, key)) continue;
    try {
      await cachePrompt(db, { key, text: p.text, voice, pcm: await synthesize(p.text, voice) });
    } catch (err) {
      process.stderr.write(`seed: could not speak a prompt (${(err as Error).message})\n`);
    }
  }
}

async function ensureNumber(db: Db, number: string, flow: string): Promise<void> {
  const f = await getFlow(db, flow);
  if (!f || (await db.phoneNumber.findUnique({ where: { number } }))) return;
  await db.phoneNumber.create({ data: { number, flowId: f.id, label: `${flow} (seeded)` } });
}

const db = createDb();
const room = await ensureRoom(db, "demo", "Demo room");
await ensureFlow(
  db,
  "PIN dial-in",
  "Asks for a meeting PIN and joins that room.",
  PIN_DIAL_IN_FLOW,
);
await ensureFlow(
  db,
  "Main menu",
  "The demo menu: the demo room, an echo test, voicemail.",
  MAIN_MENU_FLOW,
);
if (!(await db.flow.findFirst({ where: { isDefault: true } })))
  await setDefaultFlow(db, "PIN dial-in");
if (isLoopback(process.env.GATEWAY_SIP_ADDRESS ?? "127.0.0.1")) {
  if (!room.pin && !(await db.room.findUnique({ where: { pin: DEMO_PIN } })))
    await db.room.update({ where: { id: room.id }, data: { pin: DEMO_PIN } });
  await ensureNumber(db, "menu", "Main menu");
  await ensureNumber(db, "dialin", "PIN dial-in");
}
await db.$disconnect();
