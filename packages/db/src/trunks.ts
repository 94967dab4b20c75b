import { deriveKey } from "@switchboard/tokens";
import { z } from "zod";
import type { Db } from "./client";
import type { RoomRecord } from "./rooms";
import { openSecret, SecretBoxError, sealSecret } from "./secretBox";

/* ------------------------------------------------------------------ schemas */

export const TrunkNameSchema = z
  .string()
  .trim()
  .min(1, "give the trunk a name")
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, dots, dashes and underscores");

/** A host name, an IPv4 address or a bracketed IPv6 address (no scheme, no port). */
export const TrunkHostSchema = z
  .string()
  .trim()
  .min(1, "enter the trunk's host name or address")
  .max(253)
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/,
    "a host name or IP address, without sip: or a port",
  );

export const TrunkTransportSchema = z.enum(["udp", "tcp"]);
export type TrunkTransport = z.infer<typeof TrunkTransportSchema>;

/** A phone number as stored: digits with an optional leading "+" (E.164-ish). */
export const PhoneNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{3,20}$/, "3 to 20 digits, optionally starting with +");

const UsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^\s:@<>"]+$/, "no spaces, colons, @ or quotes");
/** Write-only: stored encrypted, never returned. */
const PasswordSchema = z.string().min(1).max(256);

const trunkFields = {
  name: TrunkNameSchema,
  host: TrunkHostSchema,
  port: z.number().int().min(1).max(65535).default(5060),
  transport: TrunkTransportSchema.default("udp"),
  username: UsernameSchema.nullable().default(null),
  password: PasswordSchema.nullable().default(null),
  /** Keep a registration with the trunk (needs a username and a password). */
  register: z.boolean().default(false),
  registerExpires: z.number().int().min(60).max(86_400).default(300),
  /** Caller id presented on dial-out. */
  fromNumber: PhoneNumberSchema.nullable().default(null),
  enabled: z.boolean().default(true),
};

/** Creating a trunk: name and host required. */
export const TrunkInputSchema = z.object(trunkFields).strict();
export type TrunkInput = z.input<typeof TrunkInputSchema>;

/**
 * Changing a trunk: any subset. `password`: absent keeps it, null clears it, a string
 * replaces it.
 */
export const TrunkPatchSchema = z
  .object({
    name: trunkFields.name,
    host: trunkFields.host,
    port: z.number().int().min(1).max(65535),
    transport: TrunkTransportSchema,
    username: UsernameSchema.nullable(),
    password: PasswordSchema.nullable(),
    register: z.boolean(),
    registerExpires: z.number().int().min(60).max(86_400),
    fromNumber: PhoneNumberSchema.nullable(),
    enabled: z.boolean(),
  })
  .partial()
  .strict();
export type TrunkPatch = z.input<typeof TrunkPatchSchema>;

export const PhoneNumberInputSchema = z
  .object({
    number: PhoneNumberSchema,
    /** The room this number rings into; null (or absent) = the PIN-entry number. */
    room: z.string().min(1).max(64).nullable().default(null),
    /** The trunk the number belongs to (by name), if any. */
    trunk: TrunkNameSchema.nullable().default(null),
    label: z.string().trim().max(80).nullable().default(null),
  })
  .strict();
export type PhoneNumberInput = z.input<typeof PhoneNumberInputSchema>;

/* ------------------------------------------------------------------ records */

