import type { Db } from "@switchboard/db";
import { z } from "zod";
import { dummyHash, hashPassword, verifyPassword } from "./password";

export const MIN_PASSWORD_LENGTH = 12;

/** An admin's email: trimmed, lower-cased, syntactically valid. */
export const AdminEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "that email address is too long")
  .pipe(z.email("enter a valid email address"));

export const AdminPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "use at most 1024 characters");

export interface AdminUserRecord {
  id: string;
  email: string;
  createdAt: Date;
}

/** An admin with this email already exists. */
export class AdminExistsError extends Error {
  constructor(readonly email: string) {
    super(`an admin with the email ${email} already exists`);
    this.name = "AdminExistsError";
  }
}

const publicFields = { id: true, email: true, createdAt: true } as const;

/**
 * Creates an admin. Throws a ZodError for an invalid email or a password shorter than
 * {@link MIN_PASSWORD_LENGTH}, and {@link AdminExistsError} when the email is taken.
 */
export async function createAdmin(
  db: Db,
  email: string,
  password: string,
): Promise<AdminUserRecord> {
  const cleanEmail = AdminEmailSchema.parse(email);
  const passwordHash = await hashPassword(AdminPasswordSchema.parse(password));
  try {
    return await db.adminUser.create({
      data: { email: cleanEmail, passwordHash },
      select: publicFields,
    });
  } catch (error) {
    if ((error as { code?: string } | null)?.code === "P2002") {
      throw new AdminExistsError(cleanEmail);
    }
    throw error;
  }
}

export function findAdminByEmail(db: Db, email: string): Promise<AdminUserRecord | null> {
  const parsed = AdminEmailSchema.safeParse(email);
  if (!parsed.success) return Promise.resolve(null);
  return db.adminUser.findUnique({ where: { email: parsed.data }, select: publicFields });
}

/**
 * The admin when `password` is theirs, else null. Takes about as long when the email is
 * unknown (a dummy hash is verified) as when the password is wrong.
 */
export async function verifyAdminPassword(
  db: Db,
  email: string,
  password: string,
): Promise<AdminUserRecord | null> {
  const parsed = AdminEmailSchema.safeParse(email);
  const user = parsed.success
    ? await db.adminUser.findUnique({ where: { email: parsed.data } })
    : null;
  // Cap what reaches argon2: a megabyte-long "password" should not cost more than a short one.
  const candidate = password.slice(0, 1024);
  if (!user) {
    await verifyPassword(await dummyHash(), candidate);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, candidate))) return null;
  return { id: user.id, email: user.email, createdAt: user.createdAt };
}
