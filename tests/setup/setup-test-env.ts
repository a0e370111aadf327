import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import { ARTIFACTS, TEMPLATE_DB } from "./paths";
import { databaseUrl, dropDatabase, onPostgres, recreateDatabase } from "./postgres";

// A real database per worker, copied from the seeded template before anything imports the Prisma client: a SQLite
// file, or on the PostgreSQL run a database made from the template database.
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? String(process.pid);
const file = path.join(ARTIFACTS, `worker-${worker}-${process.pid}.db`);
const postgresDatabase = `tsunagu_test_${worker}_${process.pid}`;
if (!process.env.__TSUNAGU_DB_READY) {
  process.env.DATABASE_PATH = file;
  if (onPostgres()) {
    await recreateDatabase(postgresDatabase, inject("postgresTemplate"));
    process.env.DATABASE_URL = databaseUrl(postgresDatabase);
  } else {
    fs.copyFileSync(TEMPLATE_DB, file);
    delete process.env.DATABASE_URL;
  }
  process.env.APP_ORIGIN = "http://localhost:3000";
  process.env.__TSUNAGU_DB_READY = "1";
}

// An unexpected console.error is a failing test: errors must be handled or asserted on purpose.
let errorSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => {
  errorSpy.mockRestore();
});

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  if (onPostgres()) await dropDatabase(postgresDatabase);
});
