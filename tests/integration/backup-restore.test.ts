// The restore drill: `npm run db:backup` while the portal writes, then `npm run db:restore` of that backup, through
// the real scripts on real SQLite files (copies of this worker's seeded database), compared by row counts and
// PRAGMA integrity_check.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, inspectDatabase } from "../../server/backup.js";

const run = promisify(execFile);
const root = process.cwd();
let dir = "";

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-backup-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A live database of its own: a consistent copy of this worker's seeded one, in WAL mode as the portal runs it. */
async function liveCopy(name: string) {
  const file = path.join(dir, name);
  await backupDatabase(process.env.DATABASE_PATH!, file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
  return file;
}

/** Runs one of the npm scripts' files against `live` (DATABASE_PATH), as an operator would. */
function script(name: "db-backup" | "db-restore", live: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: live };
  delete env.DATABASE_URL;
  return run(process.execPath, [path.join(root, "scripts", `${name}.mjs`), ...args], { cwd: root, env });
}

const auditRows = (file: string) => inspectDatabase(file).counts.AuditLog!;

describe("db:backup and db:restore", () => {
  it("back up while the portal writes: the copy is whole, passes its integrity check and holds every row written before it began", async () => {
    const live = await liveCopy("live.db");
    // The portal keeps writing (an audit line every few milliseconds) while the backup runs in another process.
    const writer = new Database(live);
    const insert = writer.prepare("INSERT INTO AuditLog (action, entityType, detail) VALUES ('drill.write', 'drill', ?)");
    for (let i = 0; i < 200; i++) insert.run(JSON.stringify({ i, note: "バックアップ中の書き込み" }));
    const before = auditRows(live);
    let writing = true;
    let written = 0;
    const loop = (async () => {
      while (writing) {
        insert.run(JSON.stringify({ i: written++ }));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const target = path.join(dir, "backups", "during-writes.db");
    const out = await script("db-backup", live, [target]);
    writing = false;
    await loop;
    writer.close();

    expect(out.stdout).toContain("integrity ok");
    expect(written).toBeGreaterThan(0);
    const copy = inspectDatabase(target);
    expect(copy.ok).toBe(true);
    // A snapshot: at least every row that existed when it began, at most every row written by the end.
    expect(copy.counts.AuditLog).toBeGreaterThanOrEqual(before);
    expect(copy.counts.AuditLog).toBeLessThanOrEqual(auditRows(live));
    const liveCounts = inspectDatabase(live).counts;
    for (const table of ["User", "Group", "Place", "Event", "EventDate", "Opening", "Shift"]) expect(copy.counts[table]).toBe(liveCounts[table]);
    // It never overwrites a file.
    await expect(script("db-backup", live, [target])).rejects.toMatchObject({ code: 1 });
    expect(inspectDatabase(target).counts.AuditLog).toBe(copy.counts.AuditLog);
  });

  it("restore puts the backup's rows back, keeps the database it replaced, and refuses a damaged backup without changing anything", async () => {
    const live = await liveCopy("restore-live.db");
    const target = path.join(dir, "backups", "before-change.db");
    await script("db-backup", live, [target]);
    const backedUp = inspectDatabase(target);

    // After the backup, residents keep writing: these rows are what a restore gives up.
    const db = new Database(live);
    for (let i = 0; i < 25; i++) db.prepare("INSERT INTO AuditLog (action, detail) VALUES ('after.backup', '{}')").run();
    db.close();
    const changed = inspectDatabase(live);
    expect(changed.counts.AuditLog).toBe(backedUp.counts.AuditLog! + 25);

    const out = await script("db-restore", live, [target]);
    expect(out.stdout).toContain("integrity ok");
    const restored = inspectDatabase(live);
    expect(restored.ok).toBe(true);
    expect(restored.counts).toEqual(backedUp.counts);
    expect(restored.migrations).toBe(backedUp.migrations);
    // The replaced database is kept, whole, with the rows written after the backup.
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith("restore-live.db.before-restore-"));
    expect(kept).toHaveLength(1);
    expect(inspectDatabase(path.join(dir, kept[0]!)).counts).toEqual(changed.counts);

    // A damaged backup (cut short, as a full disk leaves it) is refused before the live database is touched.
    const damaged = path.join(dir, "backups", "damaged.db");
    const bytes = fs.readFileSync(target);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 3)));
    await expect(script("db-restore", live, [damaged])).rejects.toMatchObject({ code: 1 });
    expect(inspectDatabase(live).counts).toEqual(backedUp.counts);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("restore-live.db.before-restore-"))).toHaveLength(1);
  });

  it("without a file to restore, says how to call it and changes nothing", async () => {
    const live = await liveCopy("usage-live.db");
    const before = inspectDatabase(live).counts;
    await expect(script("db-restore", live, [])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("Usage: npm run db:restore") });
    expect(inspectDatabase(live).counts).toEqual(before);
  });
});
