#!/usr/bin/env node
// `npm run bench`: load test of the production build on loopback, with ≥ 10,000 places + events + openings.
//
// 1. builds the app when the build is missing or older than app/ (like `npm start`),
// 2. creates tests/.artifacts/bench/bench.db (migrate + prisma/seed.ts + scripts/bench/seed-bench.ts), or reuses it
//    when it already has the rows, was seeded under the same migrations and is < 7 days old (`--fresh` forces a new one),
// 3. starts `node server.mjs` pinned to core 0 (taskset) on 127.0.0.1:3500,
// 4. measures the home page's JavaScript (every /build script and modulepreload, gzip -9),
// 5. runs autocannon pinned to core 1 (scripts/bench/load.mjs): per URL a warm-up, then 3 measured runs,
//    The personal targets (/match of a signed-in resident) send the session cookie of the sample resident, signed in
//    for the run by a session row written straight into the benchmark database: rendered for that person on every
//    request, never from the page cache (checked on the answer before and after the load).
// 6. gates on the median run: lists and search p95 ≤ 50 ms, detail pages p95 ≤ 300 ms (SECURITY.md G1),
//    personal pages p95 ≤ 60 ms, 0 errors and 0 non-2xx everywhere, home page JS ≤ 100 KB gzipped; with --no-cache
//    also server CPU per request (median): lists and search ≤ 6 ms, details ≤ 4 ms, feeds ≤ 30 ms, /match ≤ 8 ms
//    → exit 0, else exit 1.
// Writes tests/.artifacts/bench/results.json (+ results.md, server.log). The server is always stopped.
//
// Options: --fresh  --quick (1 short run, for trying the script)  --runs N  --duration S  --warmup S
//          --connections N  --rate R (fixed total req/s instead of closed loop)  --idle S (1-connection pass, 0 = off)
//          --only name,name  --port N  --no-build  --no-gzip  --per-kind N (generated rows per kind)
//          --analyze (a full ANALYZE of the benchmark database first; the app runs PRAGMA optimize at start-up)
//          --wait-idle S (wait up to S seconds for other processes to leave the CPUs alone before measuring)
//          --no-cache (server with PUBLIC_CACHE_TTL_MS=0: every request renders and queries, as right after a write
//          or when each visitor asks for a different URL; by default the app's page cache serves the repeated URL)
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { heapLimitArgs } from "../../server/deployment.js";

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  ".."
);
process.chdir(root);
const startedAt = Date.now();

