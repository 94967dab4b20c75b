/**
 * Validation and compilation of a flow document. `parseFlow` validates (zod, then the checks
 * zod cannot express: unique ids, `goto` targets, branch digits) and reports every error with
 * its path. `compile` flattens the nested steps into nodes with explicit successors, so the
 * engine is a program counter: `next` continues after the step (a nested list's end
 * continues after its parent), a branch jumps to its list's first node, `goto` to a label.
 */
import type { z } from "zod";
import { isValidTimeZone } from "./conditions";
import { type FlowDocument, FlowDocumentSchema, type Step } from "./schema";

export interface FlowIssue {
  /** e.g. `steps[2].branches[0].steps[1].text` */
  path: string;
  message: string;
}

export type ParseFlowResult = { ok: true; flow: FlowDocument } | { ok: false; issues: FlowIssue[] };

/** Renders a zod-style path as `steps[2].branches[0].text`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || "(document)";
}

/** Named lists of nested steps held by one step, e.g. a menu's branches. */
export function childLists(step: Step): { name: string; path: PropertyKey[]; steps: Step[] }[] {
  switch (step.type) {
    case "gather":
      return [
        ...step.branches.map((b, i) => ({
          name: `digits:${b.digits}`,
          path: ["branches", i, "steps"],
          steps: b.steps,
        })),
        ...(step.timeout ? [{ name: "timeout", path: ["timeout"], steps: step.timeout }] : []),
        ...(step.invalid ? [{ name: "invalid", path: ["invalid"], steps: step.invalid }] : []),
      ];
    case "when":
      return [
        ...step.cases.map((c, i) => ({
          name: `case:${i}`,
          path: ["cases", i, "steps"],
          steps: c.steps,
        })),
        ...(step.else ? [{ name: "else", path: ["else"], steps: step.else }] : []),
      ];
    case "conference":
      return step.invalid ? [{ name: "invalid", path: ["invalid"], steps: step.invalid }] : [];
    case "dial":
      return (["busy", "noAnswer", "failed"] as const).flatMap((k) => {
        const list = step[k];
        return list ? [{ name: k, path: [k], steps: list }] : [];
      });
    default:
      return [];
  }
}

/** Every step with its path, depth first, in document order. */
export function* walkSteps(
  steps: Step[],
  path: PropertyKey[] = ["steps"],
): Generator<{ step: Step; path: PropertyKey[] }> {
  for (const [i, step] of steps.entries()) {
    const here = [...path, i];
    yield { step, path: here };
    for (const child of childLists(step)) yield* walkSteps(child.steps, [...here, ...child.path]);
  }
}

function semanticIssues(flow: FlowDocument): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const ids = new Map<string, string>();
  let count = 0;
  for (const { step, path } of walkSteps(flow.steps)) {
    count++;
    if (step.id !== undefined) {
      const seen = ids.get(step.id);
      if (seen)
        issues.push({
          path: formatPath([...path, "id"]),
          message: `id "${step.id}" is already used at ${seen}`,
        });
      else ids.set(step.id, formatPath(path));
    }
  }
  if (count > 2000) issues.push({ path: "steps", message: "a flow has at most 2000 steps" });
  for (const { step, path } of walkSteps(flow.steps)) {
    if (step.type === "goto" && !ids.has(step.target))
      issues.push({
        path: formatPath([...path, "target"]),
        message: `no step has the id "${step.target}"`,
      });
    if (step.type === "when")
      for (const [i, c] of step.cases.entries())
        if (c.if.time && !isValidTimeZone(c.if.time.timeZone))
          issues.push({
            path: formatPath([...path, "cases", i, "if", "time", "timeZone"]),
            message: `unknown time zone "${c.if.time.timeZone}"`,
          });
    if (step.type === "play" && (step.file === undefined) === (step.tone === undefined))
      issues.push({ path: formatPath(path), message: "play needs either a file or a tone" });
    if (step.type === "gather") {
      const seen = new Set<string>();
      for (const [i, b] of step.branches.entries()) {
        const at = formatPath([...path, "branches", i, "digits"]);
        if (seen.has(b.digits))
          issues.push({ path: at, message: `digits "${b.digits}" have two branches` });
        seen.add(b.digits);
        if (step.finishOnKey !== "none" && b.digits.includes(step.finishOnKey))
          issues.push({
            path: at,
            message: `"${step.finishOnKey}" ends the input, so it cannot be part of a choice`,
          });
        if (step.numDigits !== undefined && b.digits.length > step.numDigits)
          issues.push({
            path: at,
            message: `longer than numDigits (${step.numDigits}): this branch can never match`,
          });
      }
    }
  }
  return issues;
}

function zodIssues(error: z.ZodError): FlowIssue[] {
  return error.issues.slice(0, 50).map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Validates an untrusted flow document; never throws. */
export function parseFlow(raw: unknown): ParseFlowResult {
  const parsed = FlowDocumentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues = semanticIssues(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, flow: parsed.data };
}

export const END = -1;

export interface ProgramNode {
  index: number;
  step: Step;
  /** Path in the document, e.g. `steps[1].branches[0].steps[0]`. */
  path: string;
  /** Where `next` goes: the following step, or after the enclosing step; END at the end. */
  next: number;
  /** Branch name → first node of that list (END-free: an empty list means `next`). */
  branches: Map<string, number>;
}

export interface Program {
  nodes: ProgramNode[];
  labels: Map<string, number>;
  entry: number;
}

/** Flattens a valid flow into nodes with explicit successors. */
export function compile(flow: FlowDocument): Program {
  const nodes: ProgramNode[] = [];
  const labels = new Map<string, number>();
  const place = (steps: Step[], path: PropertyKey[], after: number): number => {
    if (steps.length === 0) return after;
    const first = nodes.length;
    // Reserve this list's nodes first so each knows its successor's index.
    const mine = steps.map((step, i) => {
      const node: ProgramNode = {
        index: nodes.length,
        step,
        path: formatPath([...path, i]),
        next: END,
        branches: new Map(),
      };
      nodes.push(node);
      if (step.id !== undefined) labels.set(step.id, node.index);
      return node;
    });
    mine.forEach((node, i) => {
      node.next = mine[i + 1]?.index ?? after;
      for (const child of childLists(node.step))
        node.branches.set(child.name, place(child.steps, [...path, i, ...child.path], node.next));
    });
    return first;
  };
  const entry = place(flow.steps, ["steps"], END);
  return { nodes, labels, entry };
}
