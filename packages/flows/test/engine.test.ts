import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type FlowDocumentInput, ManualClock, parseFlow } from "../src";
import { startRun } from "./helpers";

const menu: FlowDocumentInput = {
  steps: [
    { type: "say", id: "hello", text: "Welcome." },
    {
      type: "gather",
      id: "main",
      prompt: [{ say: "Press 1 for sales, 2 for support." }],
      retries: 2,
      invalidPrompt: [{ say: "Sorry." }],
      timeoutPrompt: [{ say: "I did not hear you." }],
      branches: [
        {
          digits: "1",
          steps: [
            {
              type: "gather",
              id: "sales",
              prompt: [{ say: "Press 1 for new, 2 for existing." }],
              branches: [
                { digits: "1", steps: [{ type: "say", id: "new", text: "New customers." }] },
                { digits: "2", steps: [{ type: "say", id: "existing", text: "Welcome back." }] },
              ],
            },
          ],
        },
        { digits: "2", steps: [{ type: "say", id: "support", text: "Support." }] },
        { digits: "*", steps: [{ type: "goto", id: "again", target: "main" }] },
      ],
      timeout: [{ type: "say", id: "timed-out", text: "Goodbye." }],
      invalid: [{ type: "say", id: "invalid", text: "Bye." }],
    },
    { type: "say", id: "after", text: "Thanks." },
  ],
};

describe("flow engine", () => {
  it("walks a two-level menu and continues after the nested lists", async () => {
    const t = startRun(menu);
    await t.clock.advance(1500); // welcome played, menu prompt playing
    t.call.press("1");
    await t.clock.advance(1500);
    t.call.press("2");
    await t.clock.advance(5000);
    const result = await t.done;
    assert.equal(result.reason, "completed");
    assert.deepEqual(t.entered(), ["hello", "main", "sales", "existing", "after"]);
    assert.deepEqual(t.call.sip, ["200", "BYE"], "answered implicitly, hung up at the end");
    assert.equal(result.vars.get("digits"), "2");
    assert.equal(t.call.listeners, 0, "the run released its call listeners");
    assert.equal(t.clock.pending, 0, "no timer left behind");
  });

  it("keeps digits typed during a prompt (barge-in) and skips the prompts they answer", async () => {
    const t = startRun(menu);
    t.call.press("1"); // during "Welcome." (not a menu yet): kept for the menu
    await t.clock.advance(500);
    t.call.press("1");
    await t.clock.advance(3000);
    await t.done;
    assert.deepEqual(t.entered(), ["hello", "main", "sales", "new", "after"]);
    assert.ok(!t.call.heard.includes("Press 1 for sales, 2 for support."), "menu prompt skipped");
  });

  it("retries on silence with the timeout prompt, then takes the timeout branch", async () => {
    const t = startRun(menu);
    await t.clock.advance(60_000);
    await t.done;
    assert.deepEqual(t.entered(), ["hello", "main", "timed-out", "after"]);
    const heard = t.call.heard.filter((h) => h === "I did not hear you.").length;
    assert.equal(heard, 2, "two retries, each with the timeout prompt");
  });

  it("a wrong choice is invalid: retried, then the invalid branch", async () => {
    const t = startRun(menu);
    for (let i = 0; i < 3; i++) {
      await t.clock.advance(2500);
      t.call.press("7");
    }
    await t.clock.advance(10_000);
    await t.done;
    assert.deepEqual(t.entered(), ["hello", "main", "invalid", "after"]);
    assert.equal(t.call.heard.filter((h) => h === "Sorry.").length, 2);
  });

  it("* repeats the menu through goto", async () => {
    const t = startRun(menu);
    await t.clock.advance(1500);
    t.call.press("*");
    await t.clock.advance(500);
    t.call.press("2");
    await t.clock.advance(3000);
    await t.done;
    assert.deepEqual(t.entered(), ["hello", "main", "again", "main", "support", "after"]);
  });

  it("a hangup cancels the running step and leaves nothing waiting", async () => {
    const t = startRun(menu);
    await t.clock.advance(1500);
    t.call.remoteHangup();
    const result = await t.done;
    assert.equal(result.reason, "hangup");
    assert.equal(t.clock.pending, 0);
    assert.equal(t.call.listeners, 0);
  });

  it("stops a flow that loops without time passing", async () => {
    const t = startRun({
      steps: [
        { type: "set", id: "a", vars: { x: "1" } },
        { type: "goto", target: "a" },
      ],
    });
    const result = await t.done;
    assert.equal(result.reason, "loop");
    assert.equal(t.call.state, "ended");
  });

  it("rejects and redirects before answer, with no 200", async () => {
    const r = startRun({
      steps: [
        { type: "reject", status: 486 },
        { type: "say", text: "never" },
      ],
    });
    assert.equal((await r.done).reason, "ended-by-flow");
    assert.deepEqual(r.call.sip, ["486"]);
    const d = startRun({ steps: [{ type: "redirect", to: "sip:{{called}}@example.net" }] });
    await d.done;
    assert.deepEqual(d.call.sip, ["302 sip:menu@example.net"]);
  });

  it("`when` picks by time of day in a time zone (injected clock) and by caller", async () => {
    const doc: FlowDocumentInput = {
      steps: [
        {
          type: "when",
          cases: [
            {
              if: { caller: ["+4930*"], time: { timeZone: "Europe/Berlin", days: ["sat", "sun"] } },
              steps: [{ type: "say", id: "weekend-berlin", text: "w" }],
            },
            {
              if: {
                time: {
                  timeZone: "Europe/Berlin",
                  days: ["mon", "tue", "wed", "thu", "fri"],
                  from: "09:00",
                  to: "17:00",
                },
              },
              steps: [{ type: "say", id: "open", text: "o" }],
            },
          ],
          else: [{ type: "say", id: "closed", text: "c" }],
        },
      ],
    };
    const at = (iso: string) => new ManualClock(Date.parse(iso));
    // Wednesday 2 Dec 2026, 10:00 UTC = 11:00 in Berlin: open.
    const open = startRun(doc, { clock: at("2026-12-02T10:00:00Z") });
    await open.clock.advance(2000);
    await open.done;
    assert.deepEqual(open.entered(), ["when", "open"]);
    // 16:30 UTC = 17:30 in Berlin: closed.
    const late = startRun(doc, { clock: at("2026-12-02T16:30:00Z") });
    await late.clock.advance(2000);
    await late.done;
    assert.deepEqual(late.entered(), ["when", "closed"]);
    // Saturday, a Berlin caller; then the same time from another country.
    const info = { callId: "x", caller: "sip:+4930555@carrier", called: "1", anonymous: false };
    const sat = startRun(doc, { clock: at("2026-12-05T10:00:00Z"), info });
    await sat.clock.advance(2000);
    await sat.done;
    assert.deepEqual(sat.entered(), ["when", "weekend-berlin"]);
    const other = startRun(doc, {
      clock: at("2026-12-05T10:00:00Z"),
      info: { ...info, caller: "+331234" },
    });
    await other.clock.advance(2000);
    await other.done;
    assert.deepEqual(other.entered(), ["when", "closed"]);
  });

  it("jump() moves a call to another flow without ending it", async () => {
    const t = startRun({ steps: [{ type: "play", id: "moh", tone: "ringback", loop: 0 }] });
    await t.clock.advance(3000);
    const next = parseFlow({ steps: [{ type: "say", id: "moved", text: "You were moved." }] });
    assert.ok(next.ok);
    t.run.jump(next.flow);
    await t.clock.advance(2000);
    await t.done;
    assert.deepEqual(t.entered(), ["moh", "moved"]);
  });
});