// ───────────── options ─────────────
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
function option(name, fallback) {
  const i = argv.findIndex(
    (a) => a === `--${name}` || a.startsWith(`--${name}=`)
  );
  if (i === -1) return fallback;
  const a = argv[i];
  return a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1];
}
const quick = flag("quick");
const opts = {
  fresh: flag("fresh"),
  build: !flag("no-build"),
  gzip: !flag("no-gzip"),
  runs: Number(option("runs", quick ? 1 : 3)),
  duration: Number(option("duration", quick ? 4 : 10)),
  warmup: Number(option("warmup", quick ? 2 : 5)),
  connections: Number(option("connections", 50)),
  rate: Number(option("rate", 0)) || null,
  idle: Number(option("idle", quick ? 0 : 3)),
  analyze: flag("analyze"),
  waitIdle: Number(option("wait-idle", 0)),
  cache: !flag("no-cache"),
  mixed: flag("mixed"),
  allCores: flag("all-cores"),
  writesPerSecond: Number(option("writes", 2)),
  editShare: Number(option("edit-share", 0.1)),
  port: Number(option("port", 3500)),
  perKind: Number(option("per-kind", 3400)),
  only: option("only", "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
};
const GATE = {
  mixedReadsPerSecond: 1000,
  mixedReadP95: 50,
  rssMB: 400,
  listP95: 50,
  detailP95: 300,
  personalP95: 60,
  jsGzipKB: 100,
  minItems: 10_000,
  // Server CPU per request (median over the runs) when every request renders and queries (--no-cache): what a page
  // costs right after a write, or for a URL nobody asked for yet. Enforced only with --no-cache.
  uncachedCpuMs: { list: 6, search: 6, detail: 4, feed: 30, personal: 8 },
};
const HOST = "127.0.0.1";
const origin = `http://${HOST}:${opts.port}`;
const ART = path.join(root, "tests", ".artifacts", "bench");
const DB = path.join(ART, "bench.db");
const MARKER = `${DB}.json`;
const bin = (name) => path.join(root, "node_modules", ".bin", name);
fs.mkdirSync(ART, { recursive: true });

const HEADERS = {
  // What a browser sends; compression is on in server.mjs, so gzip is part of the cost.
  "user-agent":
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 tsunagu-bench",
  accept: "text/html,application/xhtml+xml,*/*;q=0.8",
  "accept-language": "ja,en;q=0.5",
  ...(opts.gzip ? { "accept-encoding": "gzip" } : {}),
};

const log = (msg) => console.log(`• ${msg}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ───────────── cleanup: the server never outlives this script ─────────────
const children = new Set();
function killAll(signal = "SIGTERM") {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        /* already gone */
      }
    }
  }
}
process.on("exit", () => killAll("SIGKILL"));
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`\n✗ ${sig}: stopping`);
    killAll("SIGKILL");
    process.exit(130);
  });
}
// Bounded run: a hung server or load generator never keeps the machine busy.
const HARD_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_MS ?? 20 * 60_000);
setTimeout(() => {
  console.error(`✗ time limit (${secs(HARD_LIMIT_MS)}) reached: stopping`);
  killAll("SIGKILL");
  process.exit(1);
}, HARD_LIMIT_MS).unref();

function run(cmd, args, env = process.env, { quiet = false } = {}) {
  const result = spawnSync(cmd, args, {
    stdio: quiet ? "pipe" : "inherit",
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    if (quiet)
      process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(
      `${path.basename(cmd)} ${args.join(" ")} failed (exit ${result.status})`
    );
  }
  return result;
}

const hasTaskset =
  spawnSync("taskset", ["-V"], { stdio: "ignore" }).status === 0;
const cpus = os.availableParallelism?.() ?? os.cpus().length;
const pin = hasTaskset && cpus >= 2;
const pinned = (core, cmd, args) =>
  pin ? ["taskset", ["-c", String(core), cmd, ...args]] : [cmd, args];

// In-process, no server: the ranking of matching over 10,000 candidates for one resident (scripts/bench/matching.ts,
// also `npm run bench:matching`), pinned to core 1 like the load generator. Gate: p95 ≤ 10 ms.
function runMatchingBench() {
  const [cmd, args] = pinned(1, bin("tsx"), [
    "scripts/bench/matching.ts",
    "--json",
  ]);
  const result = spawnSync(cmd, args, { encoding: "utf8", env: process.env });
  const line =
    (result.stdout ?? "").trim().split("\n").filter(Boolean).at(-1) ?? "";
  try {
    return JSON.parse(line);
  } catch {
    return {
      name: "matching-rank",
      pass: false,
      error: (result.stderr ?? "").slice(-500) || `exit ${result.status}`,
    };
  }
}

// ───────────── 1. build ─────────────
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs
    );
  }
  return newest;
}
function ensureBuild() {
  const buildFile = path.join(root, "build", "index.js");
  const missing =
    !fs.existsSync(buildFile) ||
    !fs.existsSync(path.join(root, "public", "build"));
  const stale =
    missing ||
    newestMtime(path.join(root, "app")) > fs.statSync(buildFile).mtimeMs;
  if (!stale) return log("build is current");
  if (!opts.build && !missing)
    return log("build is older than app/, using it anyway (--no-build)");
  const t = Date.now();
  log("building the app (remix build)");
  run(
    bin("remix"),
    ["build"],
    { ...process.env, NODE_ENV: "production" },
    { quiet: true }
  );
  log(`built in ${secs(Date.now() - t)}`);
}

// ───────────── 2. database ─────────────
const migrations = () =>
  fs
    .readdirSync(path.join(root, "prisma", "migrations"), {
      withFileTypes: true,
    })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

function countItems(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const n = (table) =>
      db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get().n;
    return {
      places: n("Place"),
      events: n("Event"),
      openings: n("Opening"),
      searchDocuments: n("SearchDocument"),
    };
  } finally {
    db.close();
  }
}

function reusable() {
  if (opts.fresh) return "--fresh";
  if (!fs.existsSync(DB) || !fs.existsSync(MARKER))
    return "no benchmark database yet";
  let marker;
  try {
    marker = JSON.parse(fs.readFileSync(MARKER, "utf8"));
  } catch {
    return "unreadable marker";
  }
  if (JSON.stringify(marker.migrations) !== JSON.stringify(migrations()))
    return "migrations changed since it was seeded";
  if (marker.perKind !== opts.perKind)
    return `seeded with --per-kind ${marker.perKind}`;
  const ageDays =
    (Date.now() - new Date(marker.seededAt).getTime()) / 86_400_000;
  if (!(ageDays < 7))
    return "older than 7 days (its dates drift into the past)";
  try {
    const c = countItems(DB);
    if (c.places + c.events + c.openings < GATE.minItems)
      return "fewer than 10,000 items";
    if (c.searchDocuments === 0) return "empty search index";
  } catch (error) {
    return `unreadable (${error.message})`;
  }
  return null;
}

function ensureDatabase() {
  const why = reusable();
  if (!why) {
    const marker = JSON.parse(fs.readFileSync(MARKER, "utf8"));
    log(
      `reusing ${path.relative(root, DB)} (seeded ${marker.seededAt}, ${
        marker.counts.total
      } items)`
    );
    return { reused: true, ...marker };
  }
  log(`creating ${path.relative(root, DB)} (${why})`);
  for (const f of [DB, `${DB}-wal`, `${DB}-shm`, `${DB}-journal`, MARKER])
    fs.rmSync(f, { force: true });
  const env = {
    ...process.env,
    DATABASE_PATH: DB,
    // Only when asked: seed-bench.ts then skips its ≥ 10,000 check.
    ...(option("per-kind", null)
      ? { BENCH_PER_KIND: String(opts.perKind) }
      : {}),
    NODE_ENV: "production",
  };
  delete env.SEED_NOW;
  run(bin("prisma"), ["migrate", "deploy"], env, { quiet: true });
  const t = Date.now();
  const result = spawnSync(bin("tsx"), ["scripts/bench/seed-bench.ts"], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 << 20,
  });
  const stdout = result.stdout ?? "";
  process.stdout.write(stdout.replace(/^\{"benchSeed".*$/m, ""));
  if (result.status !== 0)
    throw new Error(`seed-bench failed (exit ${result.status})`);
  const seconds = (Date.now() - t) / 1000;
  const line = stdout.split("\n").find((l) => l.startsWith('{"benchSeed"'));
  const info = line ? JSON.parse(line).benchSeed : {};
  const marker = {
    seededAt: new Date().toISOString(),
    perKind: opts.perKind,
    migrations: migrations(),
    seedSeconds: seconds,
    counts: info,
  };
  fs.writeFileSync(MARKER, JSON.stringify(marker, null, 2));
  log(`seeded ${info.total} items in ${secs(seconds * 1000)}`);
  return { reused: false, ...marker };
}

/**
 * Planner statistics. The app never runs ANALYZE, so by default the benchmark database has none either (the
 * query plans are the ones production gets); --analyze adds them to see what they would change.
 */
function setStatistics(analyze) {
  // The app itself keeps the planner's statistics (PRAGMA optimize at every start, docs/decisions/017): the
  // benchmark measures what production runs. --analyze adds a full ANALYZE first (a what-if for larger samples).
  if (!analyze) return;
  const db = new Database(DB);
  try {
    db.exec("ANALYZE");
    log("ANALYZE run on the benchmark database (--analyze)");
  } finally {
    db.close();
  }
}

/** Share of the machine's CPUs busy over `ms` (0–1), from /proc/stat. */
async function machineBusyShare(ms = 2000) {
  const read = () => {
    const cpu = fs
      .readFileSync("/proc/stat", "utf8")
      .split("\n")[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return {
      total: cpu.reduce((a, b) => a + b, 0),
      idle: cpu[3] + (cpu[4] ?? 0),
    };
  };
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
  } catch {
    return null;
  }
}

/** A public place and a public event (with a future date) from the middle of the generated rows. */
function pickDetailIds() {
  const db = new Database(DB, { readonly: true, fileMustExist: true });
  try {
    const mid = (table) =>
      db.prepare(`SELECT (MIN(id) + MAX(id)) / 2 AS m FROM "${table}"`).get().m;
    const place = db
      .prepare(
        `SELECT p.id FROM "Place" p JOIN "Group" g ON g.id = p.groupId
         WHERE p.status = 'published' AND g.status = 'approved' AND p.scheduleRule != '' AND p.id >= ? ORDER BY p.id LIMIT 1`
      )
      .get(mid("Place"))?.id;
    const event = db
      .prepare(
        `SELECT e.id FROM "Event" e JOIN "Group" g ON g.id = e.groupId
         WHERE e.status = 'published' AND g.status = 'approved' AND e.placeId IS NOT NULL AND e.id >= ?
           AND EXISTS (SELECT 1 FROM "EventDate" d WHERE d.eventId = e.id AND d.startsAt >= ?)
         ORDER BY e.id LIMIT 1`
      )
      .get(mid("Event"), new Date().toISOString())?.id;
    if (!place || !event)
      throw new Error("no public place/event found in the benchmark database");
    return { place, event };
  } finally {
    db.close();
  }
}

/**
 * A fresh session for `userId` carrying `token`, replacing theirs from earlier runs, stored the way the app's session
 * module stores it: the SHA-256 of the cookie's token as the id, dates as Prisma writes them.
 */
function writeSession(db, userId, token, now) {
  const iso = (d) => d.toISOString().replace("Z", "+00:00");
  db.prepare(`DELETE FROM "Session" WHERE userId = ?`).run(userId);
  db.prepare(
    `INSERT INTO "Session" (id, userId, createdAt, expiresAt, absoluteExpiresAt, lastSeenAt, idleSeconds) VALUES (?, ?, ?, ?, ?, ?, ?)`
  ).run(
    crypto.createHash("sha256").update(token, "utf8").digest("hex"),
    userId,
    iso(now),
    iso(new Date(now.getTime() + 10 * 86_400_000)),
    iso(new Date(now.getTime() + 30 * 86_400_000)),
    iso(now),
    10 * 24 * 3600
  );
}

/**
 * The resident of the personal targets: resident@example.jp of the sample data (prisma/seed.ts), with applications
 * and registrations behind them. Their profile is set to a filled one (interests, audiences, skills, a week, an area),
 * the same on every run, and a fresh resident session is written into the benchmark database the way the app's
 * session module stores it (the SHA-256 of the cookie's token as the id; dates as Prisma writes them), replacing
 * the ones of earlier runs. Returns the Cookie header that carries it. Plain http on loopback, so the cookie is
 * `tsunagu_session` (`__Host-` only on https).
 */
const BENCH_RESIDENT = {
  email: "resident@example.jp",
  interests: ["children", "food", "ibasho"],
  audiences: ["children", "elderly"],
  skills: "調理、パソコン",
  // Tuesday–Thursday mornings, Saturday morning and afternoon (bit = weekday × 3 + band, Monday = 0).
  availability: [1 * 3 + 0, 2 * 3 + 0, 3 * 3 + 0, 5 * 3 + 0, 5 * 3 + 1].reduce(
    (m, bit) => m | (1 << bit),
    0
  ),
  area: "fujimi",
  reach: "neighbours",
};
function signInBenchResident(now = new Date()) {
  const db = new Database(DB, { fileMustExist: true });
  const iso = (d) => d.toISOString().replace("Z", "+00:00");
  try {
    const user = db
      .prepare(
        `SELECT u.id FROM "User" u JOIN "Profile" p ON p.userId = u.id WHERE u.email = ? AND u.status = 'active'`
      )
      .get(BENCH_RESIDENT.email);
    if (!user)
      throw new Error(
        `no active ${BENCH_RESIDENT.email} with a profile in the benchmark database (run with --fresh)`
      );
    const idsOf = (table, slugs) => {
      const rows = db
        .prepare(
          `SELECT id FROM "${table}" WHERE slug IN (${slugs
            .map(() => "?")
            .join(",")})`
        )
        .all(...slugs);
      if (rows.length !== slugs.length)
        throw new Error(
          `benchmark database lacks some ${table} of ${slugs.join(", ")}`
        );
      return rows.map((r) => r.id);
    };
    const areaId = idsOf("Area", [BENCH_RESIDENT.area])[0];
    const categoryIds = idsOf("Category", BENCH_RESIDENT.interests);
    const audienceIds = idsOf("Audience", BENCH_RESIDENT.audiences);
    const token = crypto.randomBytes(20).toString("base64url");
    db.transaction(() => {
      db.prepare(
        `UPDATE "Profile" SET areaId = ?, skills = ?, availability = ?, reach = ?, languages = ',ja,', avoid = ',', updatedAt = ? WHERE userId = ?`
      ).run(
        areaId,
        BENCH_RESIDENT.skills,
        BENCH_RESIDENT.availability,
        BENCH_RESIDENT.reach,
        iso(now),
        user.id
      );
      // Implicit many-to-many tables: A is the model first in alphabetical order (Audience, Category), B the profile.
      db.prepare(`DELETE FROM "_CategoryToProfile" WHERE B = ?`).run(user.id);
      db.prepare(`DELETE FROM "_AudienceToProfile" WHERE B = ?`).run(user.id);
      for (const id of categoryIds)
        db.prepare(`INSERT INTO "_CategoryToProfile" (A, B) VALUES (?, ?)`).run(
          id,
          user.id
        );
      for (const id of audienceIds)
        db.prepare(`INSERT INTO "_AudienceToProfile" (A, B) VALUES (?, ?)`).run(
          id,
          user.id
        );
      writeSession(db, user.id, token, now);
    })();
    return { userId: user.id, cookie: `tsunagu_session=${token}` };
  } finally {
    db.close();
  }
}

// ───────────── 3. server ─────────────
async function portInUse(port) {
  try {
    await fetch(`http://${HOST}:${port}/`, {
      signal: AbortSignal.timeout(1000),
    });
    return true;
  } catch (error) {
    return error?.cause?.code !== "ECONNREFUSED";
  }
}

