import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { getEnv } from "./env.server";

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

function createClient() {
  const file = getEnv().DATABASE_PATH;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // WAL must be switched on outside any transaction; doing it once here on a plain connection persists it in the file.
  const boot = new Database(file);
  boot.pragma("journal_mode = WAL");
  boot.close();
  const adapter = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: REQUIRED_PRAGMAS.busy_timeout });
  return new PrismaClient({ adapter });
}

/** The client a transaction callback gets: every function that writes inside a caller's transaction takes one. */
export type Tx = Prisma.TransactionClient;

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
