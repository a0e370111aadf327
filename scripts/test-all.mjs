#!/usr/bin/env node
// `npm test`: every check a change must pass — typecheck, lint, the production build, unit + integration (vitest,
// real SQLite; tests/server/ starts the built server itself; then again on PostgreSQL when TEST_POSTGRES_URL is set), then the build under Playwright in Chromium (incl. axe). Ends with one summary line:
// "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const artifacts = path.join(root, "tests", ".artifacts");
fs.mkdirSync(artifacts, { recursive: true });
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n━━ ${name}: ${[path.basename(cmd), ...args].join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(name, ok) {
  if (ok) tally.passed += 1;
  else {
    tally.failed += 1;
    failures.push(name);
  }
}

/** Debian's Chromium is what the browser tests drive; install it when missing and we may (root, e.g. CI). */
function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log("• Chromium not found: installing Debian's chromium and fonts-noto-cjk");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  return undefined;
}

check("typecheck", step("typecheck", bin("tsc"), ["--noEmit"]));
check("lint", step("lint", bin("eslint"), ["--max-warnings", "0", "."]));
// Built before vitest: the tests in tests/server/ run the production server over HTTP.
check("build", step("build", bin("remix"), ["build"]));

/** One vitest run, its tests added to the tally. */
function vitestRun(name, file, env = {}) {
  const report = path.join(artifacts, file);
  fs.rmSync(report, { force: true });
  const ok = step(name, bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], env);
  if (!fs.existsSync(report)) return check(name, ok);
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  tally.passed += json.numPassedTests;
  tally.failed += json.numFailedTests;
  tally.skipped += json.numPendingTests + (json.numTodoTests ?? 0);
  if (json.numFailedTests > 0) failures.push(`${name} (${json.numFailedTests})`);
  if (!ok && json.numFailedTests === 0) check(name, false);
}

vitestRun("unit + integration (SQLite)", "vitest.json", { TEST_DATABASE: "sqlite" });
// The same suite on PostgreSQL (docs/decisions/022-postgresql.md) when a server is named: TEST_POSTGRES_URL is a
// role that may create databases, e.g. postgresql://postgres:postgres@127.0.0.1:5432/postgres. CI starts one
// (.ci/run) and must not pass without it; elsewhere the run says it was left out.
if (process.env.TEST_POSTGRES_URL) {
  vitestRun("unit + integration (PostgreSQL)", "vitest-postgres.json", { TEST_DATABASE: "postgresql" });
} else if (process.env.CI) {
  console.log("\n✗ CI without TEST_POSTGRES_URL: the PostgreSQL run cannot be left out");
  check("PostgreSQL run", false);
} else {
  console.log("\n• PostgreSQL run left out: set TEST_POSTGRES_URL to run the suite on PostgreSQL too (README, Tests)");
}

const chromium = ensureChromium();
const pwReport = path.join(artifacts, "playwright.json");
fs.rmSync(pwReport, { force: true });
const pwOk = step("browser (Playwright, Chromium)", bin("playwright"), ["test"], {
  ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
  PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
});
if (fs.existsSync(pwReport)) {
  const stats = JSON.parse(fs.readFileSync(pwReport, "utf8")).stats ?? {};
  tally.passed += stats.expected ?? 0;
  tally.failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  tally.skipped += stats.skipped ?? 0;
  if ((stats.unexpected ?? 0) + (stats.flaky ?? 0) > 0) failures.push(`playwright (${stats.unexpected + stats.flaky})`);
  if (!pwOk && !(stats.unexpected > 0)) check("playwright run", false);
} else check("playwright run", pwOk);

console.log("");
if (failures.length) console.log(`Failed: ${failures.join(", ")}`);
console.log(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
process.exit(tally.failed > 0 ? 1 : 0);
