import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { getEnv } from "./env.server";
import { keepQueryPlans } from "./query-plans.server";

// The only PrismaClient of the app. Kept on globalThis so dev rebuilds don't open more connections.
declare global {
  // eslint-disable-next-line no-var
  var __tsunaguPrisma: PrismaClient | undefined;
}

/**
 * Pragmas every connection must have. WAL + synchronous=FULL keeps commits across crashes and power loss
 * (when the disk honours fsync); busy_timeout makes concurrent writers wait instead of failing.
 * journal_mode=WAL persists in the file, the others are per connection, so they are set in the
 * adapter's connection string options and verified on start-up by `assertDatabasePragmas`.
 */
export const REQUIRED_PRAGMAS = {
  journal_mode: "wal",
  synchronous: 2,
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

/** Which database the portal runs on: DATABASE_URL=postgresql://… selects PostgreSQL (docs/decisions/022-postgresql.md). */
export type Dialect = "sqlite" | "postgresql";
export const dialect = (): Dialect => (getEnv().DATABASE_URL ? "postgresql" : "sqlite");

function createClient(): PrismaClient {
  const url = getEnv().DATABASE_URL;
  if (url) {
    // The PostgreSQL client is generated from prisma/postgresql/schema.prisma, the same models as SQLite's: its
    // model API is the same, so the app uses one type. Raw SQL the two differ on is branched on `dialect()`.
    const adapter = new SerialPostgresTransactions({ connectionString: url, max: POSTGRES_POOL_SIZE });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const file = getEnv().DATABASE_PATH;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // WAL must be switched on outside any transaction; doing it once here on a plain connection persists it in the file.
  const boot = new Database(file);
  boot.pragma("journal_mode = WAL");
  optimizeQueryPlanner(boot);
  boot.close();
  const adapter = new ImmediateTransactions({ url: `file:${file}`, timeout: REQUIRED_PRAGMAS.busy_timeout });
  keepQueryPlans();
  return new PrismaClient({ adapter });
}

/**
 * Gives SQLite's query planner statistics about the data (sqlite_stat1), kept in the file, read by every connection
 * opened afterwards. Why: without them the planner guesses from index shapes alone, and for the public lists it
 * guessed wrong: the dates of the coming week were found by walking every published event and probing its dates,
 * then sorting (10–15 ms on 10,000 items), instead of reading the dates index in order (well under 1 ms).
 * docs/decisions/017-query-strategy.md. `PRAGMA optimize` only analyses tables whose statistics are missing or
 * stale, with analysis_limit keeping each look to a sample, so it costs milliseconds at start-up; the jobs run it
 * again daily as the data grows. A failure (another process holds the write lock for long) only loses the update.
 */
export function optimizeQueryPlanner(db: Database.Database) {
  try {
    db.pragma("analysis_limit = 1000");
    db.pragma("optimize = 0x10002");
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", msg: "PRAGMA optimize failed; the query planner keeps its old statistics", error: String(error) }));
  }
}

/**
 * Connections each process keeps to PostgreSQL. Every server process (one per core) and every instance has its own
 * pool, and PostgreSQL's default max_connections is 100: 10 per process leaves room for several instances.
 */
const POSTGRES_POOL_SIZE = 10;

/** The client a transaction callback gets: every function that writes inside a caller's transaction takes one. */
export type Tx = Prisma.TransactionClient;

const statement = (sql: string) => ({ sql, args: [], argTypes: [] });

/**
 * The adapter, with write transactions that take SQLite's write lock when they begin (BEGIN IMMEDIATE).
 *
 * Why: the server runs one process per core on one database file (server.mjs). The adapter (6.19) begins every
 * transaction with a plain BEGIN, which is DEFERRED: it reads from a snapshot and asks for the write lock only at
 * its first write. If another process committed in between, that snapshot is stale and SQLite answers SQLITE_BUSY
 * at once, without waiting (busy_snapshot): withdrawing (which then reads the waitlist to promote from it) or
 * registering again after withdrawing would fail with a 500 whenever two processes meet. A transaction that holds
 * the write lock from its start always reads the latest data, and one that must wait for the lock waits up to
 * busy_timeout instead of failing. Transactions of one process already run one at a time (the adapter queues
 * them on its one connection), so within a process nothing changes.
 *
 * How: the adapter has no option for the BEGIN it sends, and when its BEGIN fails it never releases its queue of
 * transactions, which would stall every later one of the process; a BEGIN IMMEDIATE may fail (busy_timeout
 * passed). So the adapter's own start is kept (its queue, its plain BEGIN, which takes no lock), then the empty
 * transaction is ended and begun again as IMMEDIATE; if that fails, the queue is released before the error is
 * passed on. tests/integration/participation-several-processes.test.ts runs two processes against one file.
 *
 * Waiting: better-sqlite3 is synchronous, so SQLite's own busy handler would wait for the lock asleep, with the
 * whole process (every other request of the worker, and its part in keeping the caches in step). The lock is
 * asked for without waiting instead, and asked again after a short pause, until busy_timeout has passed
 * (tests/integration/sqlite-write-lock.test.ts). Writes outside a transaction still wait in SQLite's handler:
 * they are single statements.
 */
class ImmediateTransactions extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    keepPreparedStatements((adapter as unknown as { client: Database.Database }).client);
    const startDeferred = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await startDeferred(isolationLevel);
      try {
        await transaction.executeRaw(statement("COMMIT"));
        await takeWriteLock(transaction);
      } catch (error) {
        await transaction.rollback();
        throw error;
      }
      return transaction;
    };
    return adapter;
  }
}

