import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepPreparedStatements } from "~/utils/db.server";

// Issue 13: the adapter's statements are kept prepared by their SQL (app/utils/db.server.ts). Against the real
// adapter and a real SQLite file, through the same calls Prisma makes: queries, writes, transactions.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-prepared-"));
type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>> & { client: Database.Database };
let adapter: Adapter;
let kept: ReturnType<typeof keepPreparedStatements>;

const text = { scalarType: "string", arity: "scalar" } as const;
const query = (sql: string, ...args: unknown[]) => ({ sql, args, argTypes: args.map(() => text) }) as never;

beforeAll(async () => {
  adapter = (await new PrismaBetterSQLite3({ url: `file:${path.join(dir, "kept.db")}` }).connect()) as Adapter;
  kept = keepPreparedStatements(adapter.client, 3);
  await adapter.executeScript(`CREATE TABLE "Place" (id INTEGER PRIMARY KEY, name TEXT NOT NULL, area TEXT NOT NULL)`);
});

afterAll(async () => {
  await adapter.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("statements kept prepared by their SQL", () => {
  it("gives each query its own values, run after run of the same statement", async () => {
    const insert = `INSERT INTO "Place" (name, area) VALUES (?, ?)`;
    expect(await adapter.executeRaw(query(insert, "ふじみ子ども食堂", "fujimi"))).toBe(1);
    expect(await adapter.executeRaw(query(insert, "脚折サロン", "suneori"))).toBe(1);
    expect(await adapter.executeRaw(query(insert, "富士見カフェ", "fujimi"))).toBe(1);
    const select = `SELECT name FROM "Place" WHERE area = ? ORDER BY id`;
    const names = async (area: string) => (await adapter.queryRaw(query(select, area))).rows.map((row) => row[0]);
    expect(await names("fujimi")).toEqual(["ふじみ子ども食堂", "富士見カフェ"]);
    expect(await names("suneori")).toEqual(["脚折サロン"]);
    expect(await names("nowhere")).toEqual([]);
    expect(await names("fujimi")).toEqual(["ふじみ子ども食堂", "富士見カフェ"]);
    // One statement for the three inserts, one for the four selects.
    expect(kept.size()).toBe(2);
  });

  it("runs transactions through it: a rolled-back write is gone, a committed one stays", async () => {
    const insert = `INSERT INTO "Place" (name, area) VALUES (?, ?)`;
    const count = async () => Number((await adapter.queryRaw(query(`SELECT COUNT(*) FROM "Place"`))).rows[0]![0]);
    const before = await count();
    const undone = await adapter.startTransaction();
    await undone.executeRaw(query(insert, "取り消す居場所", "tsurugaoka"));
    await undone.executeRaw(query("ROLLBACK"));
    await undone.rollback();
    expect(await count()).toBe(before);
    const done = await adapter.startTransaction();
    await done.executeRaw(query(insert, "残る居場所", "tsurugaoka"));
    await done.executeRaw(query("COMMIT"));
    await done.commit();
    expect(await count()).toBe(before + 1);
  });

  it("keeps at most its limit, reports bad SQL as the adapter did, and survives a column added by a migration", async () => {
    for (const area of ["a", "b", "c", "d"]) await adapter.queryRaw(query(`SELECT '${area}' AS area, ? AS v`, area));
    expect(kept.size()).toBe(3);
    await expect(adapter.queryRaw(query(`SELECT FROM nowhere`))).rejects.toThrow();
    // A kept statement goes on working when its table gains a column (Prisma names the columns it reads, so a
    // migration that adds one leaves its queries as they were), and a new statement sees the column.
    const named = query(`SELECT id, name FROM "Place" WHERE area = ? ORDER BY id`, "suneori");
    expect((await adapter.queryRaw(named)).rows).toEqual([["2", "脚折サロン"]]);
    await adapter.executeScript(`ALTER TABLE "Place" ADD COLUMN kana TEXT NOT NULL DEFAULT 'すねおり'`);
    expect((await adapter.queryRaw(named)).rows).toEqual([["2", "脚折サロン"]]);
    const withKana = await adapter.queryRaw(query(`SELECT name, kana FROM "Place" WHERE area = ?`, "suneori"));
    expect(withKana.rows).toEqual([["脚折サロン", "すねおり"]]);
  });
});
