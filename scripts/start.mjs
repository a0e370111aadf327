#!/usr/bin/env node
// `npm start`: everything a newcomer needs in one command — apply migrations, seed sample data into an
// empty database, build when the build is missing or older than the sources, then serve.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseFile, deploymentMode, heapLimitArgs, postgresUrl } from "../server/deployment.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const env = { ...process.env };
env.NODE_ENV ??= "production";
env.DATA_DIR ??= "./data";
const dbFile = databaseFile(env);
env.DATABASE_PATH = dbFile;

// A server others can reach gets production defaults: it needs its public origin, and no demo people unless asked.
const mode = deploymentMode(env);
if (mode.problems.length) {
  for (const problem of mode.problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
env.SEED = mode.seed;
fs.mkdirSync(path.dirname(dbFile), { recursive: true });

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`✗ ${cmd} ${args.join(" ")} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

const postgres = postgresUrl(env) !== null;
console.log(`• database: ${postgres ? "PostgreSQL (DATABASE_URL)" : dbFile}`);
run(bin("prisma"), ["migrate", "deploy"]);

async function isEmpty() {
  if (postgres) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query('SELECT COUNT(*)::int AS n FROM "Area"')).rows[0].n === 0;
    } finally {
      await client.end();
    }
  }
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare("SELECT COUNT(*) AS n FROM Area").get().n === 0;
  } finally {
    db.close();
  }
}
const empty = await isEmpty();
if (empty && mode.seed !== "0") {
  console.log(
    mode.seed === "demo"
      ? "• empty database: adding Tsurugashima sample data with demo people (the site says デモ用サイト)"
      : "• empty database: adding areas and shared lists (no demo people; SEED=demo adds them)",
  );
  run(bin("tsx"), ["prisma/seed.ts"]);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}
const buildFile = path.join(root, "build", "index.js");
const stale = !fs.existsSync(buildFile) || newestMtime(path.join(root, "app")) > fs.statSync(buildFile).mtimeMs;
if (stale || process.argv.includes("--build")) {
  console.log("• building the app");
  run(bin("remix"), ["build"]);
}

// The cluster's workers inherit the heap limit from here (server/cluster.js passes node's flags on).
let heap;
try {
  heap = heapLimitArgs(env);
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exit(1);
}
const server = spawn(process.execPath, [...heap, "server.mjs"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
