import { defineConfig } from "@playwright/test";
import base from "../playwright.config";

// Makes the README screenshots with the e2e servers:
//   npx playwright test -c tests/screenshots.config.ts
export default defineConfig({ ...base, testDir: ".", testMatch: "screenshots.ts" });
