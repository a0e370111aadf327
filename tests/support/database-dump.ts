import Database from "better-sqlite3";
import pg from "pg";
import { onPostgres } from "../setup/postgres";

/**
 * Every row of every table of the test's database, as JSON text per table: what a dump of it would show. Read
 * through a connection of its own, not the app's, on SQLite or PostgreSQL, whichever the run uses.
 */
export async function dumpTables(): Promise<{ name: string; rows: string }[]> {
  const json = (rows: unknown[]) => JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  if (onPostgres()) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
      );
      const dumps = [];
      for (const { name } of tables.rows)
        dumps.push({ name, rows: json((await client.query(`SELECT * FROM "${name.replace(/"/g, '""')}"`)).rows) });
      return dumps;
    } finally {
      await client.end();
    }
  }
  const db = new Database(process.env.DATABASE_PATH!, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1").all() as { name: string }[];
    return tables.map(({ name }) => ({ name, rows: json(db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all()) }));
  } finally {
    db.close();
  }
}
