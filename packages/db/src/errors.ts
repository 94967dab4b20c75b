/**
 * Prisma's errors, read the same way on both engines. Through a driver adapter a unique
 * violation is P2002 without `meta.target`: the fields are in the adapter's error, and
 * PostgreSQL's keep their quotes ("roomId"); the classic engine's `meta.target` is read too.
 */

interface PrismaLikeError {
  code?: unknown;
  meta?: {
    target?: unknown;
    driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } };
  };
}

function codeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as PrismaLikeError).code : undefined;
}

/** A unique constraint refused the write (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === "P2002";
}

/** The record to update or delete does not exist (P2025). */
export function isNotFound(error: unknown): boolean {
  return codeOf(error) === "P2025";
}

/** The fields of the unique constraint a P2002 error names, unquoted; [] when unknown. */
export function uniqueViolationFields(error: unknown): string[] {
  if (!isUniqueViolation(error)) return [];
  const meta = (error as PrismaLikeError).meta;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  const raw = Array.isArray(meta?.target)
    ? meta.target
    : Array.isArray(constraint?.fields)
      ? constraint.fields
      : typeof constraint?.index === "string"
        ? // "Room_pin_key": the model's name, the fields, "key".
          constraint.index.split("_").slice(1, -1)
        : [];
  return raw.map((f) => String(f).replace(/^"|"$/g, ""));
}
