import { closeDanglingSessions, createDb } from "@switchboard/db";
import { configFromEnv } from "./config";
import { createLogger } from "./logger";
import { startSfu } from "./server";

const config = configFromEnv();
const log = createLogger(config.logLevel);
const db = createDb(config.databaseUrl);

const dangling = await closeDanglingSessions(db);
if (dangling > 0) log.info({ sessions: dangling }, "closed sessions left open by the last run");

const sfu = await startSfu(config, {
  db,
  log,
  onWorkerDied: () => {
    // Recovery (re-creating the worker and its rooms) is a later issue: fail loudly.
    log.fatal("a mediasoup worker died; exiting");
    process.exit(1);
  },
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    void sfu
      .close()
      .then(() => closeDanglingSessions(db))
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
  });
}
