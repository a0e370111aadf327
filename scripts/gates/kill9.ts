// Gate G5 (SECURITY.md §4): `kill -9` at a random moment of a registration rush, restart, ten times. Passes when
// every registration the server acknowledged (a 2xx/3xx answer) is in the database after the restart, no date holds
// more people than its places, each date's counter matches its accepted registrations, `PRAGMA integrity_check` is
// ok, and the restarted server answers /healthz within 5 s.
//
//   npm run gate:kill9 [-- --rounds 10 --residents 200 --seats 30 --workers N]
//
// The production server (one worker per core) on a fresh demo database (scripts/start.mjs seeds it), loopback only.
// Every process of the server (primary, workers, reading service) gets SIGKILL at once, as a power cut of the
// app would; SQLite in WAL with synchronous=FULL keeps every commit across an app crash.
import os from "node:os";
import Database from "better-sqlite3";
import { childrenOf, databaseFile, freePort, startServer, type RunningServer } from "../../tests/support/server-process";
import { prepareBurst, runBurst, userIdsOf } from "../../tests/support/registration-burst";
import { arg } from "../support/cli";

const ROUNDS = Number(arg("rounds", "10"));
const RESIDENTS = Number(arg("residents", "200"));
const SEATS = Number(arg("seats", "30"));
const WORKERS = arg("workers", process.env.WEB_CONCURRENCY ?? "");
const HEALTHY_WITHIN_MS = 5000;
const UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0";

const db = databaseFile("empty");
const port = await freePort();
const workerEnv = WORKERS ? { WEB_CONCURRENCY: WORKERS } : {};
console.log(`• G5 kill -9: ${ROUNDS} rounds of ${RESIDENTS} residents for ${SEATS} places; database ${db}`);
// First start through start.mjs: migrations and the demo seed. Then stop it cleanly; the rounds use server.mjs.
const first = await startServer({ script: "scripts/start.mjs", db, port, timeoutMs: 180_000, env: workerEnv });
await first.stop();
const setup = prepareBurst(db, { residents: RESIDENTS, seats: SEATS, dates: ROUNDS + 1 });

const userIds = userIdsOf(db, setup.cookies);

function killEverything(server: RunningServer) {
  const pids = [server.pid, ...childrenOf(server.pid), ...childrenOf(server.pid).flatMap(childrenOf)];
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

type Round = { round: number; killAfterMs: number; acknowledged: number; missing: number; accepted: number; counter: number; over: boolean; integrity: string; healthyMs: number; ok: boolean };
const rounds: Round[] = [];
let server = await startServer({ db, port, env: workerEnv });
// An unmeasured rush first: the server compiles its queries; its date is the spare one.
await runBurst(server.url, setup, setup.dateIds[ROUNDS]!, UA);

for (let round = 0; round < ROUNDS; round += 1) {
  const dateId = setup.dateIds[round]!;
  // A random moment within the rush (which takes 1–3 s here).
  const killAfterMs = Math.round(50 + Math.random() * 1500);
  const rush = runBurst(server.url, setup, dateId, UA);
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  killEverything(server);
  const { answers } = await rush;
  const acknowledged = answers.map((a, i) => ({ ok: a.status >= 200 && a.status < 400, userId: userIds[i]! })).filter((a) => a.ok);

  const restartedAt = performance.now();
  server = await startServer({ db, port, env: workerEnv, timeoutMs: 30_000 });
  const healthyMs = Math.round(performance.now() - restartedAt);

  const conn = new Database(db, { readonly: true });
  const integrity = String(conn.pragma("integrity_check", { simple: true }));
  const registered = new Set(
    (conn.prepare(`SELECT "userId" FROM "Registration" WHERE "eventDateId" = ? AND status IN ('accepted', 'waitlisted')`).all(dateId) as { userId: number }[]).map((r) => r.userId),
  );
  const accepted = (conn.prepare(`SELECT COALESCE(SUM("partySize"), 0) AS n FROM "Registration" WHERE "eventDateId" = ? AND status = 'accepted'`).get(dateId) as { n: number }).n;
  const counter = (conn.prepare(`SELECT "registeredCount" AS c FROM "EventDate" WHERE id = ?`).get(dateId) as { c: number }).c;
  conn.close();
  const missing = acknowledged.filter((a) => !registered.has(a.userId)).length;
  const over = accepted > SEATS;
  const ok = missing === 0 && !over && counter === accepted && integrity === "ok" && healthyMs <= HEALTHY_WITHIN_MS;
  rounds.push({ round: round + 1, killAfterMs, acknowledged: acknowledged.length, missing, accepted, counter, over, integrity, healthyMs, ok });
  console.log(`  round ${round + 1}: killed after ${killAfterMs} ms, ${acknowledged.length} acknowledged, ${missing} missing, ${accepted}/${SEATS} accepted (counter ${counter}), integrity ${integrity}, healthy in ${healthyMs} ms ${ok ? "✓" : "✗"}`);
}
await server.stop();

console.log(`\nG5 kill -9 — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, ${WORKERS ? `WEB_CONCURRENCY=${WORKERS}` : "one worker per core"}`);
console.log("| round | killed after ms | acknowledged | missing after restart | accepted / places | counter | integrity | healthy in ms | |");
console.log("|--:|--:|--:|--:|--:|--:|:-:|--:|:-:|");
for (const r of rounds) console.log(`| ${r.round} | ${r.killAfterMs} | ${r.acknowledged} | ${r.missing} | ${r.accepted} / ${SEATS} | ${r.counter} | ${r.integrity} | ${r.healthyMs} | ${r.ok ? "✓" : "✗"} |`);
const failed = rounds.filter((r) => !r.ok).length;
console.log(failed ? `✗ FAIL: ${failed} of ${ROUNDS} rounds` : `✓ PASS: ${ROUNDS} of ${ROUNDS} rounds`);
process.exit(failed ? 1 : 0);