let serverExit = null;
let stopping = false;
async function startServer() {
  if (await portInUse(opts.port))
    throw new Error(
      `port ${opts.port} on ${HOST} is in use; pick another with --port`
    );
  const logFile = path.join(ART, "server.log");
  const out = fs.openSync(logFile, "w");
  const env = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(opts.port),
    HOST,
    DATABASE_PATH: DB,
    APP_ORIGIN: origin,
    SEED: "0",
    ...(opts.cache ? {} : { PUBLIC_CACHE_TTL_MS: "0" }),
  };
  // One core (as production on a one-core machine, and comparable run to run), or all of them: the server then
  // forks one worker per core (server.mjs) and shares the cores with the load generator.
  // With the heap limit `npm start` gives the server (scripts/start.mjs), so that its memory is what production's is.
  const serverArgs = [...heapLimitArgs(process.env), path.join("scripts", "bench", "app-under-test.mjs")];
  const [cmd, args] = opts.allCores
    ? [process.execPath, serverArgs]
    : pinned(0, process.execPath, serverArgs);
  const server = spawn(cmd, args, { env, stdio: ["ignore", out, out] });
  children.add(server);
  let exited = null;
  server.on("exit", (code, signal) => {
    exited = { code, signal };
    serverExit = { code, signal, at: new Date().toISOString() };
    if (!stopping) {
      console.error(
        `\n✗ the server exited unexpectedly (code ${code}, signal ${signal}); see ${path.relative(
          root,
          logFile
        )}`
      );
      // Measuring a dead server only produces connection errors: stop the load generator.
      for (const child of children) if (child !== server) child.kill("SIGTERM");
    }
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited)
      throw new Error(
        `server exited during start-up (${JSON.stringify(
          exited
        )}); see ${path.relative(root, logFile)}`
      );
    try {
      const res = await fetch(`${origin}/healthz`, {
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) {
        log(
          `server up on ${origin} (pid ${server.pid}${
            pin ? ", taskset -c 0" : ", not pinned"
          }), log: ${path.relative(root, logFile)}`
        );
        return server;
      }
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not answer /healthz within 60 s");
}

async function stopServer(server) {
  stopping = true;
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const done = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 6000);
  await done;
  clearTimeout(timer);
}

function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(
      fs.readFileSync(`/proc/${pid}/status`, "utf8")
    );
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

// ───────────── 4. home page JavaScript ─────────────
async function measureHomeJs() {
  const html = await (await fetch(`${origin}/`, { headers: HEADERS })).text();
  const srcs = new Set();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) =>
      new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];
    const url = tag.toLowerCase().startsWith("<script")
      ? attr("src")
      : /modulepreload/i.test(attr("rel") ?? "")
      ? attr("href")
      : undefined;
    if (url) srcs.add(new URL(url.replace(/&amp;/g, "&"), origin).pathname);
  }
  // Inline scripts (route module imports, the serialized loader data in __remixContext) are counted separately.
  const inline = [
    ...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi),
  ]
    .map((m) => m[1])
    .join("\n");
  const files = [];
  for (const p of [...srcs].filter((p) => p.startsWith("/build/")).sort()) {
    const res = await fetch(`${origin}${p}`);
    const body = Buffer.from(await res.arrayBuffer());
    // A file missing (e.g. another build replaced public/build meanwhile) must not pass as a small script.
    if (res.status !== 200)
      throw new Error(
        `home page script ${p} answered ${res.status}; was public/build rebuilt during the run? Run again.`
      );
    files.push({
      path: p,
      bytes: body.length,
      gzipBytes: zlib.gzipSync(body, { level: 9 }).length,
    });
  }
  const others = [...srcs].filter((p) => !p.startsWith("/build/"));
  const sum = (k) => files.reduce((s, f) => s + f[k], 0);
  return {
    files,
    notUnderBuild: others,
    totalBytes: sum("bytes"),
    totalGzipBytes: sum("gzipBytes"),
    totalGzipKB: Math.round((sum("gzipBytes") / 1024) * 10) / 10,
    inlineScriptBytes: Buffer.byteLength(inline),
    inlineScriptGzipBytes: zlib.gzipSync(Buffer.from(inline), { level: 9 })
      .length,
    htmlBytes: Buffer.byteLength(html),
    htmlGzipBytes: zlib.gzipSync(Buffer.from(html), { level: 9 }).length,
  };
}

