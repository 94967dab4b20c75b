/**
 * The PostgreSQL variant of the Prisma schema. A Prisma schema names one provider and the
 * generated client is provider-specific, so prisma/schema.prisma (SQLite, the source of
 * truth) is turned into prisma/postgresql/schema.prisma by this function, never edited by
 * hand: the provider changes, and its client is generated into its own directory.
 */

/** Where the PostgreSQL client is generated, relative to prisma/postgresql/. */
export const POSTGRES_CLIENT_OUTPUT = "../../node_modules/.prisma/client-postgresql";

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:generate\`: do not edit.
// The same models for PostgreSQL; migrations for it live in prisma/postgresql/migrations.

`;

export function toPostgresSchema(sqliteSchema: string): string {
  let sawDatasource = false;
  let sawGenerator = false;
  const out = sqliteSchema.replace(
    /^(datasource|generator)\s+(\w+)\s*\{([^}]*)\}/gm,
    (_block, kind: string, name: string, body: string) => {
      if (kind === "datasource") {
        if (!/provider\s*=\s*"sqlite"/.test(body)) {
          throw new Error('prisma/schema.prisma: the datasource must say provider = "sqlite"');
        }
        sawDatasource = true;
        return `${kind} ${name} {${body.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')}}`;
      }
      if (/^\s*output\s*=/m.test(body)) {
        throw new Error("prisma/schema.prisma: the generator must use the default output");
      }
      sawGenerator = true;
      return `${kind} ${name} {${body.replace(/\s*$/, "")}\n  output = "${POSTGRES_CLIENT_OUTPUT}"\n}`;
    },
  );
  if (!sawDatasource || !sawGenerator) {
    throw new Error("prisma/schema.prisma needs a generator and a datasource block");
  }
  if (/@db\./.test(out)) {
    throw new Error("native type attributes (@db.…) are provider-specific: leave them out");
  }
  return HEADER + out;
}
