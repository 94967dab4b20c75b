/**
 * Admin accounts from the command line.
 *
 *   npm run admin:create -- --email ada@example.com [--password …]
 *       password: --password, else $ADMIN_PASSWORD, else asked on the terminal (not echoed)
 *   tsx packages/auth/src/cli.ts ensure-from-env
 *       creates $ADMIN_EMAIL with $ADMIN_PASSWORD when both are set and that admin is missing
 *
 * Uses DATABASE_URL like the rest of Switchboard.
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { createDb, type Db } from "@switchboard/db";
import { ZodError } from "zod";
import {
  AdminEmailSchema,
  AdminExistsError,
  AdminPasswordSchema,
  createAdmin,
  findAdminByEmail,
} from "./admins";

const USAGE = `usage:
  npm run admin:create -- --email <email> [--password <password>]
      (password from --password, else $ADMIN_PASSWORD, else asked on the terminal)
  tsx packages/auth/src/cli.ts ensure-from-env
      (creates $ADMIN_EMAIL with $ADMIN_PASSWORD if both are set and it does not exist)`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "create") return withDb((db) => create(db, rest));
  if (command === "ensure-from-env") return withDb((db) => ensureFromEnv(db));
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  throw new UsageError(command ? `unknown command "${command}"` : "missing command");
}

async function withDb(run: (db: Db) => Promise<number>): Promise<number> {
  const db = createDb();
  try {
    return await run(db);
  } finally {
    await db.$disconnect();
  }
}

async function create(db: Db, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, password: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.email) throw new UsageError("--email is required");
  const email = AdminEmailSchema.parse(values.email);
  if (await findAdminByEmail(db, email)) throw new AdminExistsError(email);
  const password = values.password ?? process.env.ADMIN_PASSWORD ?? (await promptNewPassword());
  const admin = await createAdmin(db, email, password);
  console.log(`created admin ${admin.email}; sign in at /admin/login`);
  return 0;
}

async function ensureFromEnv(db: Db): Promise<number> {
  const email = process.env.ADMIN_EMAIL?.trim();
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) {
    console.log("ADMIN_EMAIL and ADMIN_PASSWORD are not both set: no admin created");
    return 0;
  }
  if (await findAdminByEmail(db, email)) {
    console.log(`admin ${AdminEmailSchema.parse(email)} already exists`);
    return 0;
  }
  try {
    const admin = await createAdmin(db, email, password);
    console.log(`created admin ${admin.email} from ADMIN_EMAIL/ADMIN_PASSWORD`);
  } catch (error) {
    // Created concurrently by another process: that is what we wanted.
    if (!(error instanceof AdminExistsError)) throw error;
  }
  return 0;
}

async function promptNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new UsageError("no password: pass --password, set ADMIN_PASSWORD, or run on a terminal");
  }
  for (;;) {
    const first = await promptHidden("Password (at least 12 characters): ");
    const checked = AdminPasswordSchema.safeParse(first);
    if (!checked.success) {
      process.stderr.write(`${checked.error.issues[0]?.message ?? "invalid password"}\n`);
      continue;
    }
    if ((await promptHidden("Repeat it: ")) === first) return first;
    process.stderr.write("The passwords differ; try again.\n");
  }
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (result: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      stderr.write("\n");
      if (result === null) reject(new UsageError("cancelled"));
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") return finish(value);
        if (char === "\u0003" || char === "\u0004") return finish(null); // Ctrl-C, Ctrl-D
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof ZodError) {
      console.error(`error: ${error.issues.map((i) => i.message).join("; ")}`);
      process.exitCode = 1;
    } else if (error instanceof AdminExistsError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
    } else if (String((error as { code?: unknown } | null)?.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`error: ${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
