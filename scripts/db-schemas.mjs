#!/usr/bin/env node
// Keeps the PostgreSQL schema and migrations in step with the SQLite ones (scripts/support/schemas.mjs).
// Usage: npm run db:schemas            writes what is missing
//        npm run db:schemas -- --check exits 1 and says what drifted
import { driftReport, syncSchemas } from "./support/schemas.mjs";

if (process.argv.includes("--check")) {
  const problems = driftReport();
  for (const problem of problems) console.error(problem);
  console.log(problems.length ? `${problems.length} problem(s): the schemas have drifted` : "The SQLite and PostgreSQL schemas and migrations are in step.");
  process.exit(problems.length ? 1 : 0);
}
const written = syncSchemas();
console.log(written.length ? `Wrote:\n${written.map((f) => `  ${f}`).join("\n")}\nReview the SQL, then generate the client: npm run db:generate` : "Nothing to write: the schemas are in step.");
