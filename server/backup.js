// Backups of the SQLite database while the portal runs, and putting one back (`npm run db:backup`, `npm run
// db:restore`). Both go through SQLite's online backup API (better-sqlite3's `backup`), never a file copy: a copy of
// the file taken mid-write, or without its -wal file, can be torn or miss the last minutes of applications. The API
// copies a consistent snapshot page by page and lets the portal keep writing meanwhile.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Tables whose row counts a backup reports and a restore drill compares (what residents and groups submitted). */
export const COUNTED_TABLES = [
  "User",
  "Group",
  "Place",
  "Event",
  "EventDate",
  "Registration",
  "Opening",
  "Shift",
  "Application",
  "EmailOutbox",
  "Report",
  "Translation",
  "AuditLog",
];

/**
 * `PRAGMA integrity_check` and row counts of a database file, opened read-only.
 * @param {string} file
 * @returns {{ ok: boolean, integrity: string, counts: Record<string, number>, migrations: number }}
 */
export function inspectDatabase(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    /** @type {Record<string, number>} */
    const counts = {};
    for (const table of COUNTED_TABLES) {
      if (tables.has(table)) counts[table] = Number(db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get());
    }
    const migrations = tables.has("_prisma_migrations")
      ? Number(db.prepare("SELECT COUNT(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL").pluck().get())
      : 0;
    return { ok: integrity === "ok", integrity: String(integrity), counts, migrations };
  } finally {
    db.close();
  }
}

/** A file name for a backup made now: tsunagu-20261203-191500.db. */
export function backupName(now = new Date()) {
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  return `tsunagu-${stamp.slice(0, 8)}-${stamp.slice(8)}.db`;
}

/**
 * A consistent copy of the live database in `destination` (which must not exist yet), checked after it is written.
 * @param {string} source the live SQLite file
 * @param {string} destination
 */
export async function backupDatabase(source, destination) {
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; a backup never overwrites a file`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    // Copies in steps of 1,000 pages, so the portal's writers are held up for a step at most; a write between steps
    // makes SQLite restart the copy from its start, which still ends in a consistent snapshot.
    await db.backup(partial, { progress: () => 1000 });
  } finally {
    db.close();
  }
  // A backup is one self-contained file (no -wal or -shm beside it) to copy off the machine; restoring it puts the
  // live database back into WAL mode on its next start (the app's connection asks for it).
  const copy = new Database(partial, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const check = inspectDatabase(partial);
  if (!check.ok) {
    fs.rmSync(partial, { force: true });
    throw new Error(`the backup failed its integrity check: ${check.integrity}`);
  }
  fs.renameSync(partial, destination);
  return check;
}

/**
 * Puts a backup back as the live database. The current database is first backed up beside it (`*.before-restore-…`)
 * so that a restore of the wrong file can itself be undone. Writes through the backup API into the live file, so a
 * process that still has it open sees either the old or the restored database, never a mixture; stop the portal
 * first all the same, or requests in flight meanwhile are lost.
 * @param {string} backupFile
 * @param {string} live
 */
export async function restoreDatabase(backupFile, live, now = new Date()) {
  const check = inspectDatabase(backupFile);
  if (!check.ok) throw new Error(`${backupFile} failed its integrity check (${check.integrity}); nothing was changed`);
  let previous = null;
  if (fs.existsSync(live)) {
    previous = `${live}.before-restore-${backupName(now).replace(/^tsunagu-|\.db$/g, "")}`;
    await backupDatabase(live, previous);
  }
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(live);
  } finally {
    source.close();
  }
  const restored = inspectDatabase(live);
  if (!restored.ok) throw new Error(`the restored database failed its integrity check: ${restored.integrity}`);
  return { restored, previous };
}