describe("flow documents", () => {
  it("refuses a bad document with the path of each error", () => {
    const r = parseFlow({
      steps: [
        { type: "say", text: "" },
        {
          type: "gather",
          branches: [{ digits: "1", steps: [{ type: "goto", target: "nowhere" }] }],
        },
        { type: "bogus" },
      ],
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    assert.ok(paths.includes("steps[0].text"), paths.join());
    assert.ok(paths.includes("steps[2].type"), paths.join());
  });

  it("checks what zod cannot: goto targets, duplicate ids and digits, time zones", () => {
    const r = parseFlow({
      steps: [
        { type: "say", id: "a", text: "x" },
        { type: "say", id: "a", text: "y" },
        {
          type: "gather",
          branches: [
            { digits: "1", steps: [{ type: "goto", target: "nowhere" }] },
            { digits: "1", steps: [] },
            { digits: "1#", steps: [] },
          ],
        },
        { type: "when", cases: [{ if: { time: { timeZone: "Mars/Base" } }, steps: [] }] },
        { type: "play" },
      ],
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    assert.match(byPath["steps[1].id"] ?? "", /already used/);
    assert.match(byPath["steps[2].branches[0].steps[0].target"] ?? "", /no step has the id/);
    assert.match(byPath["steps[2].branches[1].digits"] ?? "", /two branches/);
    assert.match(byPath["steps[2].branches[2].digits"] ?? "", /ends the input/);
    assert.match(byPath["steps[3].cases[0].if.time.timeZone"] ?? "", /unknown time zone/);
    assert.match(byPath["steps[4]"] ?? "", /file or a tone/);
  });
});
