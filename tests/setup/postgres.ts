import pg from "pg";

// The suite on PostgreSQL (`npm run test:postgres`, CI's second run): TEST_POSTGRES_URL names a server and a role
// that may create databases. The template database is migrated and seeded once per run; each test file's process
// gets its own copy (CREATE DATABASE … TEMPLATE, a file copy on the server) and drops it at the end, as the SQLite
// run copies its template file.

export const onPostgres = () => process.env.TEST_DATABASE === "postgresql";

export function adminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_DATABASE=postgresql needs TEST_POSTGRES_URL=postgresql://user:password@127.0.0.1:5432/postgres");
  return url;
}

/** The URL of a database on the same server as TEST_POSTGRES_URL. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The run's template database: named after the process that runs the tests, so two runs on one server (a CI job
 * and a developer's run, two checkouts) never drop each other's. Global setup picks it and hands it to the workers.
 */
export const templateDatabaseFor = (runner: number) => `tsunagu_test_template_${runner}`;

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Names are made here from digits and letters only; quoted as identifiers all the same. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function recreateDatabase(name: string, template?: string) {
  await withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ""}`);
  });
}

export async function dropDatabase(name: string) {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}
