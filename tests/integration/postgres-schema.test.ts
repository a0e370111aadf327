import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, driftReport } from "../../scripts/support/schemas.mjs";

// The PostgreSQL schema and migrations are kept in step with SQLite's (docs/decisions/022-postgresql.md): this fails
// when someone edits prisma/schema.prisma or adds a SQLite migration and forgets the other side.

describe("the two schemas stay in step", () => {
  it("the committed PostgreSQL schema is the one generated from the SQLite schema, and every migration has its twin", () => {
    expect(driftReport()).toEqual([]);
  });

  it("the check names what drifted: an edited model, a migration without its twin", () => {
    const root = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "tsunagu-drift-"));
    try {
      fs.cpSync("prisma", path.join(root, "prisma"), { recursive: true });
      const schema = path.join(root, SQLITE_SCHEMA);
      fs.writeFileSync(schema, fs.readFileSync(schema, "utf8").replace("model Area {", "model Area {\n  motto String?"));
      fs.mkdirSync(path.join(root, "prisma/migrations/29991231000000_area_motto"));
      fs.writeFileSync(path.join(root, "prisma/migrations/29991231000000_area_motto/migration.sql"), 'ALTER TABLE "Area" ADD COLUMN "motto" TEXT;');
      const problems: string[] = driftReport(root);
      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain(POSTGRES_SCHEMA);
      expect(problems[1]).toContain("29991231000000_area_motto has no PostgreSQL twin");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
