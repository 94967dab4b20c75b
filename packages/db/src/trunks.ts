import { deriveKey } from "@switchboard/tokens";
import { z } from "zod";
import type { Db } from "./client";
import { isNotFound, isUniqueViolation } from "./errors";
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

/**
 * What a call can be routed by: a phone number (DID) or a SIP user name such as "menu"
 * (for `sip:menu@gateway`), stored lower case.
 */
export const RoutingNumberSchema = z
  .string()
  .trim()
  .regex(
    /^(\+?[0-9]{3,20}|[A-Za-z][A-Za-z0-9._-]{0,31})$/,
    "3 to 20 digits (optionally starting with +) or a SIP user name",
  )
  .transform((v) => (/^[A-Za-z]/.test(v) ? v.toLowerCase() : v));

/** Where a trunk may call (see the README's Security section); closed until set. */
const policyFields = {
  /** Country calling code without "+" ("49"); null: only `allowedPrefixes` may be called. */
  countryCode: z
    .string()
    .trim()
    .regex(/^[1-9][0-9]{0,2}$/, "a country calling code such as 49 or 1")
    .nullable()
    .default(null),
  allowedPrefixes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\+[0-9]{1,15}$/, "an E.164 prefix such as +4930"),
    )
    .max(100)
    .default([]),
  allowInternational: z.boolean().default(false),
  allowPremium: z.boolean().default(false),
  maxConcurrent: z.number().int().min(1).max(10_000).default(4),
  maxPerMinute: z.number().int().min(1).max(100_000).default(10),
  maxDurationSec: z.number().int().min(10).max(86_400).default(3600),
};

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
  ...policyFields,
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
    countryCode: policyFields.countryCode.unwrap().unwrap().nullable(),
    allowedPrefixes: policyFields.allowedPrefixes.unwrap(),
    allowInternational: z.boolean(),
    allowPremium: z.boolean(),
    maxConcurrent: policyFields.maxConcurrent.unwrap(),
    maxPerMinute: policyFields.maxPerMinute.unwrap(),
    maxDurationSec: policyFields.maxDurationSec.unwrap(),
  })
  .partial()
  .strict();
export type TrunkPatch = z.input<typeof TrunkPatchSchema>;

export const PhoneNumberInputSchema = z
  .object({
    number: RoutingNumberSchema,
    /** The call flow this number runs (by name); wins over `room`. */
    flow: z.string().min(1).max(80).nullable().default(null),
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
  countryCode: string | null;
  allowedPrefixes: string[];
  allowInternational: boolean;
  allowPremium: boolean;
  maxConcurrent: number;
  maxPerMinute: number;
  maxDurationSec: number;
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
  flow: { name: string } | null;
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
  countryCode: string | null;
  allowedPrefixes: string;
  allowInternational: boolean;
  allowPremium: boolean;
  maxConcurrent: number;
  maxPerMinute: number;
  maxDurationSec: number;
  createdAt: Date;
  updatedAt: Date;
}

const prefixesIn = (list: string[] | undefined) =>
  list === undefined ? undefined : list.join(",");

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
    countryCode: row.countryCode,
    allowedPrefixes: row.allowedPrefixes ? row.allowedPrefixes.split(",") : [],
    allowInternational: row.allowInternational,
    allowPremium: row.allowPremium,
    maxConcurrent: row.maxConcurrent,
    maxPerMinute: row.maxPerMinute,
    maxDurationSec: row.maxDurationSec,
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
  const { password, allowedPrefixes, ...data } = TrunkInputSchema.parse(input);
  const issue = registrationIssue({ ...data, hasPassword: password !== null });
  if (issue) throw issue;
  try {
    const row = await db.trunk.create({
      data: {
        ...data,
        allowedPrefixes: prefixesIn(allowedPrefixes) ?? "",
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
  const { password, allowedPrefixes, ...data } = TrunkPatchSchema.parse(patch);
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
        ...(allowedPrefixes !== undefined && { allowedPrefixes: prefixesIn(allowedPrefixes) }),
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
  flow: { select: { name: true } },
} as const;

/** A room or trunk named in a number's input that does not exist. */
export class NumberReferenceError extends Error {
  constructor(
    readonly field: "room" | "trunk" | "flow",
    readonly value: string,
  ) {
    super(`there is no ${field} "${value}"`);
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
  let flowId: string | null = null;
  if (data.flow !== null) {
    const flow = await db.flow.findUnique({ where: { name: data.flow }, select: { id: true } });
    if (!flow) throw new NumberReferenceError("flow", data.flow);
    flowId = flow.id;
  }
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
      data: { number: data.number, roomId, trunkId, flowId, label: data.label || null },
      include: numberInclude,
    });
  } catch (error) {
    throw conflictOr(error, "number");
  }
}

/** Removes a number; false when it was not configured. */
export async function deleteNumber(db: Db, number: string): Promise<boolean> {
  const key = number.trim();
  const { count } = await db.phoneNumber.deleteMany({
    where: { number: { in: [key, key.toLowerCase()] } },
  });
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
