// How an instance is exposed decides what it may offer. A server bound to loopback is someone's own machine: it may
// carry demo people and the development mail viewer. A server bound to any other address can be reached by others,
// so it gets production defaults: an explicit public origin, no demo accounts unless asked for, no mail viewer.
// Plain JS: scripts/start.mjs and the seed need this before the app is built; app/utils/env.server.ts imports the same file.
import path from "node:path";

/** Host names and addresses that only this machine can reach. */
export function isLoopbackHost(host) {
  const h = String(host ?? "").trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A peer address from the socket (never from a header): 127.0.0.0/8, ::1 or their IPv4-mapped forms. */
export function isLoopbackAddress(address) {
  const a = String(address ?? "").toLowerCase();
  return a === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(a);
}

/** What sample data an empty database receives: everything with demo people, the shared lists only, or nothing. */
export const SEED_MODES = ["demo", "base", "0"];

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ host: string, loopback: boolean, seed: string, problems: string[] }}
 */
export function deploymentMode(env) {
  const host = env.HOST || "127.0.0.1";
  const loopback = isLoopbackHost(host);
  const problems = [];
  if (!loopback && !env.APP_ORIGIN) {
    problems.push(
      `HOST=${host} makes the portal reachable from other machines, so APP_ORIGIN must say its public address ` +
        "(for example APP_ORIGIN=https://tsunagu.example.jp): links in emails and the cross-site check depend on it.",
    );
  }
  const seed = env.SEED || (loopback ? "demo" : "base");
  if (!SEED_MODES.includes(seed)) problems.push(`SEED=${seed} is not one of ${SEED_MODES.join(", ")}.`);
  return { host, loopback, seed, problems };
}

/**
 * The SQLite file: DATABASE_PATH, else tsunagu.db in DATA_DIR (default ./data), as an absolute path.
 * @param {Record<string, string | undefined>} env
 */
/**
 * The PostgreSQL URL the portal runs on, or null for the SQLite file (docs/decisions/022-postgresql.md): the one
 * reading of DATABASE_URL for the scripts (start, seed, backups, two instances); the app validates it in its env.
 */
export function postgresUrl(env) {
  return /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? "") ? env.DATABASE_URL : null;
}

export function databaseFile(env) {
  return path.resolve(env.DATABASE_PATH ?? path.join(env.DATA_DIR ?? "./data", "tsunagu.db"));
}

/**
 * The V8 heap limit of each server process, as node's flag: SERVER_HEAP_MB (default 256; 0 leaves node's own).
 * Why: V8 grows its heap lazily up to about a quarter of the machine's memory, so under load a worker held 600 MB
 * and more of garbage it had not yet collected; with a limit it collects sooner, for the same throughput, and the
 * server stays within its 400 MB budget (issue 13). The live heap under the benchmark's load stays well below it.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function heapLimitArgs(env) {
  const raw = env.SERVER_HEAP_MB || "256";
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 0) throw new Error(`SERVER_HEAP_MB=${raw} must be a whole number of megabytes (0 for node's default)`);
  return mb === 0 ? [] : [`--max-old-space-size=${mb}`];
}
