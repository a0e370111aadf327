import path from "node:path";
import fs from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma's own engines would be downloaded from Prisma's server, which is unreachable here
// (see docs/decisions/002-prisma-driver-adapter.md): the JS schema engine talks through the adapter.
function databaseFile(): string {
  const file = process.env.DATABASE_PATH ?? path.join(process.env.DATA_DIR ?? "./data", "tsunagu.db");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return path.resolve(file);
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${databaseFile()}` });
  },
});
