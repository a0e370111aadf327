import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { WRITE_TX, assertDatabasePragmas, prisma } from "~/utils/db.server";

// With one server process per core, a write transaction often has to wait for another process's write lock
// (ADR 010). The wait must not stop the waiting process: better-sqlite3 is synchronous, so SQLite's own busy
// handler would sleep with the whole event loop (every other request of that worker, and its answers to the other
// workers' cache news). And a wait that ends in failure must leave later transactions free to run.

/** Another process takes the write lock and keeps it for `ms`; resolves once it holds it, with when it let go. */
async function holdWriteLockElsewhere(ms: number) {
  const child = spawn(
    process.execPath,
    ["-e", `const D = require("better-sqlite3"); const d = new D(process.argv[1]); d.exec("BEGIN IMMEDIATE"); console.log("locked"); setTimeout(() => { d.exec("COMMIT"); d.close(); }, Number(process.argv[2]));`, process.env.DATABASE_PATH!, String(ms)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`lock holder exited (${code}) before taking the lock`)));
  });
  return { released: new Promise<void>((resolve) => child.on("exit", () => resolve())) };
}

const touch = () => prisma.$transaction(async (tx) => tx.$executeRaw`UPDATE "Area" SET "sortOrder" = "sortOrder" WHERE "id" = -1`, WRITE_TX);

describe("the SQLite database the app runs on", () => {
  it("has WAL, synchronous=FULL, foreign keys and a busy timeout on the app's connection", async () => {
    await expect(assertDatabasePragmas()).resolves.toBeUndefined();
    const [mode] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode!.journal_mode).toBe("wal");
  });
});

describe("a write transaction waiting for another process's write lock", () => {
  it("waits for it without stopping this process, then runs", async () => {
    // The client's first query starts its engine (asynchronously): done before, so only the wait is measured.
    await touch();
    const { released } = await holdWriteLockElsewhere(600);
    let longestPause = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      longestPause = Math.max(longestPause, performance.now() - last);
      last = performance.now();
    }, 5);
    const started = performance.now();
    await touch();
    const waited = performance.now() - started;
    clearInterval(ticker);
    longestPause = Math.max(longestPause, performance.now() - last);
    await released;
    expect(waited).toBeGreaterThan(300);
    // The timer kept firing while the transaction waited (it would pause for the whole wait in SQLite's handler).
    expect(longestPause).toBeLessThan(150);
  });

  it("gives up after busy_timeout (5 s) with an error, and the next transaction runs", async () => {
    const { released } = await holdWriteLockElsewhere(6500);
    const started = performance.now();
    await expect(touch()).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThan(4500);
    await released;
    await expect(touch()).resolves.toBe(0);
  }, 20_000);
});
