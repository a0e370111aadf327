import path from "node:path";
import fs from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma's own engines would be downloaded from Prisma's server, which is unreachable here
// (see docs/decisions/002-prisma-driver-adapter.md): the JS schema engine talks through the adapter.
// DATABASE_URL=postgresql://… selects PostgreSQL, its schema and its migrations (docs/decisions/022-postgresql.md);
// otherwise the portal runs on the SQLite file at DATABASE_PATH.
function databaseFile(): string {
  const file = process.env.DATABASE_PATH ?? path.join(process.env.DATA_DIR ?? "./data", "tsunagu.db");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return path.resolve(file);
}

const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : null;

export default defineConfig({
  schema: postgresUrl ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    if (postgresUrl) return new PrismaPg({ connectionString: postgresUrl });
    return new PrismaBetterSQLite3({ url: `file:${databaseFile()}` });
  },
});
