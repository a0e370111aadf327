import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Until PostgreSQL runs in CI, this is what keeps the participation module's raw SQL portable: it reads the SQL
// text of every *.server.ts here (capacity.server.ts above all) and fails on constructs only one dialect knows.
// `||` (string concatenation) is standard SQL and both dialects have it, so it is allowed; so are CASE, COALESCE,
// NOT EXISTS, RETURNING and TRUE/FALSE (SQLite 3.35+ and PostgreSQL alike).

const DIALECT_SPECIFIC: [RegExp, string][] = [
  [/\b(MAX|MIN)\s*\((?:[^()]|\([^()]*\))*,/i, "two-argument MAX/MIN is SQLite's (PostgreSQL: GREATEST/LEAST); use CASE or a WHERE guard"],
  [/\bIFNULL\s*\(/i, "IFNULL is SQLite/MySQL; use COALESCE"],
  [/\bIIF\s*\(/i, "IIF is SQLite's; use CASE"],
  [/\b(datetime|date|time|strftime|julianday|unixepoch)\s*\(/i, "SQLite date function; pass times as parameters"],
  [/\bnow\s*\(\s*\)/i, "now() is PostgreSQL's; pass the time as a parameter"],
  [/\b(GROUP_CONCAT|STRING_AGG)\s*\(/i, "string aggregation differs per dialect"],
  [/\b(instr|printf|randomblob|last_insert_rowid|changes|total)\s*\(/i, "SQLite-only function"],
  [/\bINSERT\s+OR\s+(IGNORE|REPLACE)\b|\bREPLACE\s+INTO\b/i, "SQLite conflict syntax; use ON CONFLICT or catch the unique violation"],
  [/\bILIKE\b/i, "ILIKE is PostgreSQL's"],
  [/\bGLOB\b/i, "GLOB is SQLite's"],
  [/::\s*[a-z]/i, "a :: cast is PostgreSQL's; use CAST(x AS type)"],
  [/\bLIMIT\s+\S+\s*,/i, "LIMIT offset, count is SQLite/MySQL; use LIMIT … OFFSET …"],
  [/\browid\b/i, "rowid is SQLite's"],
  [/\bPRAGMA\b/i, "PRAGMA is SQLite's (it belongs in app/utils/db.server.ts)"],
  [/\[[A-Za-z_]\w*\]/, "square-bracket identifiers; quote with double quotes"],
];

/** The SQL of every tagged template ($queryRaw, $executeRaw, Prisma.sql) in a source file, placeholders blanked. */
function sqlOf(source: string): string[] {
  const tagged = /(?:\$executeRaw|\$queryRaw|Prisma\.sql)\s*(?:<[^`]*?>)?`([^`]*)`/g;
  return [...source.matchAll(tagged)].map((m) => m[1]!.replace(/\$\{[^}]*\}/g, "?"));
}

function dialectProblems(sql: string): string[] {
  return DIALECT_SPECIFIC.filter(([pattern]) => pattern.test(sql)).map(([, why]) => why);
}

const here = path.resolve("app/modules/participation");
const serverFiles = fs.readdirSync(here).filter((f) => f.endsWith(".server.ts"));

describe("the checker itself", () => {
  it.each([
    [`UPDATE "EventDate" SET "registeredCount" = MAX("registeredCount" - ?, 0) WHERE "id" = ?`],
    [`SELECT IFNULL("capacity", 0) FROM "EventDate"`],
    [`SELECT * FROM "Shift" WHERE "startsAt" > datetime('now')`],
    [`SELECT "id"::text FROM "Shift"`],
    [`INSERT OR IGNORE INTO "Application" ("id") VALUES (?)`],
    [`SELECT * FROM "Shift" LIMIT 10, 20`],
  ])("flags %s", (sql) => {
    expect(dialectProblems(sql)).not.toEqual([]);
  });

  it.each([
    [`UPDATE "Shift" SET "acceptedCount" = CASE WHEN "acceptedCount" >= ? THEN "acceptedCount" - ? ELSE 0 END WHERE "id" = ?`],
    [`SELECT MAX("queuedAt"), MIN("id") FROM "Application" WHERE "shiftId" = ?`],
    [`SELECT COALESCE("slots", 0) || ' slots' FROM "Shift" WHERE "updatedAt" > ? LIMIT 5 OFFSET 10`],
  ])("lets portable SQL through: %s", (sql) => {
    expect(dialectProblems(sql)).toEqual([]);
  });

  it("reads SQL from tagged templates only, not from comments or JavaScript", () => {
    const source = "// MAX(a, 0) is what we avoid\nconst n = Math.max(a, 0);\nawait tx.$executeRaw`UPDATE \"Shift\" SET \"slots\" = ${n} WHERE \"id\" = ${id}`;";
    expect(sqlOf(source)).toEqual([`UPDATE "Shift" SET "slots" = ? WHERE "id" = ?`]);
  });
});

describe("participation's SQL is portable (SQLite and PostgreSQL)", () => {
  it("the capacity module holds the take and release statements", () => {
    const sql = sqlOf(fs.readFileSync(path.join(here, "capacity.server.ts"), "utf8")).join("\n");
    expect(sql).toMatch(/UPDATE/);
    expect(sql).toMatch(/NOT EXISTS/);
    expect(sql).toMatch(/CASE WHEN/);
  });

  it.each(serverFiles)("%s uses no dialect-specific SQL", (file) => {
    const problems = sqlOf(fs.readFileSync(path.join(here, file), "utf8")).flatMap((sql) => dialectProblems(sql).map((why) => `${why}:\n${sql.trim()}`));
    expect(problems).toEqual([]);
  });
});