/** A trunk as shown to people and programs: the password only as set / not set. */
export interface TrunkRecord {
  id: string;
  name: string;
  host: string;
  port: number;
  transport: TrunkTransport;
  username: string | null;
  hasPassword: boolean;
  register: boolean;
  registerExpires: number;
  fromNumber: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A trunk with its decrypted password, for the gateway only. */
export interface TrunkWithCredentials extends TrunkRecord {
  password: string | null;
}

export interface PhoneNumberRecord {
  id: string;
  number: string;
  label: string | null;
  createdAt: Date;
  /** null = the general number that asks for a meeting PIN. */
  room: { slug: string; name: string } | null;
  trunk: { name: string } | null;
}

export type DidRoute = { room: RoomRecord } | { pinEntry: true };

/** A trunk name or a phone number that is already taken. */
export class TelephonyConflictError extends Error {
  constructor(readonly field: "name" | "number") {
    super(
      field === "name"
        ? "another trunk already has this name"
        : "this phone number is already configured",
    );
    this.name = "TelephonyConflictError";
  }
}

/** A stored trunk password that does not decrypt (SWITCHBOARD_SECRET changed?). */
export class TrunkCredentialsError extends Error {
  constructor(readonly trunk: string) {
    super(
      `the stored password of trunk "${trunk}" cannot be decrypted (was SWITCHBOARD_SECRET changed?); set it again`,
    );
    this.name = "TrunkCredentialsError";
  }
}

/* ------------------------------------------------------------------ crypto */

const PASSWORD_CONTEXT = "switchboard:trunk-password";

function trunkKey(secret: string): Uint8Array {
  return deriveKey(secret, "trunk-credentials");
}

/** Seals a trunk password for the `passwordEnc` column. */
export function sealTrunkPassword(secret: string, password: string): string {
  return sealSecret(trunkKey(secret), password, PASSWORD_CONTEXT);
}

/** Opens a `passwordEnc` value; throws SecretBoxError when it does not open. */
export function openTrunkPassword(secret: string, sealed: string): string {
  return openSecret(trunkKey(secret), sealed, PASSWORD_CONTEXT);
}

/* ------------------------------------------------------------------ trunks */

interface TrunkRow {
  id: string;
  name: string;
  host: string;
  port: number;
  transport: string;
  username: string | null;
  passwordEnc: string | null;
  register: boolean;
  registerExpires: number;
  fromNumber: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

function toRecord(row: TrunkRow): TrunkRecord {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    transport: row.transport === "tcp" ? "tcp" : "udp",
    username: row.username,
    hasPassword: row.passwordEnc !== null,
    register: row.register,
    registerExpires: row.registerExpires,
    fromNumber: row.fromNumber,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function withCredentials(row: TrunkRow, secret: string): TrunkWithCredentials {
  let password: string | null = null;
  if (row.passwordEnc !== null) {
    try {
      password = openTrunkPassword(secret, row.passwordEnc);
    } catch (error) {
      if (error instanceof SecretBoxError) throw new TrunkCredentialsError(row.name);
      throw error;
    }
  }
  return { ...toRecord(row), password };
}

function registrationIssue(trunk: {
  register: boolean;
  username: string | null;
  hasPassword: boolean;
}): z.ZodError | null {
  if (!trunk.register || (trunk.username && trunk.hasPassword)) return null;
  return new z.ZodError([
    {
      code: "custom",
      path: [trunk.username ? "password" : "username"],
      message: "registration needs a username and a password",
      input: undefined,
    },
  ]);
}

/**
 * Creates a trunk (the password is encrypted with a key derived from `secret`). Throws a
 * ZodError for invalid input, {@link TelephonyConflictError} when the name is taken.
 */
export async function createTrunk(db: Db, input: TrunkInput, secret: string): Promise<TrunkRecord> {
  const { password, ...data } = TrunkInputSchema.parse(input);
  const issue = registrationIssue({ ...data, hasPassword: password !== null });
  if (issue) throw issue;
  try {
    const row = await db.trunk.create({
      data: {
        ...data,
        passwordEnc: password === null ? null : sealTrunkPassword(secret, password),
      },
    });
    return toRecord(row);
  } catch (error) {
    throw conflictOr(error, "name");
  }
}

/** Applies a partial update to the trunk `name`; null when there is no such trunk. */
export async function updateTrunk(
  db: Db,
  name: string,
  patch: TrunkPatch,
  secret: string,
): Promise<TrunkRecord | null> {
  const { password, ...data } = TrunkPatchSchema.parse(patch);
  const current = await db.trunk.findUnique({ where: { name } });
  if (!current) return null;
  const issue = registrationIssue({
    register: data.register ?? current.register,
    username: data.username === undefined ? current.username : data.username,
    hasPassword: password === undefined ? current.passwordEnc !== null : password !== null,
  });
  if (issue) throw issue;
  try {
    const row = await db.trunk.update({
      where: { id: current.id },
      data: {
        ...data,
        ...(password === undefined
          ? {}
          : { passwordEnc: password === null ? null : sealTrunkPassword(secret, password) }),
      },
    });
    return toRecord(row);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw conflictOr(error, "name");
  }
}

/** Deletes a trunk (its numbers stay, without a trunk); false when it did not exist. */
export async function deleteTrunk(db: Db, name: string): Promise<boolean> {
  const { count } = await db.trunk.deleteMany({ where: { name } });
  return count > 0;
}

/** Every trunk, oldest first, without passwords. */
export async function listTrunks(db: Db): Promise<TrunkRecord[]> {
  const rows = await db.trunk.findMany({ orderBy: [{ createdAt: "asc" }, { name: "asc" }] });
  return rows.map(toRecord);
}

export async function findTrunk(db: Db, name: string): Promise<TrunkRecord | null> {
  const row = await db.trunk.findUnique({ where: { name } });
  return row ? toRecord(row) : null;
}

/**
 * The trunk to dial out through, with its decrypted password: the enabled trunk `name`,
 * or without a name the first enabled trunk (oldest first). Null when there is none.
 * Throws {@link TrunkCredentialsError} when its password does not decrypt.
 */
export async function trunkForDialing(
  db: Db,
  name: string | undefined,
  secret: string,
): Promise<TrunkWithCredentials | null> {
  const row = name
    ? await db.trunk.findFirst({ where: { name, enabled: true } })
    : await db.trunk.findFirst({
        where: { enabled: true },
        orderBy: [{ createdAt: "asc" }, { name: "asc" }],
      });
  return row ? withCredentials(row, secret) : null;
}

/**
 * Enabled trunks that want a registration, with decrypted credentials. A trunk whose
 * password does not decrypt is skipped and reported to `onError`.
 */
export async function trunksToRegister(
  db: Db,
  secret: string,
  onError?: (error: TrunkCredentialsError) => void,
): Promise<TrunkWithCredentials[]> {
  const rows = await db.trunk.findMany({
    where: { enabled: true, register: true },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
  });
  const out: TrunkWithCredentials[] = [];
  for (const row of rows) {
    try {
      out.push(withCredentials(row, secret));
    } catch (error) {
      if (!(error instanceof TrunkCredentialsError)) throw error;
      onError?.(error);
    }
  }
  return out;
}

/* ------------------------------------------------------------------ numbers */

const numberInclude = {
  room: { select: { slug: true, name: true } },
  trunk: { select: { name: true } },
} as const;

/** A room or trunk named in a number's input that does not exist. */
export class NumberReferenceError extends Error {
  constructor(
    readonly field: "room" | "trunk",
    readonly value: string,
  ) {
    super(field === "room" ? `there is no room "${value}"` : `there is no trunk "${value}"`);
    this.name = "NumberReferenceError";
  }
}

/**
 * Adds a phone number (DID). Throws a ZodError for invalid input,
 * {@link NumberReferenceError} for an unknown room or trunk and
 * {@link TelephonyConflictError} when the number exists.
 */
export async function createNumber(db: Db, input: PhoneNumberInput): Promise<PhoneNumberRecord> {
  const data = PhoneNumberInputSchema.parse(input);
  let roomId: string | null = null;
  let trunkId: string | null = null;
  if (data.room !== null) {
    const room = await db.room.findUnique({ where: { slug: data.room }, select: { id: true } });
    if (!room) throw new NumberReferenceError("room", data.room);
    roomId = room.id;
  }
  if (data.trunk !== null) {
    const trunk = await db.trunk.findUnique({ where: { name: data.trunk }, select: { id: true } });
    if (!trunk) throw new NumberReferenceError("trunk", data.trunk);
    trunkId = trunk.id;
  }
  try {
    return await db.phoneNumber.create({
      data: { number: data.number, roomId, trunkId, label: data.label || null },
      include: numberInclude,
    });
  } catch (error) {
    throw conflictOr(error, "number");
  }
}

/** Removes a number; false when it was not configured. */
export async function deleteNumber(db: Db, number: string): Promise<boolean> {
  const { count } = await db.phoneNumber.deleteMany({ where: { number: number.trim() } });
  return count > 0;
}

/** Every number, sorted by number. */
export function listNumbers(db: Db): Promise<PhoneNumberRecord[]> {
  return db.phoneNumber.findMany({ include: numberInclude, orderBy: { number: "asc" } });
}

/**
 * "+49 (30) 123-456" → "+4930123456"; also takes `sip:`/`tel:` URIs' user part. Null when
 * what is left is not a phone number.
 */
export function normalizeNumber(raw: string): string | null {
  let value = raw.trim();
  const uri = /^(?:sips?|tel):([^@;]+)/i.exec(value);
  if (uri?.[1]) value = uri[1];
  value = value.replace(/[\s().-]/g, "");
  return /^\+?[0-9]{3,20}$/.test(value) ? value : null;
}

/**
 * Where a call to `number` goes: the room its DID rings into, the PIN-entry prompt for a
 * DID without a room, or null when the number is not configured. Matches with and without
 * a leading "+".
 */
export async function routeForDid(db: Db, number: string): Promise<DidRoute | null> {
  const normalized = normalizeNumber(number);
  if (!normalized) return null;
  const bare = normalized.replace(/^\+/, "");
  const candidates = [normalized, bare, `+${bare}`].filter((v, i, all) => all.indexOf(v) === i);
  const rows = await db.phoneNumber.findMany({
    where: { number: { in: candidates } },
    include: { room: true },
  });
  // An exact match wins over the one with/without "+".
  const row = rows.find((r) => r.number === normalized) ?? rows[0];
  if (!row) return null;
  return row.room ? { room: row.room } : { pinEntry: true };
}

/* ------------------------------------------------------------------ helpers */

function conflictOr(error: unknown, field: "name" | "number"): unknown {
  return isUniqueViolation(error) ? new TelephonyConflictError(field) : error;
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002"
  );
}

function isNotFound(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: string }).code === "P2025"
  );
}
