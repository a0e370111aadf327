#!/usr/bin/env node
// `npm run db:restore -- <backup file>`: puts a backup made by `npm run db:backup` back as the live SQLite database.
// Stop the portal first (requests in flight would be lost). The backup is checked before anything changes; the current
// database is kept beside it as *.before-restore-<time>. Start the portal again with `npm start`, which applies any
// migrations newer than the backup.
import path from "node:path";
import { restoreDatabase } from "../server/backup.js";
import { databaseFile, postgresUrl } from "../server/deployment.js";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
if (postgresUrl(process.env)) {
  console.error("✗ DATABASE_URL is PostgreSQL: restore with pg_restore (README, Operations).");
  process.exit(2);
}
const live = databaseFile(process.env);
try {
  const { restored, previous } = await restoreDatabase(path.resolve(file), live);
  console.log(`✓ restored ${path.resolve(file)} → ${live}; integrity ${restored.integrity}; ${restored.migrations} migrations`);
  console.log(`  rows: ${Object.entries(restored.counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
  if (previous) console.log(`  the database it replaced is kept as ${previous}`);
} catch (error) {
  console.error(`✗ restore failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
