import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TEMPLATE_DB } from "../setup/paths";

// The real production server (server.mjs over the built app, or scripts/start.mjs), started as a child process on
// a free loopback port: what the HTTP layer does — body limits, cookies, host checks, the page cache, the
// deployment modes — only exists there. `npm test` builds the app before these tests run.
// Like production, it runs one worker process per core unless a test sets WEB_CONCURRENCY: the RSS and CPU
// figures below are those of the whole server (primary and workers), not of start.mjs.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const BUILD = path.join(ROOT, "build", "index.js");

export type RunningServer = {
  url: string;
  port: number;
  pid: number;
  dbFile: string;
  output: () => string;
  /** Resident memory of the server's processes together, in MB. */
  rssMb: () => number;
  /** CPU time the server's live processes have used so far (user + system), in ms. */
  cpuMs: () => number;
  /** The pids of the cluster's workers (children of the server process); none when it serves alone. */
  workerPids: () => number[];
  /** The reading service the server started (server/reading-service.js), beside its workers. */
  readingServicePid: () => number | undefined;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A database for one server: a copy of the seeded test template, or an empty path for start.mjs to create. */
export function databaseFile(kind: "seeded" | "empty"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsunagu-server-"));
  const file = path.join(dir, "tsunagu.db");
  if (kind === "seeded") fs.copyFileSync(TEMPLATE_DB, file);
  return file;
}

type StartOptions = {
  /** Environment on top of a clean production one (HOST=127.0.0.1, APP_ORIGIN=http://127.0.0.1:PORT). */
  env?: Record<string, string | undefined>;
  /** A fixed port (tests that pick their own); otherwise a free one. */
  port?: number;
  script?: "server.mjs" | "scripts/start.mjs";
  db?: string;
  timeoutMs?: number;
};

function childEnv(port: number, db: string, extra: Record<string, string | undefined>) {
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: "America/Los_Angeles",
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_ORIGIN: `http://127.0.0.1:${port}`,
    DATABASE_PATH: db,
    EMAIL_WORKER_INTERVAL_MS: "60000",
  };
  const env = { ...base, ...extra };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)) as NodeJS.ProcessEnv;
}

/** Runs the server until it exits by itself (for start-up refusals): exit code and everything it printed. */
export async function runUntilExit(options: StartOptions = {}): Promise<{ code: number | null; output: string }> {
  const port = options.port ?? (await freePort());
  const db = options.db ?? databaseFile("seeded");
  const child = spawn(process.execPath, [options.script ?? "server.mjs"], { cwd: ROOT, env: childEnv(port, db, options.env ?? {}) });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(BUILD)) throw new Error("No build: run `npm run build` first (npm test builds before these tests).");
  const port = options.port ?? (await freePort());
  const db = options.db ?? databaseFile("seeded");
  const child: ChildProcess = spawn(process.execPath, [options.script ?? "server.mjs"], {
    cwd: ROOT,
    env: childEnv(port, db, options.env ?? {}),
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited (${exited}) before listening:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /healthz in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  // start.mjs runs the server as its own child; server.mjs forks its workers (one level below).
  const serverPid = () => (options.script === "scripts/start.mjs" ? (childrenOf(child.pid!)[0] ?? child.pid!) : child.pid!);
  const serverPids = () => [serverPid(), ...childrenOf(serverPid())];
  return {
    url,
    port,
    pid: child.pid!,
    dbFile: db,
    output: () => output,
    rssMb: () => sum(serverPids().map((pid) => Number(/VmRSS:\s+(\d+)/.exec(readProc(pid, "status"))?.[1] ?? 0) / 1024)),
    cpuMs: () =>
      sum(
        serverPids().map((pid) => {
          // Fields 14 and 15 of /proc/PID/stat (after the command name in parentheses): utime and stime, in ticks of 10 ms.
          const stat = readProc(pid, "stat");
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          return stat ? (Number(fields[11]) + Number(fields[12])) * 10 : 0;
        }),
      ),
    workerPids: () => childrenOf(serverPid()).filter((pid) => !isReadingService(pid)),
    readingServicePid: () => childrenOf(serverPid()).find(isReadingService),
    stop: async () => {
      if (exited !== undefined) return;
      const gone = new Promise((r) => child.on("exit", r));
      child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (exited === undefined) child.kill("SIGKILL");
    },
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A file of /proc/PID, or "" when the process has just exited. */
function readProc(pid: number, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

/** The reading service names itself (process.title), which shows as its command line. */
function isReadingService(pid: number): boolean {
  return readProc(pid, "cmdline").startsWith("tsunagu-reading");
}

export function childrenOf(pid: number): number[] {
  return readProc(pid, `task/${pid}/children`).trim().split(/\s+/).filter(Boolean).map(Number);
}
