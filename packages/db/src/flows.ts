/**
 * Call flows in the database: a draft that is validated on every save, published versions
 * that never change (calls run one of them; rollback points back to an older one), the
 * default flow, and the routing of a called number or SIP user to the flow it runs.
 */
import {
  type FlowDocument,
  type FlowDocumentInput,
  type FlowIssue,
  parseFlow,
} from "@switchboard/flows";
import { z } from "zod";
import type { Db } from "./client";

export const FlowNameSchema = z
  .string()
  .trim()
  .min(1, "a name")
  .max(80)
  .regex(/^[^\s/][^/]*$/, "no slashes");

export const FlowInputSchema = z
  .object({
    name: FlowNameSchema,
    description: z.string().trim().max(500).default(""),
    document: z.unknown(),
  })
  .strict();
export type FlowInput = z.input<typeof FlowInputSchema>;

export const FlowPatchSchema = z
  .object({
    name: FlowNameSchema,
    description: z.string().trim().max(500),
    document: z.unknown(),
  })
  .partial()
  .strict();
export type FlowPatch = z.input<typeof FlowPatchSchema>;

/** A flow document that does not validate; `issues` name the path of each error. */
export class FlowValidationError extends Error {
  constructor(readonly issues: FlowIssue[]) {
    super(`the flow is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "FlowValidationError";
  }
}

export class FlowConflictError extends Error {
  constructor(readonly field: "name") {
    super("a flow with this name exists");
    this.name = "FlowConflictError";
  }
}

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  publishedVersion: number | null;
  isDefault: boolean;
  /** The draft differs from the published version. */
  hasUnpublishedChanges: boolean;
  numbers: string[];
  updatedAt: Date;
}

export interface FlowDetail extends FlowSummary {
  draft: FlowDocument;
  versions: { version: number; createdAt: Date }[];
}

/** What a call runs. */
export interface RoutedFlow {
  /** null for flows made up from the number's settings (a room's DID, PIN entry). */
  flowId: string | null;
  name: string;
  version: number | null;
  document: FlowDocument;
}

function validated(raw: unknown): FlowDocument {
  const parsed = parseFlow(raw);
  if (!parsed.ok) throw new FlowValidationError(parsed.issues);
  return parsed.flow;
}

const include = {
  numbers: { select: { number: true }, orderBy: { number: "asc" } },
  versions: {
    select: { version: true, createdAt: true, document: true },
    orderBy: { version: "desc" },
  },
} as const;

type FlowRow = NonNullable<Awaited<ReturnType<typeof loadFlow>>>;

function loadFlow(db: Db, idOrName: string) {
  return db.flow.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] }, include });
}

function summary(row: FlowRow): FlowSummary {
  const published = row.versions.find((v) => v.version === row.publishedVersion);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    publishedVersion: row.publishedVersion,
    isDefault: row.isDefault,
    hasUnpublishedChanges: !published || published.document !== row.draft,
    numbers: row.numbers.map((n) => n.number),
    updatedAt: row.updatedAt,
  };
}

function detail(row: FlowRow): FlowDetail {
  return {
    ...summary(row),
    draft: validated(JSON.parse(row.draft)),
    versions: row.versions.map((v) => ({ version: v.version, createdAt: v.createdAt })),
  };
}

const isUnique = (e: unknown) =>
  typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";

/** Creates a flow with a valid draft (not published). */
export async function createFlow(db: Db, input: FlowInput): Promise<FlowDetail> {
  const data = FlowInputSchema.parse(input);
  const document = validated(data.document);
  try {
    const row = await db.flow.create({
      data: { name: data.name, description: data.description, draft: JSON.stringify(document) },
      include,
    });
    return detail(row);
  } catch (e) {
    throw isUnique(e) ? new FlowConflictError("name") : e;
  }
}

export async function getFlow(db: Db, idOrName: string): Promise<FlowDetail | null> {
  const row = await loadFlow(db, idOrName);
  return row ? detail(row) : null;
}

export async function listFlows(db: Db): Promise<FlowSummary[]> {
  const rows = await db.flow.findMany({ include, orderBy: { name: "asc" } });
  return rows.map(summary);
}

/** Saves the draft (validated: a bad document changes nothing), name or description. */
export async function updateFlow(
  db: Db,
  idOrName: string,
  patch: FlowPatch,
): Promise<FlowDetail | null> {
  const data = FlowPatchSchema.parse(patch);
  const row = await loadFlow(db, idOrName);
  if (!row) return null;
  const draft = data.document !== undefined ? JSON.stringify(validated(data.document)) : undefined;
  try {
    const updated = await db.flow.update({
      where: { id: row.id },
      data: {
        ...(data.name !== undefined && { name: data.name }),
        ...(data.description !== undefined && { description: data.description }),
        ...(draft !== undefined && { draft }),
      },
      include,
    });
    return detail(updated);
  } catch (e) {
    throw isUnique(e) ? new FlowConflictError("name") : e;
  }
}

/**
 * Publishes the draft as the next version (or re-points to the latest version when the draft
 * is unchanged); calls that start afterwards run it, calls already running keep theirs.
 */
export async function publishFlow(db: Db, idOrName: string): Promise<FlowDetail | null> {
  return db.$transaction(async (tx) => {
    const row = await tx.flow.findFirst({
      where: { OR: [{ id: idOrName }, { name: idOrName }] },
      include,
    });
    if (!row) return null;
    const latest = row.versions[0];
    let version: number;
    if (latest && latest.document === row.draft) version = latest.version;
    else {
      version = (latest?.version ?? 0) + 1;
      await tx.flowVersion.create({ data: { flowId: row.id, version, document: row.draft } });
    }
    const updated = await tx.flow.update({
      where: { id: row.id },
      data: { publishedVersion: version },
      include,
    });
    return detail(updated);
  });
}

/** Makes an older version the published one again (the draft becomes that version too). */
export async function rollbackFlow(
  db: Db,
  idOrName: string,
  version: number,
): Promise<FlowDetail | null | "no-such-version"> {
  const row = await loadFlow(db, idOrName);
  if (!row) return null;
  const v = row.versions.find((x) => x.version === version);
  if (!v) return "no-such-version";
  const updated = await db.flow.update({
    where: { id: row.id },
    data: { publishedVersion: version, draft: v.document },
    include,
  });
  return detail(updated);
}

export async function flowVersion(
  db: Db,
  idOrName: string,
  version: number,
): Promise<FlowDocument | null> {
  const row = await loadFlow(db, idOrName);
  const v = row?.versions.find((x) => x.version === version);
  return v ? validated(JSON.parse(v.document)) : null;
}

/** Deletes a flow; its numbers stay, without a flow. */
export async function deleteFlow(db: Db, idOrName: string): Promise<boolean> {
  const row = await loadFlow(db, idOrName);
  if (!row) return false;
  await db.flow.delete({ where: { id: row.id } });
  return true;
}

/** Makes this flow the one calls to unknown numbers run (only one is). */
export async function setDefaultFlow(db: Db, idOrName: string): Promise<boolean> {
  const row = await loadFlow(db, idOrName);
  if (!row) return false;
  await db.$transaction([
    db.flow.updateMany({ where: { isDefault: true }, data: { isDefault: false } }),
    db.flow.update({ where: { id: row.id }, data: { isDefault: true } }),
  ]);
  return true;
}

/** The flow a room's number runs: welcome, then the room. */
export function roomFlow(slug: string): FlowDocument {
  return validated({
    steps: [
      { type: "answer" },
      { type: "play", file: "welcome" },
      { type: "conference", room: slug },
    ],
  } satisfies FlowDocumentInput);
}

/** PIN entry: welcome, the meeting PIN (three tries), the room; else goodbye. */
export function pinEntryFlow(): FlowDocument {
  return validated({
    steps: [
      { type: "answer" },
      { type: "play", file: "welcome" },
      { type: "conference", invalid: [{ type: "play", file: "goodbye" }, { type: "hangup" }] },
    ],
  } satisfies FlowDocumentInput);
}

/** The keys a called number or SIP user may be stored under. */
export function numberKeys(raw: string): string[] {
  const value = raw.trim();
  const digits = value.replace(/[\s().-]/g, "");
  if (/^\+?[0-9]{1,20}$/.test(digits)) {
    const bare = digits.replace(/^\+/, "");
    return [digits, bare, `+${bare}`].filter((v, i, all) => all.indexOf(v) === i);
  }
  return [value.toLowerCase()];
}

/**
 * What a call to `called` (a number or a SIP user) runs: its number's published flow, a
 * room's DID flow, PIN entry for a number without either, else the default flow; null when
 * nothing applies (answer 404).
 */
export async function flowForCall(db: Db, called: string): Promise<RoutedFlow | null> {
  const keys = numberKeys(called);
  const rows = await db.phoneNumber.findMany({
    where: { number: { in: keys } },
    include: { room: { select: { slug: true } }, flow: true },
  });
  const row = rows.find((r) => r.number === keys[0]) ?? rows[0];
  if (row?.flow && row.flow.publishedVersion !== null) {
    const published = await publishedDocument(db, row.flow.id, row.flow.publishedVersion);
    if (published)
      return {
        flowId: row.flow.id,
        name: row.flow.name,
        version: row.flow.publishedVersion,
        document: published,
      };
  }
  if (row?.room)
    return {
      flowId: null,
      name: `room ${row.room.slug}`,
      version: null,
      document: roomFlow(row.room.slug),
    };
  if (row) return { flowId: null, name: "PIN entry", version: null, document: pinEntryFlow() };
  const fallback = await db.flow.findFirst({
    where: { isDefault: true, publishedVersion: { not: null } },
  });
  if (fallback?.publishedVersion != null) {
    const published = await publishedDocument(db, fallback.id, fallback.publishedVersion);
    if (published)
      return {
        flowId: fallback.id,
        name: fallback.name,
        version: fallback.publishedVersion,
        document: published,
      };
  }
  return null;
}

async function publishedDocument(
  db: Db,
  flowId: string,
  version: number,
): Promise<FlowDocument | null> {
  const v = await db.flowVersion.findUnique({ where: { flowId_version: { flowId, version } } });
  if (!v) return null;
  const parsed = parseFlow(JSON.parse(v.document));
  return parsed.ok ? parsed.flow : null;
}
