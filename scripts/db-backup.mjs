#!/usr/bin/env node
// `npm run db:backup [-- <file>]`: a consistent copy of the SQLite database while the portal runs (SQLite's online
// backup API, see server/backup.js), into BACKUP_DIR (default ./data/backups) unless a file is named. Prints the
// file, its integrity check and its row counts. For PostgreSQL use pg_dump (README, "Operations").
import path from "node:path";
import { backupDatabase, backupName } from "../server/backup.js";
import { databaseFile, postgresUrl } from "../server/deployment.js";

if (postgresUrl(process.env)) {
  console.error("✗ DATABASE_URL is PostgreSQL: back it up with pg_dump -Fc (README, Operations).");
  process.exit(2);
}
const live = databaseFile(process.env);
const target = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.join(path.resolve(process.env.BACKUP_DIR ?? path.join(path.dirname(live), "backups")), backupName());
const started = Date.now();
try {
  const check = await backupDatabase(live, target);
  console.log(`✓ backup of ${live}`);
  console.log(`  → ${target} in ${Date.now() - started} ms; integrity ${check.integrity}; ${check.migrations} migrations`);
  console.log(`  rows: ${Object.entries(check.counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
} catch (error) {
  console.error(`✗ backup failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
