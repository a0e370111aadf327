// Gate G4 (SECURITY.md §4): 20 residents sign in at once (each from their own address), then 100 bad logins come
// one after another from one address (that many sent at once is tests/integration/auth-codes-and-reset.test.ts). Passes when every sign-in succeeds with p95 ≤ 1 s (argon2id on two cores), exactly the
// ten attempts the per-address limit allows are checked, the other 90 are refused with 429 within 50 ms (p95) and
// without hashing (the server's CPU per refusal stays far below one hash).
//
//   npm run gate:login
//
// The production server (one worker per core) behind a stand-in proxy: TRUST_PROXY=1, so each client's address
// comes from X-Forwarded-For, as behind nginx.
import os from "node:os";
import Database from "better-sqlite3";
import { databaseFile, startServer } from "../../tests/support/server-process";
import { sqliteTime } from "../../tests/support/session-rows";
import { percentile } from "../support/cli";

const SIGN_INS = 20;
const BAD = 100;
const PASSWORD = "tsunagu-demo-2026"; // every demo account's password (README)

const db = databaseFile("empty");
console.log(`• G4 login burst: ${SIGN_INS} sign-ins at once, then ${BAD} bad logins one after another from one address; database ${db}`);
// WEB_CONCURRENCY from the shell is passed on (the server otherwise gets a clean environment: one worker per core).
const server = await startServer({ script: "scripts/start.mjs", db, timeoutMs: 180_000, env: { TRUST_PROXY: "1", ...(process.env.WEB_CONCURRENCY ? { WEB_CONCURRENCY: process.env.WEB_CONCURRENCY } : {}) } });

// Residents with the demo password: the demo resident's hash (argon2id, its own salt inside) on new accounts.
const emails = (() => {
  const conn = new Database(db);
  conn.pragma("busy_timeout = 5000");
  const { hash } = conn.prepare(`SELECT p.hash FROM "Password" p JOIN "User" u ON u.id = p."userId" WHERE u.email = 'resident@example.jp'`).get() as { hash: string };
  const now = sqliteTime(new Date());
  const out: string[] = [];
  conn.transaction(() => {
    for (let i = 0; i < SIGN_INS; i++) {
      const email = `login-burst-${Date.now().toString(36)}-${i}@example.jp`;
      const user = conn
        .prepare(`INSERT INTO "User" (email, name, locale, status, "emailVerifiedAt", "createdAt", "updatedAt") VALUES (?, ?, 'ja', 'active', ?, ?, ?)`)
        .run(email, `一斉 ログイン${i}`, now, now, now);
      conn.prepare(`INSERT INTO "Password" ("userId", hash, "updatedAt") VALUES (?, ?, ?)`).run(Number(user.lastInsertRowid), hash, now);
      out.push(email);
    }
  })();
  conn.close();
  return out;
})();

async function login(email: string, password: string, address: string) {
  const started = performance.now();
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": address, "Accept-Language": "ja" },
    body: new URLSearchParams({ email, password }),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started, session: (res.headers.get("set-cookie") ?? "").includes("session=") };
}

let failed = true;
try {
  await login("warm-up@example.jp", "warm-up-Passw0rd", "203.0.113.250"); // the dummy hash is made once per process
  const signIns = await Promise.all(emails.map((email, i) => login(email, PASSWORD, `198.51.100.${i + 1}`)));
  const signedIn = signIns.filter((r) => r.status === 302 && r.session).length;

  const cpuBefore = server.cpuMs();
  const bad: Awaited<ReturnType<typeof login>>[] = [];
  for (let i = 0; i < BAD; i++) bad.push(await login(`guess-${i}@example.jp`, `guess-Passw0rd-${i}`, "203.0.113.7"));
  const cpu = server.cpuMs() - cpuBefore;
  const checked = bad.filter((r) => r.status === 400);
  const refused = bad.filter((r) => r.status === 429);
  const other = bad.length - checked.length - refused.length;
  const signInP95 = percentile(signIns.map((r) => r.ms), 95);
  const refusedP95 = percentile(refused.map((r) => r.ms), 95);
  const ok = signedIn === SIGN_INS && signInP95 <= 1000 && checked.length === 10 && refused.length === BAD - 10 && other === 0 && refusedP95 <= 50;
  failed = !ok;

  console.log(`\nG4 login burst — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, one worker per core`);
  console.log("| step | requests | outcome | p50 ms | p95 ms |");
  console.log("|---|--:|---|--:|--:|");
  console.log(`| sign-ins at once | ${SIGN_INS} | ${signedIn} signed in | ${percentile(signIns.map((r) => r.ms), 50).toFixed(0)} | ${signInP95.toFixed(0)} |`);
  console.log(`| bad logins, one address: checked | ${checked.length} | 400 (wrong password) | ${percentile(checked.map((r) => r.ms), 50).toFixed(0)} | ${percentile(checked.map((r) => r.ms), 95).toFixed(0)} |`);
  console.log(`| bad logins, one address: refused | ${refused.length} | 429 | ${percentile(refused.map((r) => r.ms), 50).toFixed(0)} | ${refusedP95.toFixed(0)} |`);
  console.log(`server CPU for the ${BAD} bad logins: ${cpu} ms in all, ${(cpu / BAD).toFixed(1)} ms each on average (a hash alone costs tens of ms); ${other} other answers`);
  console.log(ok ? "✓ PASS" : "✗ FAIL");
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
