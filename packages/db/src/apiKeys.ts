import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "./client";

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const KEY_PREFIX = "sbk_";

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

const publicFields = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** Creates an API key. The key itself is returned once and only its hash is stored. */
export async function createApiKey(
  db: Db,
  name: string,
): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const record = await db.apiKey.create({
    data: {
      name: name.trim().slice(0, 80) || "API key",
      prefix: key.slice(0, 10),
      keyHash: hashKey(key),
    },
    select: publicFields,
  });
  return { key, record };
}

/** The key's record when it is valid and not revoked; records when it was last used. */
export async function verifyApiKey(db: Db, key: string): Promise<ApiKeyRecord | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  const keyHash = hashKey(key);
  const row = await db.apiKey.findUnique({ where: { keyHash } });
  // The lookup is by hash; compare again in constant time for good measure.
  if (!row || !timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(keyHash))) return null;
  if (row.revokedAt) return null;
  const now = new Date();
  // Write at most once a minute per key.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { ...row, lastUsedAt: now };
}

export function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  return db.apiKey.findMany({ select: publicFields, orderBy: { createdAt: "desc" } });
}

/** Revokes a key; false when there is no such key. */
export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}
