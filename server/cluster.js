// The primary of a clustered server (WEB_CONCURRENCY > 1): it forks the workers that serve HTTP on the shared port,
// serves nothing itself, and
// - gives the "jobs" role (the email worker and its periodic jobs, see boot() in app/entry.server.tsx) to the
//   worker in slot 1 only, through TSUNAGU_JOBS in its environment; the replacement of that worker inherits it,
//   and is forked only once the one it replaces has exited, so the jobs never run twice at once;
// - replaces a worker that dies, at once if it had been running for a while, otherwise after a growing pause
//   (1 s, 2 s, 4 s … at most 30 s) so that a crash loop does not spin;
// - stops the whole server when a worker fails before its first start completes (as a single process that cannot
//   boot exits with 1), so a broken configuration or database is not retried for ever;
// - relays cache invalidations between the workers (cache-sync.js);
// - on SIGTERM or SIGINT stops every worker gracefully (each finishes its requests) and exits when they have.
import cluster from "node:cluster";
import { relayCacheSync } from "./cache-sync.js";

const STABLE_MS = 30_000;
const FIRST_PAUSE_MS = 1000;
const MAX_PAUSE_MS = 30_000;
const STOP_GRACE_MS = 10_000;

/** The environment that tells a worker which slot it fills and whether it runs the jobs. */
export function workerEnv(slot) {
  return { TSUNAGU_WORKER: String(slot), TSUNAGU_JOBS: slot === 1 ? "1" : "0" };
}

/** How long to wait before replacing a worker, given how many in a row died soon after starting. */
export function restartPause(quickDeaths) {
  return quickDeaths === 0 ? 0 : Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (quickDeaths - 1));
}

/** @param {{ workers: number, log?: Pick<Console, "log" | "error"> }} options */
export function runPrimary({ workers, log = console }) {
  /** slot → { worker, startedAt, listened, quickDeaths, timer } */
  const slots = new Map();
  let stopping = false;

  relayCacheSync();
  // Shared pages are Buffers: structured clone carries them as bytes, JSON would turn each into a list of numbers.
  cluster.setupPrimary({ serialization: "advanced" });

  const fork = (slot) => {
    const state = slots.get(slot) ?? { quickDeaths: 0, listened: false };
    state.timer = undefined;
    state.worker = cluster.fork(workerEnv(slot));
    state.startedAt = Date.now();
    state.worker.once("listening", () => (state.listened = true));
    slots.set(slot, state);
  };

  const slotOf = (worker) => [...slots].find(([, state]) => state.worker === worker)?.[0];

  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    for (const state of slots.values()) clearTimeout(state.timer);
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(code);
    for (const worker of alive) worker.process.kill("SIGTERM");
    // Workers that do not finish in time are not waited for.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker.process.kill("SIGKILL");
      process.exit(code);
    }, STOP_GRACE_MS).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const slot = slotOf(worker);
    const state = slots.get(slot);
    if (!state) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!state.listened) {
      log.error(`✗ worker ${slot} (pid ${worker.process.pid}) exited (${how}) before it could serve: stopping`);
      stop(1);
      return;
    }
    state.quickDeaths = Date.now() - state.startedAt < STABLE_MS ? state.quickDeaths + 1 : 0;
    const pause = restartPause(state.quickDeaths);
    log.error(`✗ worker ${slot} (pid ${worker.process.pid}) exited (${how}); starting a new one${pause ? ` in ${pause / 1000} s` : ""}`);
    // This slot has served before: a replacement that fails to start is retried after a pause, not fatal.
    state.timer = setTimeout(() => {
      if (!stopping) fork(slot);
    }, pause);
  });

  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => stop(0));

  log.log(`Tsunagu: primary ${process.pid} starts ${workers} workers (WEB_CONCURRENCY)`);
  for (let slot = 1; slot <= workers; slot += 1) fork(slot);
}
