import path from "node:path";
import { defineConfig } from "@playwright/test";

// End-to-end tests: Debian's Chromium with fake camera/mic, the real SFU process and the
// built Next.js app, on their own ports and their own SQLite file.
const root = __dirname;
const E2E_WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3101);
const E2E_SFU_PORT = Number(process.env.E2E_SFU_PORT ?? 4101);
export const E2E_DB = `file:${path.join(root, "data", "e2e.db")}`;
export const E2E_GATEWAY_SIP_PORT = Number(process.env.E2E_GATEWAY_SIP_PORT ?? 5161);
const E2E_GATEWAY_HTTP_PORT = Number(process.env.E2E_GATEWAY_HTTP_PORT ?? 5171);
// The admin that scripts/e2e-sfu.sh creates (ensure-from-env) and admin.spec.ts signs in as.
const E2E_ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@example.test";
const E2E_ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "correct-horse-battery";

export const chromiumArgs = [
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  "--allow-loopback-in-peer-connection",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Background tabs must keep decoding: several pages share one browser in these tests.
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows",
];

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_WEB_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumArgs,
    },
    permissions: ["camera", "microphone"],
    trace: "retain-on-failure",
  },
  webServer: [
    {
      name: "sfu",
      command: "bash scripts/e2e-sfu.sh",
      cwd: root,
      url: `http://127.0.0.1:${E2E_SFU_PORT}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        DATABASE_URL: E2E_DB,
        SFU_PORT: String(E2E_SFU_PORT),
        SFU_RTC_BASE_PORT: process.env.E2E_RTC_BASE_PORT ?? "40100",
        SFU_EMPTY_ROOM_GRACE_MS: "2000",
        LOG_LEVEL: "warn",
        GATEWAY_CONTROL_URL: `http://127.0.0.1:${E2E_GATEWAY_HTTP_PORT}`,
        ADMIN_EMAIL: E2E_ADMIN_EMAIL,
        ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The phone gateway (SIP on 127.0.0.1:E2E_GATEWAY_SIP_PORT), started once the SFU is up.
      name: "gateway",
      command: "bash scripts/e2e-gateway.sh",
      cwd: root,
      url: `http://127.0.0.1:${E2E_GATEWAY_HTTP_PORT}/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        DATABASE_URL: E2E_DB,
        SFU_INTERNAL_URL: `http://127.0.0.1:${E2E_SFU_PORT}`,
        GATEWAY_SIP_PORT: String(E2E_GATEWAY_SIP_PORT),
        GATEWAY_HEALTH_PORT: String(E2E_GATEWAY_HTTP_PORT),
        GATEWAY_RTP_MIN_PORT: "21000",
        GATEWAY_RTP_MAX_PORT: "21999",
        // Rooms may call the test phone (baresip on 127.0.0.2) and nothing else.
        GATEWAY_SIP_DIAL_HOSTS: "127.0.0.2",
        LOG_LEVEL: "warn",
      },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      name: "web",
      command: `npx next start -p ${E2E_WEB_PORT} -H 127.0.0.1`,
      cwd: path.join(root, "apps/web"),
      url: `http://127.0.0.1:${E2E_WEB_PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        DATABASE_URL: E2E_DB,
        SFU_PUBLIC_URL: `http://127.0.0.1:${E2E_SFU_PORT}`,
        SFU_INTERNAL_URL: `http://127.0.0.1:${E2E_SFU_PORT}`,
        GATEWAY_CONTROL_URL: `http://127.0.0.1:${E2E_GATEWAY_HTTP_PORT}`,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
