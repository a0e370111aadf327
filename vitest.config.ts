import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Tests of SQLite itself, left out of the PostgreSQL run (TEST_DATABASE=postgresql, docs/decisions/022-postgresql.md):
 * its write lock and prepared statements, the file's backup and what lies in it at rest, and the server tests, which
 * start the production server on a copy of the SQLite template file (the server layer does not depend on the
 * database; the two-instance test covers it on PostgreSQL).
 */
const SQLITE_ONLY = [
  "tests/integration/sqlite-write-lock.test.ts",
  "tests/integration/prepared-statements.test.ts",
  "tests/integration/query-plans.test.ts",
  "tests/integration/backup-restore.test.ts",
  "tests/integration/email-secrets-at-rest.test.ts",
  "tests/integration/participation-several-processes.test.ts",
  "tests/server/**",
  "server/**",
];
/** Tests of PostgreSQL itself, run only there. */
const POSTGRES_ONLY = [
  "tests/integration/postgres-migrations.test.ts",
  "tests/integration/postgres-jobs-leadership.test.ts",
  "tests/integration/postgres-instance-sync.test.ts",
  // Starts two production servers and nginx (scripts/two-instances.mjs) over the build `npm test` made first.
  "tests/integration/postgres-two-instances.test.ts",
];

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}", "tests/server/**/*.test.ts", "server/**/*.test.{ts,js}"],
    exclude: ["**/node_modules/**", ...(process.env.TEST_DATABASE === "postgresql" ? SQLITE_ONLY : POSTGRES_ONLY)],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-test-env.ts"],
    // Each worker gets its own copy of a migrated, seeded SQLite file (real database, never a mocked Prisma).
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test", PUBLIC_CACHE_TTL_MS: "0" },
  },
});
