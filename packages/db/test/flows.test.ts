import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  createFlow,
  createNumber,
  createRoomWithSettings,
  FlowValidationError,
  flowForCall,
  getFlow,
  listFlows,
  publishFlow,
  rollbackFlow,
  setDefaultFlow,
  updateFlow,
} from "../src";
import { createTestDatabase, type TestDatabase } from "../src/testing";

const say = (text: string) => ({ steps: [{ type: "say", text }] });

describe("call flows in the database", () => {
  let t: TestDatabase;
  before(() => {
    t = createTestDatabase();
  });
  after(async () => {
    await t.dispose();
  });

  test("a bad document is refused with the path of the error, and changes nothing", async () => {
    await assert.rejects(
      createFlow(t.db, { name: "Broken", document: { steps: [{ type: "say", text: "" }] } }),
      (e: unknown) => e instanceof FlowValidationError && e.issues[0]?.path === "steps[0].text",
    );
    assert.equal(await getFlow(t.db, "Broken"), null);
    await createFlow(t.db, { name: "Hours", document: say("one") });
    await assert.rejects(
      updateFlow(t.db, "Hours", { document: { steps: [] } }),
      FlowValidationError,
    );
    const f = await getFlow(t.db, "Hours");
    assert.deepEqual(
      f?.draft.steps.map((s) => s.type === "say" && s.text),
      ["one"],
    );
  });

  test("publish makes numbered versions; calls run the published one, not the draft", async () => {
    await createNumber(t.db, { number: "+4930555000", flow: "Hours" });
    assert.equal(
      await flowForCall(t.db, "+4930555000").then((r) => r?.name),
      "PIN entry",
      "an unpublished flow does not run (the number falls back to PIN entry)",
    );
    await publishFlow(t.db, "Hours");
    await updateFlow(t.db, "Hours", { document: say("two") });
    const running = await flowForCall(t.db, "4930555000");
    assert.equal(running?.version, 1);
    assert.deepEqual(
      running?.document.steps.map((s) => s.type === "say" && s.text),
      ["one"],
    );
    const published = await publishFlow(t.db, "Hours");
    assert.equal(published?.publishedVersion, 2);
    assert.equal(published?.hasUnpublishedChanges, false);
    const again = await publishFlow(t.db, "Hours");
    assert.equal(again?.publishedVersion, 2, "publishing an unchanged draft adds no version");
    const back = await rollbackFlow(t.db, "Hours", 1);
    assert.ok(back && back !== "no-such-version");
    assert.equal(back.publishedVersion, 1);
    assert.deepEqual(
      (await flowForCall(t.db, "+4930555000"))?.document.steps.map(
        (s) => s.type === "say" && s.text,
      ),
      ["one"],
    );
    assert.equal(await rollbackFlow(t.db, "Hours", 9), "no-such-version");
    const summary = (await listFlows(t.db)).find((f) => f.name === "Hours");
    assert.deepEqual(summary?.numbers, ["+4930555000"]);
  });

  test("routing: SIP user names, room DIDs, PIN entry, the default flow, nothing", async () => {
    await createFlow(t.db, { name: "Menu", document: say("menu") });
    await publishFlow(t.db, "Menu");
    await createNumber(t.db, { number: "Menu", flow: "Menu" });
    assert.equal((await flowForCall(t.db, "menu"))?.name, "Menu", "stored lower case, found");
    await createRoomWithSettings(t.db, { name: "Sales", slug: "sales" });
    await createNumber(t.db, { number: "+4930111222", room: "sales" });
    const room = await flowForCall(t.db, "+4930111222");
    assert.equal(room?.document.steps.at(-1)?.type, "conference");
    await createNumber(t.db, { number: "+4930999000" });
    assert.equal((await flowForCall(t.db, "+4930999000"))?.name, "PIN entry");
    assert.equal(await flowForCall(t.db, "nobody"), null);
    await setDefaultFlow(t.db, "Menu");
    assert.equal((await flowForCall(t.db, "nobody"))?.name, "Menu");
    await assert.rejects(createNumber(t.db, { number: "x y" }), /SIP user name/);
  });
});