// ───────────── 5. load ─────────────
/**
 * What a personal target's answer must show (target.expect): the Cache-Control the server gives whatever a signed-in
 * person gets, no page-cache hit, and text only the signed-in page has. Returns what is wrong, or null.
 */
function unexpected(target, res, html) {
  const e = target.expect;
  if (!e) return null;
  const problems = [];
  const cacheControl = res.headers.get("cache-control") ?? "";
  if (e.cacheControl && cacheControl !== e.cacheControl)
    problems.push(
      `Cache-Control "${cacheControl}", expected "${e.cacheControl}"`
    );
  if (res.headers.has("x-page-cache"))
    problems.push(
      `served from the page cache (X-Page-Cache: ${res.headers.get(
        "x-page-cache"
      )})`
    );
  for (const text of e.bodyIncludes ?? [])
    if (!html.includes(text)) problems.push(`page lacks ${text}`);
  const own = e.body?.(html);
  if (own) problems.push(own);
  return problems.length ? problems.join("; ") : null;
}

async function probe(target) {
  const t = performance.now();
  try {
    const res = await fetch(`${origin}${target.path}`, {
      headers: { ...HEADERS, ...target.headers },
      signal: AbortSignal.timeout(15_000),
    });
    const body = await res.arrayBuffer();
    const wrong = res.ok
      ? unexpected(target, res, Buffer.from(body).toString("utf8"))
      : null;
    return {
      status: res.status,
      ms: Math.round(performance.now() - t),
      bytes: body.byteLength,
      contentType: res.headers.get("content-type"),
      cacheControl: res.headers.get("cache-control"),
      ...(wrong ? { error: wrong, unexpected: true } : {}),
    };
  } catch (error) {
    return {
      status: 0,
      ms: Math.round(performance.now() - t),
      error: String(error),
    };
  }
}

let serverPidForLoad = null;
function runLoad(targets) {
  const configFile = path.join(ART, "load-config.json");
  const outFile = path.join(ART, "load-raw.json");
  fs.rmSync(outFile, { force: true });
  fs.writeFileSync(
    configFile,
    JSON.stringify(
      {
        connections: opts.connections,
        duration: opts.duration,
        warmup: opts.warmup,
        runs: opts.runs,
        rate: opts.rate,
        idleSeconds: opts.idle,
        serverPid: serverPidForLoad,
        healthUrl: `${origin}/healthz`,
        headers: HEADERS,
        targets: targets.map((t) => ({
          name: t.name,
          path: t.path,
          url: `${origin}${t.path}`,
          ...(t.headers ? { headers: t.headers } : {}),
        })),
      },
      null,
      2
    )
  );
  const [cmd, args] = pinned(1, process.execPath, [
    path.join("scripts", "bench", "load.mjs"),
    configFile,
    outFile,
  ]);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
    children.add(child);
    child.on("exit", (code) => {
      children.delete(child);
      if (serverExit)
        return reject(
          new Error(
            `the server exited during the load (code ${serverExit.code}, signal ${serverExit.signal}, at ${serverExit.at}); ` +
              `was it killed by another process? Partial numbers: ${path.relative(
                root,
                outFile
              )}`
          )
        );
      if (code !== 0)
        return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(fs.readFileSync(outFile, "utf8")));
    });
  });
}

