import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}", "tests/server/**/*.test.ts", "server/**/*.test.{ts,js}"],
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