/** The advisory lock every write transaction on PostgreSQL holds (an arbitrary number, the same in every instance). */
export const WRITE_LOCK_KEY = 73_112_026;

/**
 * The PostgreSQL adapter, with transactions that run one at a time across every process and instance, as SQLite's
 * do (BEGIN IMMEDIATE above): each takes one transaction-scoped advisory lock first, released at COMMIT/ROLLBACK.
 *
 * Why: the domain's transactions are written for SQLite's one writer: read the queue, then promote from it; count
 * the login attempts, then record one. PostgreSQL's default isolation (READ COMMITTED) lets two of them read the
 * same state and both act on it (two withdrawals promoting the same waiting volunteer, a burst of logins all seeing
 * room under the limit); tests/integration/participation.test.ts and auth-codes-and-reset.test.ts caught both.
 * SERIALIZABLE would refuse one of each pair with a retryable error that every caller would then need to retry.
 * One lock keeps SQLite's guarantees, written once here; a council's write rate (a few per second at a peak) is far
 * below what one lock admits. Reads outside transactions never wait. docs/decisions/022-postgresql.md.
 */
class SerialPostgresTransactions extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await start(isolationLevel);
      try {
        await transaction.executeRaw({ sql: `SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`, args: [], argTypes: [] });
      } catch (error) {
        await transaction.rollback();
        throw error;
      }
      return transaction;
    };
    return adapter;
  }
}

/** How many distinct statements a connection keeps prepared (the app has a few hundred query shapes). */
const PREPARED_LIMIT = 1_000;

/**
 * Keeps each statement the adapter prepares, by its SQL, instead of compiling it again for every query.
 *
 * Why: the adapter (6.19) calls `prepare(sql)` for every query it runs and throws the statement away; on the home
 * page that was 0.7 ms of its CPU (issue 13, item 1), for SQL that is the same text every time (values are bound).
 * better-sqlite3 binds values to a statement only once (`bind()`), so the adapter gets a stand-in whose `bind(args)`
 * runs the kept statement with those values instead: the same calls it makes (`reader`, `columns()`, `raw().all()`,
 * `run()`), each passing the values. Statements are synchronous and never left open (`all`, `run`), so one kept
 * statement can serve every query of the connection, one after another. A kept statement survives a migration that
 * adds a column (Prisma names the columns it reads; SQLite prepares the statement again itself); a `SELECT *` kept
 * across one would keep its old columns, which is why the server is started after migrating (scripts/start.mjs),
 * never migrated under. tests/integration/prepared-statements.test.ts.
 */