const median = (values) => {
  const v = values.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : Math.round(((v[m - 1] + v[m]) / 2) * 100) / 100;
};

/** Which code was measured: the commit, and how many files under app/ and server/ differed from it. */
function codeVersion() {
  const git = (...args) =>
    spawnSync("git", args, { encoding: "utf8" }).stdout?.trim() ?? "";
  const dirty = git(
    "status",
    "--porcelain",
    "--",
    "app",
    "server",
    "server.mjs",
    "prisma"
  );
  return {
    commit: git("rev-parse", "--short", "HEAD") || null,
    uncommittedFiles: dirty ? dirty.split("\n").length : 0,
  };
}

function machine() {
  const cpuinfo = fs.existsSync("/proc/cpuinfo")
    ? fs.readFileSync("/proc/cpuinfo", "utf8")
    : "";
  const free =
    spawnSync("free", ["-h"], { encoding: "utf8" }).stdout?.trim() ?? "";
  return {
    cpuModel:
      /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ??
      os.cpus()[0]?.model ??
      "unknown",
    nproc: cpus,
    memTotalGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    free,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    pinned: pin
      ? "server: taskset -c 0, load generator: taskset -c 1"
      : "not pinned (no taskset or fewer than 2 CPUs)",
  };
}

// ───────────── mixed workload ─────────────
/** A fresh session for a sample person, written the way the app's session module stores it. */
function signIn(email, now = new Date()) {
  const db = new Database(DB, { fileMustExist: true });
  try {
    const user = db.prepare(`SELECT id FROM "User" WHERE email = ? AND status = 'active'`).get(email);
    if (!user) throw new Error(`no active ${email} in the benchmark database (run with --fresh)`);
    const token = crypto.randomBytes(20).toString("base64url");
    writeSession(db, user.id, token, now);
    return { userId: user.id, cookie: `tsunagu_session=${token}` };
  } finally {
    db.close();
  }
}

/** What the mixed workload reads and writes: public ids, area slugs, search words, and the writer's targets. */
function mixedPlan(residentId, ownerId) {
  const db = new Database(DB, { readonly: true, fileMustExist: true });
  const now = new Date().toISOString();
  try {
    const publicIds = (table) =>
      db
        .prepare(
          `SELECT t.id FROM "${table}" t JOIN "Group" g ON g.id = t.groupId WHERE t.status = 'published' AND g.status = 'approved' ORDER BY (t.id * 7919) % 1009 LIMIT 200`
        )
        .all()
        .map((r) => r.id);
    const date = db
      .prepare(
        `SELECT d.id, d.eventId FROM "EventDate" d JOIN "Event" e ON e.id = d.eventId JOIN "Group" g ON g.id = e.groupId
         WHERE e.status = 'published' AND g.status = 'approved' AND e.registrationRequired = 1 AND d.status = 'scheduled'
           AND d.startsAt > ? AND (COALESCE(d.capacity, e.capacity) IS NULL OR COALESCE(d.capacity, e.capacity) - d.registeredCount > 5)
           AND NOT EXISTS (SELECT 1 FROM "Registration" r WHERE r.eventDateId = d.id AND r.userId = ?)
         ORDER BY d.startsAt LIMIT 1`
      )
      .get(new Date(Date.now() + 2 * 86_400_000).toISOString(), residentId);
    const shift = db
      .prepare(
        `SELECT s.id, s.openingId FROM "Shift" s JOIN "Opening" o ON o.id = s.openingId JOIN "Group" g ON g.id = o.groupId
         WHERE o.status = 'published' AND g.status = 'approved' AND s.status = 'open' AND s.startsAt > ? AND s.slots - s.acceptedCount > 5
           AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a.shiftId = s.id AND a.userId = ?)
         ORDER BY s.startsAt LIMIT 1`
      )
      .get(new Date(Date.now() + 2 * 86_400_000).toISOString(), residentId);
    const place = db
      .prepare(
        `SELECT p.id, p.groupId, p.summary FROM "Place" p JOIN "GroupMember" m ON m.groupId = p.groupId
         WHERE m.userId = ? AND m.role = 'owner' AND p.status = 'published' ORDER BY p.id LIMIT 1`
      )
      .get(ownerId);
    if (!date || !shift || !place) throw new Error(`the benchmark database lacks a date, shift or place to write to (${JSON.stringify({ date, shift, place })})`);
    return {
      areas: db.prepare(`SELECT slug FROM "Area" ORDER BY id`).all().map((r) => r.slug),
      words: ["子ども食堂", "こどもしょくどう", "料理", "サロン", "体操", "居場所", "見守り", "学習支援", "カフェ", "手芸", "囲碁", "ボランティア", "認知症", "子育て", "ふじみ"],
      ids: { places: publicIds("Place"), events: publicIds("Event"), openings: publicIds("Opening") },
      writes: {
        eventId: date.eventId,
        eventDateId: date.id,
        openingId: shift.openingId,
        shiftId: shift.id,
        groupId: place.groupId,
        placeId: place.id,
        summaryBase: place.summary.replace(/（更新 \d+）$/, "").slice(0, 150),
      },
      now,
    };
  } finally {
    db.close();
  }
}

/**
 * `npm run bench:mixed` (`--mixed`): the read mix and the writes of scripts/bench/mixed-load.mjs against the app
 * with its caches as configured, one core (default) or all (`--all-cores`). Gates: reads ≥ 1,000/s, read p95 ≤ 50 ms,
 * 0 errors, every write acknowledged and visible, every server process under 400 MB RSS.
 */
