// `npm run bench:burst`: 200 residents register at once for a date with 30 places, against the production build
// on loopback (issue 8, item 12: the rush must be over within 2 s with 0 errors). Builds if needed, seeds a fresh
// demo database through scripts/start.mjs, warms up, then runs RUNS bursts on fresh dates and prints each
// duration, the answers' latency, the errors and the exact outcome counts. Exit 1 when a gate fails.
// The server runs as in production: one worker process per core, unless --workers N (or WEB_CONCURRENCY=N in the
// shell) sets WEB_CONCURRENCY.
// Options: --runs N (default 3), --residents N (200), --seats N (30), --gate MS (2000), --ua crawler, --workers N.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseFile, startServer } from "../../tests/support/server-process";
import { countOutcomes, prepareBurst, runBurst } from "../../tests/support/registration-burst";
import { arg, percentile } from "../support/cli";

const RUNS = Number(arg("runs", "3"));
const RESIDENTS = Number(arg("residents", "200"));
const SEATS = Number(arg("seats", "30"));
const GATE_MS = Number(arg("gate", "2000"));
// The server gets a clean environment (tests/support/server-process.ts): WEB_CONCURRENCY from the shell is passed on here.
const WORKERS = arg("workers", process.env.WEB_CONCURRENCY ?? "");
const UA = arg("ua", "browser") === "crawler" ? "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" : "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0";

const root = path.resolve(import.meta.dirname, "..", "..");
if (!fs.existsSync(path.join(root, "build", "index.js"))) execFileSync(path.join(root, "node_modules/.bin/remix"), ["build"], { cwd: root, stdio: "inherit" });

const db = databaseFile("empty");
console.log(`• seeding ${db} and starting the production server`);
const server = await startServer({ script: "scripts/start.mjs", db, timeoutMs: 180_000, env: WORKERS ? { WEB_CONCURRENCY: WORKERS } : {} });
let failed = false;
try {
  const setup = prepareBurst(db, { residents: RESIDENTS, seats: SEATS, dates: RUNS + 1 });
  // A first, unmeasured burst on its own date: the server compiles its queries and warms its caches.
  await runBurst(server.url, setup, setup.dateIds[RUNS]!, UA);
  const rows: string[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const dateId = setup.dateIds[run]!;
    const cpuBefore = server.cpuMs();
    const { answers, ms } = await runBurst(server.url, setup, dateId, UA);
    const cpu = server.cpuMs() - cpuBefore;
    const errors = answers.filter((a) => a.status < 200 || a.status >= 400).length;
    const outcome = countOutcomes(db, dateId) as Record<string, number>;
    const exact = outcome.accepted === SEATS && outcome.waitlisted === RESIDENTS - SEATS && outcome.registered === SEATS;
    const latencies = answers.map((a) => a.ms);
    const ok = ms < GATE_MS && errors === 0 && exact;
    failed ||= !ok;
    rows.push(
      `| ${run + 1} | ${Math.round(ms)} | ${Math.round(cpu)} (${(cpu / RESIDENTS).toFixed(1)}) | ${Math.round(percentile(latencies, 50))} | ${Math.round(percentile(latencies, 95))} | ${errors} | ${outcome.accepted ?? 0} / ${outcome.waitlisted ?? 0} | ${ok ? "ok" : "FAIL"} |`,
    );
  }
  console.log(`\nBurst: ${RESIDENTS} residents, ${SEATS} places, ${UA.includes("Googlebot") ? "crawler" : "browser"} UA, gate < ${GATE_MS} ms, 0 errors, exact counts`);
  const workers = server.workerPids().length;
  console.log(`server: ${workers ? `${workers} worker processes` : "one process"}${WORKERS ? ` (WEB_CONCURRENCY=${WORKERS})` : " (WEB_CONCURRENCY default)"}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
  console.log("| run | burst ms | server CPU ms (per registration) | answer p50 ms | answer p95 ms | errors | accepted / waitlisted | gate |");
  console.log("|--:|--:|--:|--:|--:|--:|--:|:-:|");
  for (const row of rows) console.log(row);
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
