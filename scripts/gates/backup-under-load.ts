// Gate G7 (SECURITY.md §4): `npm run db:backup` while the portal is busy. A fixed 30 requests a second (80 % public
// pages, 15 % a signed-in resident's own page, 5 % registrations) runs for a quiet phase, then for a phase in which
// backups are taken back to back. Passes when every backup passes its integrity check, a restore of the last one
// holds every registration acknowledged before that backup began (and the row counts the backup reported), the
// busy phase's p95 is at most twice the quiet phase's, and no request failed.
//
//   npm run gate:backup [-- --seconds 30 --rate 30]
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { inspectDatabase, restoreDatabase } from "../../server/backup.js";
import { databaseFile, startServer } from "../../tests/support/server-process";
import { prepareBurst, userIdsOf } from "../../tests/support/registration-burst";
import { arg, percentile } from "../support/cli";

const SECONDS = Number(arg("seconds", "30"));
const RATE = Number(arg("rate", "30"));
const root = path.resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);
const db = databaseFile("empty");
const backups = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-g7-"));

console.log(`• G7 backup under load: ${RATE} req/s, ${SECONDS} s quiet then ${SECONDS} s with backups taken back to back; database ${db}`);
const server = await startServer({ script: "scripts/start.mjs", db, timeoutMs: 180_000 });
const writers = prepareBurst(db, { residents: Math.ceil(RATE * SECONDS * 2 * 0.05) + 20, seats: 100_000, dates: 1 });
const writerIds = userIdsOf(db, writers.cookies);
const reader = prepareBurst(db, { residents: 1, seats: 1, dates: 1 }).cookies[0]!;
const ids = (() => {
  const conn = new Database(db, { readonly: true });
  const pick = (sql: string) => (conn.prepare(sql).all() as { id: number }[]).map((r) => r.id);
  const out = {
    places: pick(`SELECT id FROM "Place" WHERE status = 'published' LIMIT 20`),
    events: pick(`SELECT id FROM "Event" WHERE status = 'published' LIMIT 20`),
  };
  conn.close();
  return out;
})();
const PUBLIC = ["/", "/events", "/places", "/volunteer", "/search?q=サロン", "/places?area=fujimi", ...ids.places.map((id) => `/places/${id}`), ...ids.events.map((id) => `/events/${id}`)];

type Sample = { ms: number; ok: boolean; at: number; registeredBy?: number };
let nextWriter = 0;
async function oneRequest(i: number): Promise<Sample> {
  const roll = i % 20; // 16 public, 3 personal, 1 registration in every 20
  const started = performance.now();
  try {
    if (roll === 19 && nextWriter < writers.cookies.length) {
      const who = nextWriter++;
      const res = await fetch(`${server.url}/events/${writers.eventId}`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: writers.cookies[who]!, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "register", eventDateId: String(writers.dateIds[0]), partySize: "1", consent: "on" }),
      });
      await res.arrayBuffer();
      const ok = res.status >= 200 && res.status < 400;
      return { ms: performance.now() - started, ok, at: Date.now(), ...(ok ? { registeredBy: who } : {}) };
    }
    const url = roll >= 16 ? "/me" : PUBLIC[i % PUBLIC.length]!;
    const res = await fetch(server.url + url, { headers: roll >= 16 ? { Cookie: reader } : {} });
    await res.arrayBuffer();
    return { ms: performance.now() - started, ok: res.ok, at: Date.now() };
  } catch {
    return { ms: performance.now() - started, ok: false, at: Date.now() };
  }
}

/** Fixed-rate load (not closed loop, so a slow answer does not slow the arrivals) for `seconds`. */
async function load(seconds: number, offset: number): Promise<Sample[]> {
  const pending: Promise<Sample>[] = [];
  const started = performance.now();
  for (let i = 0; performance.now() - started < seconds * 1000; i += 1) {
    pending.push(oneRequest(offset + i));
    const due = started + ((i + 1) * 1000) / RATE;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  return Promise.all(pending);
}
const p95 = (samples: Sample[]) => percentile(samples.map((s) => s.ms), 95);

let failed = false;
try {
  await load(5, 0); // warm-up
  const quiet = await load(SECONDS, 1000);
  // Backups back to back for the whole busy phase, in their own process (as cron's `npm run db:backup` would run,
  // without paying a node start-up per copy; the command itself is what tests/integration/backup-restore.test.ts runs).
  const backupRun = run(process.execPath, [path.join(root, "scripts", "gates", "backup-loop.mjs"), backups, String(SECONDS)], {
    env: { ...process.env, DATABASE_PATH: db },
    maxBuffer: 64 * 1024 * 1024,
  });
  const busy = await load(SECONDS, 100_000);
  const taken = (await backupRun).stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { file: string; startedAt: number; ms: number; ok: boolean });

  const checks = taken.map((b) => inspectDatabase(b.file));
  const last = taken.at(-1)!;
  const restoredFile = path.join(backups, "restored.db");
  const { restored } = await restoreDatabase(last.file, restoredFile);
  const conn = new Database(restoredFile, { readonly: true });
  const inRestore = new Set((conn.prepare(`SELECT "userId" FROM "Registration" WHERE "eventDateId" = ?`).all(writers.dateIds[0]) as { userId: number }[]).map((r) => r.userId));
  conn.close();
  const all = [...quiet, ...busy];
  const acknowledgedBefore = all.filter((s) => s.registeredBy !== undefined && s.at < last.startedAt).map((s) => writerIds[s.registeredBy!]!);
  const missing = acknowledgedBefore.filter((id) => !inRestore.has(id)).length;
  const countsMatch = JSON.stringify(restored.counts) === JSON.stringify(checks.at(-1)!.counts);
  const errors = all.filter((s) => !s.ok).length;
  const ratio = p95(busy) / p95(quiet);
  const ok = checks.every((c) => c.ok) && countsMatch && missing === 0 && errors === 0 && ratio <= 2;
  failed = !ok;

  console.log(`\nG7 backup under load — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}`);
  console.log("| phase | requests | errors | p50 ms | p95 ms |");
  console.log("|---|--:|--:|--:|--:|");
  const p50 = (s: Sample[]) => percentile(s.map((x) => x.ms), 50);
  console.log(`| quiet | ${quiet.length} | ${quiet.filter((s) => !s.ok).length} | ${p50(quiet).toFixed(1)} | ${p95(quiet).toFixed(1)} |`);
  console.log(`| backups back to back | ${busy.length} | ${busy.filter((s) => !s.ok).length} | ${p50(busy).toFixed(1)} | ${p95(busy).toFixed(1)} |`);
  console.log(
    `database ${(fs.statSync(db).size / 1024 / 1024).toFixed(1)} MB; backups: ${taken.length}, each ${Math.min(...taken.map((b) => b.ms)).toFixed(0)}–${Math.max(...taken.map((b) => b.ms)).toFixed(0)} ms, integrity ${checks.every((c) => c.ok) ? "ok for all" : "FAILED"}; ` +
      `restore of the last: counts ${countsMatch ? "match" : "DIFFER"}, ${acknowledgedBefore.length} registrations acknowledged before it began, ${missing} missing from it; p95 ratio ${ratio.toFixed(2)} (≤ 2)`,
  );
  console.log(ok ? "✓ PASS" : "✗ FAIL");
} finally {
  await server.stop();
  fs.rmSync(backups, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
