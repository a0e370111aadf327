// The two Prisma schemas and their migration folders, kept in step (docs/decisions/022-postgresql.md).
//
// prisma/schema.prisma is the one that is edited (SQLite, the default). prisma/postgresql/schema.prisma is generated
// from it: the same models, another provider, another generated client. Each database has its own migrations folder,
// because the SQL differs; every SQLite migration newer than the PostgreSQL baseline has a PostgreSQL twin of the
// same name. `npm run db:schemas -- --check` (and tests/integration/postgres-schema.test.ts) fail when they drift.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const SQLITE_MIGRATIONS = "prisma/migrations";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
export const POSTGRES_MIGRATIONS = "prisma/postgresql/migrations";

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:schemas\`: do not edit; edit that file and run the command.
// The same models on PostgreSQL (docs/decisions/022-postgresql.md).
`;

/** The PostgreSQL schema for a SQLite schema's text. */
export function postgresSchemaText(sqliteText) {
  const datasource = /datasource db \{[^}]*\}/;
  const generatorOutput = /output\s*=\s*"\.\.\/app\/generated\/prisma"/;
  if (!datasource.test(sqliteText) || !generatorOutput.test(sqliteText))
    throw new Error(`${SQLITE_SCHEMA}: the datasource block or the generator's output line is not where this script expects it`);
  return (
    HEADER +
    sqliteText
      .replace(datasource, 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}')
      .replace(generatorOutput, 'output     = "../../app/generated/prisma-pg"')
  );
}

/** Migration folder names (timestamp_name), oldest first. */
export function migrationNames(folder) {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/**
 * What is out of step, as sentences (empty when all is well): the generated schema differs from the committed one,
 * or a SQLite migration newer than the PostgreSQL baseline has no PostgreSQL twin (or the other way round).
 */
export function driftReport(root = process.cwd()) {
  const problems = [];
  const expected = postgresSchemaText(fs.readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
  const committed = fs.existsSync(path.join(root, POSTGRES_SCHEMA)) ? fs.readFileSync(path.join(root, POSTGRES_SCHEMA), "utf8") : "";
  if (committed !== expected) problems.push(`${POSTGRES_SCHEMA} is not the one generated from ${SQLITE_SCHEMA}: run npm run db:schemas`);
  const sqlite = migrationNames(path.join(root, SQLITE_MIGRATIONS));
  const postgres = migrationNames(path.join(root, POSTGRES_MIGRATIONS));
  const baseline = postgres[0];
  if (!baseline) return [...problems, `${POSTGRES_MIGRATIONS} has no migrations`];
  const stamp = (name) => name.slice(0, 14);
  for (const name of sqlite.filter((n) => stamp(n) > stamp(baseline)))
    if (!postgres.includes(name)) problems.push(`SQLite migration ${name} has no PostgreSQL twin in ${POSTGRES_MIGRATIONS}`);
  for (const name of postgres.slice(1))
    if (!sqlite.includes(name)) problems.push(`PostgreSQL migration ${name} has no SQLite twin in ${SQLITE_MIGRATIONS}`);
  return problems;
}

/** SQL that takes a database from one schema's text to another's (Prisma's own diff, no database needed). */
export function diffScript(fromText, toText) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-schema-"));
  try {
    const to = path.join(tmp, "to.prisma");
    fs.writeFileSync(to, toText);
    const from = fromText === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(tmp, "from.prisma")];
    if (fromText !== null) fs.writeFileSync(path.join(tmp, "from.prisma"), fromText);
    const sql = execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], {
      encoding: "utf8",
      // The diff needs no database; an empty config keeps it from loading prisma.config.ts's adapter.
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    return /^-- This is an empty migration/.test(sql.trim()) ? "" : sql;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export const writeMigration = (folder, name, sql) => {
  const dir = path.join(folder, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  return path.join(dir, "migration.sql");
};

/**
 * Search on PostgreSQL (app/modules/db/search-postgres.server.ts): trigram indexes over the search documents, the
 * counterpart of SQLite's FTS5 trigram table. pg_trgm ships with PostgreSQL (contrib); creating it needs a role
 * that may create extensions in the database (the owner, on PostgreSQL 13+ for trusted extensions like this one).
 */
export const POSTGRES_SEARCH_SQL = `
-- Full-text search: pg_trgm GIN indexes answer LIKE '%…%' on 3+ characters without reading every document.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "SearchDocument_title_trgm_idx" ON "SearchDocument" USING GIN ("title" gin_trgm_ops);
CREATE INDEX "SearchDocument_text_trgm_idx" ON "SearchDocument" USING GIN ("text" gin_trgm_ops);
CREATE INDEX "SearchDocument_reading_trgm_idx" ON "SearchDocument" USING GIN ("reading" gin_trgm_ops);
`;

/**
 * Writes the generated PostgreSQL schema and the PostgreSQL migrations it lacks: the baseline when there is none,
 * else a twin for the one SQLite migration that has none, diffed from the PostgreSQL schema as it was committed.
 * Returns the files written.
 */
export function syncSchemas(root = process.cwd()) {
  const written = [];
  const at = (p) => path.join(root, p);
  const next = postgresSchemaText(fs.readFileSync(at(SQLITE_SCHEMA), "utf8"));
  const previous = fs.existsSync(at(POSTGRES_SCHEMA)) ? fs.readFileSync(at(POSTGRES_SCHEMA), "utf8") : null;
  fs.mkdirSync(at(POSTGRES_MIGRATIONS), { recursive: true });
  const sqlite = migrationNames(at(SQLITE_MIGRATIONS));
  const postgres = migrationNames(at(POSTGRES_MIGRATIONS));
  if (!postgres.length) {
    const name = `${sqlite.at(-1).slice(0, 14)}_postgresql_baseline`;
    written.push(writeMigration(at(POSTGRES_MIGRATIONS), name, diffScript(null, next) + POSTGRES_SEARCH_SQL));
    fs.writeFileSync(at(path.join(POSTGRES_MIGRATIONS, "migration_lock.toml")), 'provider = "postgresql"\n');
  } else {
    const missing = sqlite.filter((n) => n.slice(0, 14) > postgres[0].slice(0, 14) && !postgres.includes(n));
    if (missing.length > 1)
      throw new Error(`Several SQLite migrations have no PostgreSQL twin (${missing.join(", ")}): add them one at a time with npm run db:new-migration`);
    if (missing.length === 1) {
      if (previous === null) throw new Error(`${POSTGRES_SCHEMA} is missing: there is nothing to diff the new migration from`);
      const sql = diffScript(previous, next);
      written.push(writeMigration(at(POSTGRES_MIGRATIONS), missing[0], sql || "-- No change on PostgreSQL: the SQLite migration only rebuilds what PostgreSQL already has.\nSELECT 1;\n"));
    }
  }
  if (previous !== next) {
    fs.mkdirSync(path.dirname(at(POSTGRES_SCHEMA)), { recursive: true });
    fs.writeFileSync(at(POSTGRES_SCHEMA), next);
    written.push(at(POSTGRES_SCHEMA));
  }
  return written;
}