async function runMixed() {
  const duration = Number(option("duration", quick ? 8 : 30));
  log(
    `Tsunagu mixed workload — ${duration}s after ${opts.warmup}s warm-up, ${opts.connections} connections reading, ${opts.writesPerSecond} writes/s, ${
      opts.allCores ? `all ${cpus} cores` : "server on core 0"
    }, page cache ${opts.cache ? "on" : "off"}`
  );
  ensureBuild();
  const seedInfo = ensureDatabase();
  setStatistics(opts.analyze);
  const resident = signIn("resident@example.jp");
  const owner = signIn("owner@example.jp");
  const plan = mixedPlan(resident.userId, owner.userId);
  if (opts.waitIdle > 0) {
    const share = await machineBusyShare();
    log(`other processes use ${(share * 100).toFixed(0)} % of the CPUs`);
  }
  const server = await startServer();
  let out;
  try {
    const configFile = path.join(ART, "mixed-config.json");
    const outFile = path.join(ART, "mixed-raw.json");
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        origin,
        serverPid: server.pid,
        connections: opts.connections,
        duration,
        warmup: opts.warmup,
        writesPerSecond: opts.writesPerSecond,
        editShare: opts.editShare,
        headers: HEADERS,
        areas: plan.areas,
        words: plan.words,
        ids: plan.ids,
        writes: { ...plan.writes, residentCookie: resident.cookie, ownerCookie: owner.cookie },
      })
    );
    const loadArgs = [path.join("scripts", "bench", "mixed-load.mjs"), configFile, outFile];
    const [cmd, args] = opts.allCores ? [process.execPath, loadArgs] : pinned(1, process.execPath, loadArgs);
    const child = spawn(cmd, args, { stdio: "inherit" });
    children.add(child);
    const code = await new Promise((resolve) => child.on("exit", resolve));
    if (code !== 0) throw new Error(`mixed-load exited with ${code}`);
    out = JSON.parse(fs.readFileSync(outFile, "utf8"));
  } finally {
    await stopServer(server);
  }
  const checks = [
    [`reads ${out.readsPerSecond}/s ≥ ${GATE.mixedReadsPerSecond}`, out.readsPerSecond >= GATE.mixedReadsPerSecond],
    [`read p95 ${out.p95} ms ≤ ${GATE.mixedReadP95}`, out.p95 !== null && out.p95 <= GATE.mixedReadP95],
    [`errors ${out.errors}, non-2xx ${out.non2xx}`, out.errors === 0 && out.non2xx === 0],
    [
      `writes ${out.writes}: ${out.writesAcknowledged} acknowledged, ${out.writesVisible} visible at once`,
      out.writes > 0 && out.writesAcknowledged === out.writes && out.writesVisible === out.writes,
    ],
    [`RSS per process ≤ ${GATE.rssMB} MB (max ${Math.max(...Object.values(out.rssMaxMB))} MB, all ${out.rssMaxTotalMB} MB)`, Object.values(out.rssMaxMB).every((mb) => mb <= GATE.rssMB)],
  ];
  console.log("");
  console.log(
    `| mode | req/s (reads) | p50 | p95 | p99 | errors | non-2xx | writes ok / visible | CPU ms/req | RSS max MB (per process; all) |`
  );
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |`);
  console.log(
    `| ${opts.allCores ? `all ${cpus} cores` : "1 core"}${opts.cache ? "" : ", no cache"} | ${out.readsPerSecond} | ${out.p50} | ${out.p95} | ${out.p99} | ${out.errors} | ${out.non2xx} | ${out.writesAcknowledged} / ${out.writesVisible} of ${out.writes} | ${out.cpuMsPerRequest} | ${Object.values(out.rssMaxMB).join(", ")}; ${out.rssMaxTotalMB} |`
  );
  console.log("");
  for (const [text, ok] of checks) console.log(`${ok ? "✓" : "✗"} ${text}`);
  if (out.writeFailures.length) console.log(`write failures: ${JSON.stringify(out.writeFailures)}`);
  const results = path.join(ART, "mixed-results.json");
  const previous = fs.existsSync(results) ? JSON.parse(fs.readFileSync(results, "utf8")) : [];
  previous.push({ at: new Date().toISOString(), code: codeVersion(), machine: machine(), options: { ...opts, duration }, seed: seedInfo, result: out, pass: checks.every(([, ok]) => ok) });
  fs.writeFileSync(results, JSON.stringify(previous, null, 2));
  return checks.every(([, ok]) => ok);
}

// ───────────── main ─────────────
async function main() {
  // The in-process step alone needs no build, database or server.
  if (opts.only.length === 1 && opts.only[0] === "matching-rank") {
    const matching = runMatchingBench();
    log(
      matching.overall
        ? `matching-rank: p50 ${matching.overall.p50.toFixed(
            2
          )} ms, p95 ${matching.overall.p95.toFixed(2)} ms (limit ${
            matching.gateP95Ms
          } ms) ${matching.pass ? "✓" : "✗"}`
        : `matching-rank failed: ${matching.error}`
    );
    return matching.pass;
  }
  if (opts.mixed) return runMixed();
  log(
    `Tsunagu benchmark — ${opts.runs}× ${opts.duration}s after ${opts.warmup}s warm-up, ${opts.connections} connections, ${origin}`
  );
  ensureBuild();
  const seedInfo = ensureDatabase();
  setStatistics(opts.analyze);
  const ids = pickDetailIds();
  const q = (s) => encodeURIComponent(s);
  // Personal pages: rendered for the signed-in resident on every request (the page cache never serves a request
  // with a session cookie, and /match is not a public path anyway); the probe checks the answer is really theirs.
  const personal = (name, path, bodyIncludes) => ({
    name,
    path,
    kind: "personal",
    signedIn: true,
    expect: {
      cacheControl: "private, no-store",
      bodyIncludes: ['id="for-you"', ...bodyIncludes],
      // The section under the resident's own heading (「プロフィールからのおすすめ」) lists proposals for them.
      body: (html) => {
        const own = html.slice(
          html.indexOf('id="for-you"'),
          html.indexOf('id="questions"')
        );
        const cards = own.split('class="card match-card"').length - 1;
        return cards > 0
          ? null
          : "no personal proposals under the resident's heading";
      },
    },
  });
  const allTargets = [
    { name: "home", path: "/", kind: "list" },
    { name: "events", path: "/events", kind: "list" },
    {
      name: "places-filtered",
      path: "/places?area=fujimi&beginner=1",
      kind: "list",
    },
    { name: "volunteer", path: "/volunteer", kind: "list" },
    {
      name: "search-kanji",
      path: `/search?q=${q("子ども食堂")}`,
      kind: "search",
    },
    {
      name: "search-hiragana",
      path: `/search?q=${q("こどもしょくどう")}`,
      kind: "search",
    },
    { name: "search-short", path: `/search?q=${q("料理")}`, kind: "search" },
    { name: "place-detail", path: `/places/${ids.place}`, kind: "detail" },
    { name: "event-detail", path: `/events/${ids.event}`, kind: "detail" },
    personal("match-signed-in", "/match", []),
    personal(
      "match-signed-in-answers",
      "/match?like=elderly.children&when=weekday-am.weekend-pm&area=fujimi",
      ['id="results"']
    ),
    {
      name: "feed-ics",
      path: "/feeds/events.ics",
      kind: "feed",
      optional: true,
    },
    {
      name: "feed-rss",
      path: "/feeds/events.rss",
      kind: "feed",
      optional: true,
    },
  ];
  const targets = opts.only.length
    ? allTargets.filter((t) => opts.only.includes(t.name))
    : allTargets;
  const matchingWanted =
    !opts.only.length || opts.only.includes("matching-rank");
  if (!targets.length && !matchingWanted)
    throw new Error(
      `--only matched nothing; names: ${allTargets
        .map((t) => t.name)
        .join(", ")}, matching-rank`
    );

  const resident = targets.some((t) => t.signedIn)
    ? signInBenchResident()
    : null;
  if (resident) {
    for (const t of targets.filter((t) => t.signedIn))
      t.headers = { cookie: resident.cookie };
    log(
      `signed in ${BENCH_RESIDENT.email} (user ${resident.userId}, profile filled) for the personal targets`
    );
  }

  let server;
  try {
    server = await startServer();
    const rssStart = rssMB(server.pid);
    const js =
      targets.some((t) => t.name === "home") || !opts.only.length
        ? await measureHomeJs()
        : null;
    if (js)
      log(
        `home page JavaScript: ${js.files.length} files, ${(
          js.totalBytes / 1024
        ).toFixed(1)} KB raw, ${js.totalGzipKB} KB gzipped`
      );

    // One request each first: a route that is missing or failing is reported, not hammered.
    const probes = {};
    for (const t of targets) {
      probes[t.name] = await probe(t);
      const p = probes[t.name];
      log(
        `probe ${t.path} → ${p.status} in ${p.ms} ms, ${p.bytes ?? 0} bytes${
          p.error ? ` (${p.error})` : ""
        }`
      );
    }
    const loadable = targets.filter(
      (t) =>
        probes[t.name].status >= 200 &&
        probes[t.name].status < 300 &&
        !probes[t.name].unexpected
    );
    let busy = await machineBusyShare();
    const waitUntil = Date.now() + opts.waitIdle * 1000;
    while (busy !== null && busy > 0.1 && Date.now() < waitUntil) {
      log(
        `other processes keep ${(busy * cpus).toFixed(
          2
        )} of ${cpus} CPUs busy; waiting (--wait-idle)`
      );
      busy = await machineBusyShare(5000);
    }
    const busyBefore =
      busy === null ? null : Math.round(busy * cpus * 100) / 100;
    if (busyBefore !== null && busyBefore > 0.2)
      log(
        `⚠ before the load, other processes used ${busyBefore} of ${cpus} CPUs: latencies will be worse than on a quiet machine`
      );
    log(
      `load: ${loadable.length} URLs × (${
        opts.idle ? `${opts.idle}s 1-conn + ` : ""
      }${opts.warmup}s warm-up + ${opts.runs}×${opts.duration}s) ≈ ${secs(
        loadable.length *
          (opts.idle + opts.warmup + opts.runs * opts.duration) *
          1000
      )} plus draining the server between runs`
    );
    serverPidForLoad = server.pid;
    const raw = loadable.length ? await runLoad(loadable) : { targets: [] };
    const rssEnd = rssMB(server.pid);
    // A personal page must still have been the resident's at the end (a session lost mid-run would give 200s of
    // the anonymous page).
    const after = {};
    for (const t of loadable.filter((t) => t.expect)) {
      after[t.name] = await probe(t);
      if (after[t.name].error)
        log(
          `✗ after the load, ${t.path} → ${after[t.name].status} (${
            after[t.name].error
          })`
        );
    }

    const rows = targets.map((t) => {
      const r = raw.targets.find((x) => x.name === t.name);
      const probeResult = probes[t.name];
      if (!r) {
        const missing = probeResult.status === 404 && t.optional;
        return {
          name: t.name,
          path: t.path,
          kind: t.kind,
          status: missing ? "missing" : "failed",
          probe: probeResult,
          pass: missing,
          note: missing
            ? "route answers 404 (not built yet): skipped"
            : probeResult.unexpected
            ? `probe: ${probeResult.error}`
            : `probe answered ${probeResult.status}`,
        };
      }
      const runs = r.runs;
      const s = {
        rps: median(runs.map((x) => x.rps)),
        p50: median(runs.map((x) => x.latencyMs.p50)),
        p90: median(runs.map((x) => x.latencyMs.p90)),
        p95: median(runs.map((x) => x.latencyMs.p95)),
        p99: median(runs.map((x) => x.latencyMs.p99)),
        max: Math.max(...runs.map((x) => x.latencyMs.max ?? 0)),
        autocannonP97_5: median(runs.map((x) => x.autocannon.p97_5)),
        // autocannon's errors include its timeouts (no response within 10 s).
        errors: runs.reduce((n, x) => n + x.errors, 0),
        timeouts: runs.reduce((n, x) => n + x.timeouts, 0),
        non2xx: runs.reduce((n, x) => n + x.non2xx, 0),
        requests: runs.reduce((n, x) => n + x.requests, 0),
        bytesPerResponse: median(runs.map((x) => x.bytesPerResponse)),
        serverCpuMsPerRequest: median(runs.map((x) => x.serverCpuMsPerRequest)),
        otherCores: median(runs.map((x) => x.otherCores)),
        idleP50: r.idle?.latencyMs.p50 ?? null,
        idleP95: r.idle?.latencyMs.p95 ?? null,
        idleCpuMsPerRequest: r.idle?.serverCpuMsPerRequest ?? null,
      };
      const limit =
        t.kind === "list" || t.kind === "search"
          ? GATE.listP95
          : t.kind === "detail"
          ? GATE.detailP95
          : t.kind === "personal"
          ? GATE.personalP95
          : null;
      const latencyOk = limit === null || s.p95 <= limit;
      const cpuLimit = opts.cache ? null : GATE.uncachedCpuMs[t.kind] ?? null;
      const cpuOk =
        cpuLimit === null ||
        (s.serverCpuMsPerRequest != null && s.serverCpuMsPerRequest <= cpuLimit);
      const stillPersonal = !after[t.name]?.error;
      // A run in which nothing was answered proves nothing: it fails too.
      const pass =
        latencyOk &&
        cpuOk &&
        stillPersonal &&
        s.errors === 0 &&
        s.non2xx === 0 &&
        s.requests > 0;
      return {
        name: t.name,
        path: t.path,
        kind: t.kind,
        status: "measured",
        limitP95: limit,
        limitCpuMs: cpuLimit,
        ...s,
        pass,
        idle: r.idle,
        runs,
        probe: probeResult,
        ...(after[t.name] ? { probeAfter: after[t.name] } : {}),
      };
    });

    const jsPass = !js || js.totalGzipKB <= GATE.jsGzipKB;
    const matching = matchingWanted ? runMatchingBench() : null;
    if (matching)
      log(
        matching.overall
          ? `matching-rank (in-process, ${
              matching.items
            } candidates, one resident): p50 ${matching.overall.p50.toFixed(
              2
            )} ms, p95 ${matching.overall.p95.toFixed(2)} ms (limit ${
              matching.gateP95Ms
            } ms) ${matching.pass ? "✓" : "✗"}`
          : `matching-rank failed: ${matching.error}`
      );
    const pass =
      rows.every((r) => r.pass) && jsPass && (!matching || matching.pass);
    printTable(rows, js);
    const results = {
      command: `node scripts/bench/run.mjs ${argv.join(" ")}`.trim(),
      date: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt) / 1000),
      machine: machine(),
      code: codeVersion(),
      options: { ...opts, headers: HEADERS },
      gate: GATE,
      database: { file: path.relative(root, DB), ...seedInfo },
      server: { rssMBStart: rssStart, rssMBEnd: rssEnd },
      noise: {
        otherCoresBeforeLoad: busyBefore,
        note: "otherCores per target = CPU used by other processes during the runs (median), in cores",
      },
      homeJavaScript: js,
      targets: rows,
      inProcess: matching ? [matching] : [],
      pass,
    };
    fs.writeFileSync(
      path.join(ART, "results.json"),
      JSON.stringify(results, null, 2)
    );
    fs.writeFileSync(path.join(ART, "results.md"), markdown(rows, js, results));
    log(`server RSS ${rssStart} MB → ${rssEnd} MB`);
    log(
      `results: ${path.relative(
        root,
        path.join(ART, "results.json")
      )}, ${path.relative(root, path.join(ART, "results.md"))}`
    );
    console.log(
      pass ? "✓ PASS: every gate met" : "✗ FAIL: see the rows marked ✗ above"
    );
    return pass;
  } finally {
    await stopServer(server);
  }
}

const LOAD_DESC = () =>
  `${opts.rate ? `fixed ${opts.rate} req/s over` : "closed loop,"} ${
    opts.connections
  } connections; median of ${opts.runs} run(s) of ${opts.duration}s after a ${
    opts.warmup
  }s warm-up; ${
    opts.cache
      ? "app's page and result caches on"
      : "app's page and result caches off (--no-cache)"
  }`;

function cells(r) {
  if (r.status !== "measured")
    return [
      r.name,
      decodeURI(r.path),
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      `${r.pass ? "–" : "✗"} ${r.note}`,
    ];
  return [
    r.name,
    decodeURI(r.path),
    r.rps,
    r.p50,
    r.p95,
    r.p99,
    r.errors,
    r.non2xx,
    r.serverCpuMsPerRequest ?? "",
    r.idleP50 == null ? "" : `${r.idleP50} / ${r.idleP95}`,
    r.otherCores ?? "",
    r.limitP95 ? `≤ ${r.limitP95}` : "—",
    r.limitCpuMs ? `≤ ${r.limitCpuMs}` : "—",
    r.pass ? "✓" : "✗",
  ];
}
const HEAD = [
  "target",
  "path",
  "req/s",
  "p50",
  "p95",
  "p99",
  "errors",
  "non-2xx",
  "CPU ms/req",
  "1-conn p50 / p95",
  "other cores",
  "p95 limit",
  "CPU limit",
  "",
];

function printTable(rows, js) {
  const table = [HEAD, ...rows.map(cells)].map((row) =>
    row.map((c) => String(c ?? ""))
  );
  const width = (c) =>
    [...c].reduce(
      (n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1),
      0
    );
  const widths = HEAD.map((_, i) =>
    Math.max(...table.map((row) => width(row[i])))
  );
  const pad = (c, w, right) =>
    right ? " ".repeat(w - width(c)) + c : c + " ".repeat(w - width(c));
  console.log("");
  console.log(
    `latency in ms, ${LOAD_DESC()}; errors/non-2xx summed over the runs`
  );
  for (const [i, row] of table.entries()) {
    console.log(
      row.map((c, j) => pad(c, widths[j], j >= 2 && j <= 10)).join("  ")
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  if (js)
    console.log(
      `\nhome page JavaScript: ${js.totalGzipKB} KB gzipped (${(
        js.totalBytes / 1024
      ).toFixed(1)} KB raw, ${js.files.length} files) — limit ${
        GATE.jsGzipKB
      } KB ${js.totalGzipKB <= GATE.jsGzipKB ? "✓" : "✗"}; inline scripts ${(
        js.inlineScriptGzipBytes / 1024
      ).toFixed(1)} KB gzipped`
    );
}

function markdown(rows, js, results) {
  const m = results.machine;
  const lines = [
    `\`${results.command}\` — ${results.date}, code ${
      results.code.commit ?? "?"
    }${
      results.code.uncommittedFiles
        ? ` + ${results.code.uncommittedFiles} uncommitted file(s)`
        : ""
    }; ${m.cpuModel}, ${m.nproc} CPUs, ${m.memTotalGB} GB, Node ${m.node}; ${
      m.pinned
    }.`,
    `Latency in ms, ${LOAD_DESC()}. CPU ms/req = server CPU time per request; 1-conn = one connection, unloaded; other cores = CPU used by other processes meanwhile.`,
    "",
    `| ${HEAD.join(" | ")} |`,
    `|${HEAD.map((_, i) => (i >= 2 && i <= 10 ? "--:" : "---")).join("|")}|`,
    ...rows.map(
      (r) =>
        `| ${cells(r)
          .map((c, i) => (i === 1 ? `\`${c}\`` : String(c ?? "")))
          .join(" | ")} |`
    ),
  ];
  if (js)
    lines.push(
      "",
      `Home page JavaScript: **${js.totalGzipKB} KB gzipped** (${(
        js.totalBytes / 1024
      ).toFixed(1)} KB raw, ${js.files.length} files; limit ${
        GATE.jsGzipKB
      } KB ${js.totalGzipKB <= GATE.jsGzipKB ? "✓" : "✗"}). Largest: ${[
        ...js.files,
      ]
        .sort((a, b) => b.gzipBytes - a.gzipBytes)
        .slice(0, 3)
        .map((f) => `\`${f.path}\` ${(f.gzipBytes / 1024).toFixed(1)} KB`)
        .join(", ")}.`
    );
  return `${lines.join("\n")}\n`;
}

main()
  .then((pass) => process.exit(pass ? 0 : 1))
  .catch((error) => {
    console.error(`✗ ${error.stack ?? error}`);
    killAll("SIGKILL");
    process.exit(1);
  });