export function keepPreparedStatements(db: Database.Database, limit = PREPARED_LIMIT) {
  const prepare = db.prepare.bind(db);
  const kept = new Map<string, Database.Statement>();
  const preparedFor = (sql: string) => {
    let statement = kept.get(sql);
    if (statement) {
      kept.delete(sql);
    } else {
      statement = prepare(sql);
      if (kept.size >= limit) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    return statement;
  };
  const standIn = (sql: string) => ({
    // The adapter begins a transaction with `prepare("BEGIN").run()`.
    run: () => preparedFor(sql).run(),
    bind: (args: unknown[]) => {
      const statement = preparedFor(sql);
      return {
        reader: statement.reader,
        columns: () => statement.columns(),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
        run: () => statement.run(args),
      };
    },
  });
  (db as unknown as { prepare: typeof standIn }).prepare = standIn;
  return { size: () => kept.size };
}

type AdapterTransaction = Awaited<ReturnType<Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>["startTransaction"]>>;

/** Pauses between two attempts at the write lock: most transactions hold it a few milliseconds. */
const LOCK_RETRY_MS = [1, 2, 4];

async function takeWriteLock(transaction: AdapterTransaction) {
  const deadline = Date.now() + REQUIRED_PRAGMAS.busy_timeout;
  for (let attempt = 0; ; attempt += 1) {
    // Issued together: the adapter runs each statement synchronously as it is issued, so these three run back to
    // back and no other query of this process ever meets busy_timeout at 0.
    const [, begin, restore] = await Promise.allSettled([
      transaction.executeRaw(statement("PRAGMA busy_timeout = 0")),
      transaction.executeRaw(statement("BEGIN IMMEDIATE")),
      transaction.executeRaw(statement(`PRAGMA busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`)),
    ]);
    if (restore.status === "rejected") throw restore.reason;
    if (begin.status === "fulfilled") return;
    if (!isBusy(begin.reason) || Date.now() >= deadline) throw begin.reason;
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS[Math.min(attempt, LOCK_RETRY_MS.length - 1)]));
  }
}

/** The adapter's error for SQLITE_BUSY (another connection holds the lock). */
function isBusy(error: unknown) {
  return (error as { cause?: { originalCode?: unknown } } | null)?.cause?.originalCode === "SQLITE_BUSY";
}

export const prisma: PrismaClient = globalThis.__tsunaguPrisma ?? (globalThis.__tsunaguPrisma = createClient());

const PRAGMA_QUERIES = {
  journal_mode: "PRAGMA journal_mode",
  synchronous: "PRAGMA synchronous",
  foreign_keys: "PRAGMA foreign_keys",
  busy_timeout: "PRAGMA busy_timeout",
} as const;

let pragmasApplied: Promise<void> | undefined;

/** Sets the per-connection pragmas on Prisma's own connection and checks them; throws when one did not take. */
export function assertDatabasePragmas(): Promise<void> {
  if (dialect() === "postgresql") return Promise.resolve();
  pragmasApplied ??= (async () => {
    await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await prisma.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
    const read = async (name: keyof typeof REQUIRED_PRAGMAS) => {
      const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(PRAGMA_QUERIES[name]);
      const value = Object.values(rows[0] ?? {})[0];
      return typeof value === "bigint" ? Number(value) : value;
    };
    const actual = {
      journal_mode: String(await read("journal_mode")).toLowerCase(),
      synchronous: Number(await read("synchronous")),
      foreign_keys: Number(await read("foreign_keys")),
      busy_timeout: Number(await read("busy_timeout")),
    };
    for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
      const got = actual[name as keyof typeof actual];
      const ok = name === "busy_timeout" ? Number(got) > 0 : got === expected;
      if (!ok) throw new Error(`SQLite pragma ${name} is ${String(got)}, expected ${String(expected)}`);
    }
  })();
  return pragmasApplied;
}

/**
 * Options for write transactions. SQLite runs one writer at a time and the adapter queues transactions in-process,
 * so in a rush (200 people applying at once) a transaction may wait its turn well past Prisma's 2 s default:
 * it should wait, not fail with a 500.
 */
export const WRITE_TX = { maxWait: 30_000, timeout: 15_000 } as const;
