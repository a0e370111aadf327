import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { POSTGRES_SCHEMA, POSTGRES_SEARCH_SQL, SQLITE_SCHEMA, diffScript, postgresSchemaText } from "../../scripts/support/schemas.mjs";
import { WRITE_LOCK_KEY, WRITE_TX, prisma } from "~/utils/db.server";
import { databaseUrl, dropDatabase, recreateDatabase } from "../setup/postgres";

// Run on PostgreSQL only (vitest.config.ts): the PostgreSQL migrations, applied one after another as
// `prisma migrate deploy` does, build exactly what the generated schema describes (tests/integration/
// postgres-schema.test.ts checks the files themselves on every run).

/** Tables' columns, indexes and constraints, as sets of lines a test can compare. */
async function catalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows.map((r) => Object.values(r).join(" | "));
    return [
      ...(await rows(`SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '') FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`)),
      ...(await rows(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`)),
      ...(await rows(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`)),
      ...(await rows(`SELECT extname FROM pg_extension`)),
    ].sort();
  } finally {
    await client.end();
  }
}

describe("on PostgreSQL, the migrations build the schema", () => {
  it("a database migrated step by step has exactly the tables, columns, indexes and constraints of the schema", async () => {
    // This test's own database was made by `prisma migrate deploy` (the template); the other is made in one step
    // from the generated schema, as Prisma would create it.
    const fromSchema = `tsunagu_schema_${process.pid}`;
    await recreateDatabase(fromSchema);
    try {
      const client = new pg.Client({ connectionString: databaseUrl(fromSchema) });
      await client.connect();
      const generated = postgresSchemaText(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
      expect(generated).toBe(fs.readFileSync(POSTGRES_SCHEMA, "utf8"));
      await client.query(diffScript(null, generated) + POSTGRES_SEARCH_SQL);
      await client.end();
      const migrated = await catalog(process.env.DATABASE_URL!);
      const expected = await catalog(databaseUrl(fromSchema));
      expect(migrated.length).toBeGreaterThan(300);
      expect(migrated.filter((line) => !expected.includes(line)), "in the migrated database only").toEqual([]);
      expect(expected.filter((line) => !migrated.includes(line)), "in the schema only").toEqual([]);
    } finally {
      await dropDatabase(fromSchema);
    }
  });

  it("migrate deploy finds nothing left to apply", () => {
    const out = execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "status"], { encoding: "utf8", env: { ...process.env } });
    expect(out).toMatch(/Database schema is up to date/);
  });
});

describe("on PostgreSQL, write transactions run one at a time, as on SQLite", () => {
  const heldLocks = () =>
    prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS "n" FROM pg_locks WHERE locktype = 'advisory' AND objid = ${WRITE_LOCK_KEY} AND granted
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

  it("a transaction holds the write lock until it ends; a second one waits for it", async () => {
    expect(Number((await heldLocks())[0]!.n)).toBe(0);
    const order: string[] = [];
    let release!: () => void;
    const first = prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      order.push("first began");
      await new Promise<void>((resolve) => (release = resolve));
      order.push("first ends");
    }, WRITE_TX);
    await vi.waitFor(() => expect(order).toEqual(["first began"]));
    expect(Number((await heldLocks())[0]!.n)).toBe(1);
    const second = prisma.$transaction(async () => void order.push("second began"), WRITE_TX);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual(["first began"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first began", "first ends", "second began"]);
    expect(Number((await heldLocks())[0]!.n)).toBe(0);
  });
});
