#!/usr/bin/env node
// Adds a migration without `prisma migrate dev` (which fails with the driver adapter's shadow database):
// diff the schema at HEAD against the working schema and save the SQL as a new migration folder.
// The PostgreSQL twin is written beside it (scripts/support/schemas.mjs).
// Usage: npm run db:new-migration -- add_photo_alt
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { syncSchemas } from "./support/schemas.mjs";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-schema-"));
const previous = path.join(tmp, "schema.prisma");
fs.writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
const sql = execFileSync(
  path.resolve("node_modules/.bin/prisma"),
  ["migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8" },
);
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log("No schema changes since HEAD: nothing to add.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql`);
// The PostgreSQL schema and its twin migration of the same name (docs/decisions/022-postgresql.md).
for (const file of syncSchemas()) console.log(`Wrote ${path.relative(process.cwd(), file)}`);
console.log("Review the SQL of both, then run: npx prisma migrate deploy && npm run db:generate");
