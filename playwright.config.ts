import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3101);
export const RECORDER_PORT = Number(process.env.E2E_RECORDER_PORT ?? 3199);
const ARTIFACTS = path.resolve("tests/.artifacts");
// One database per port, so runs on other ports (E2E_PORT) never wipe each other's.
export const E2E_DATABASE = path.join(ARTIFACTS, `e2e-${PORT}.db`);

/** Debian's Chromium first (Playwright cannot download its own here), then Playwright's if present. */
function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string => Boolean(p && fs.existsSync(p)));
}

export default defineConfig({
  testDir: "tests/e2e",
  // A whole flow (sign in, fill a form, review, sign out) on a 2-core machine that also runs the server: each step
  // still waits at most 7 s (expect), but a long flow may take a minute in all when the machine is busy.
  timeout: 60_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? path.join(ARTIFACTS, "playwright.json") }]],
  outputDir: path.join(ARTIFACTS, "playwright-output"),
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /residents-register-in-a-burst/ },
    // The 200-request rush runs last, on its own: beside it, every other test would be timing a saturated server.
    { name: "burst", use: { ...devices["Desktop Chrome"] }, testMatch: /residents-register-in-a-burst/, dependencies: ["chromium"] },
  ],
  webServer: [
    {
      command: `node_modules/.bin/tsx tests/support/resend-recorder-cli.ts`,
      url: `http://127.0.0.1:${RECORDER_PORT}/__health`,
      reuseExistingServer: false,
      env: { RESEND_RECORDER_PORT: String(RECORDER_PORT) },
    },
    {
    // A fresh database for every run, seeded like a newcomer's; the server runs the production build.
    command: `rm -f ${E2E_DATABASE} ${E2E_DATABASE}-wal ${E2E_DATABASE}-shm && node scripts/start.mjs`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      // No WEB_CONCURRENCY: the production default, one worker process per core, as deployed. The registration
      // rush (residents-register-in-a-burst) must meet the clustered server, caches in step and all.
      NODE_ENV: "production",
      DATABASE_PATH: E2E_DATABASE,
      APP_ORIGIN: `http://127.0.0.1:${PORT}`,
      // Server-side dates must not depend on the host's zone: run the app in a far-away one.
      TZ: "America/Los_Angeles",
      // The real Resend SDK sends to the local recorder; tests read the emails back from it.
      RESEND_API_KEY: "re_e2e_test",
      RESEND_BASE_URL: `http://127.0.0.1:${RECORDER_PORT}`,
      EMAIL_WORKER_INTERVAL_MS: "300",
      // No internet here: map tiles come from the app itself (any image will do for a tile).
      MAP_TILE_URL: `http://127.0.0.1:${PORT}/favicon.svg?z={z}&x={x}&y={y}`,
    },
    },
  ],
});
