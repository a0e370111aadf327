// Production server. With WEB_CONCURRENCY > 1 (the default in production: one per core) this process is the
// primary of a Node cluster (server/cluster.js): it prepares what is created once, forks the workers and serves no
// HTTP itself; each worker (and, with WEB_CONCURRENCY=1, this one process) serves the app through Express
// (server/http-app.js) on the shared port, all of them on the one SQLite file in WAL mode. Configuration comes
// from the app's env.server.ts, through the build. Why one process per core: docs/decisions/010-one-process-per-core.md.
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runPrimary } from "./server/cluster.js";
import { joinInstanceSync } from "./server/instance-sync.js";
import { joinCacheSync } from "./server/cache-sync.js";
import { createHttpApp } from "./server/http-app.js";
import { startReadingService } from "./server/reading-service.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const build = await import(pathToFileURL(path.join(here, "build", "index.js")).href);
const app$ = build.entry.module;
let env;
try {
  env = app$.getEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// One reading dictionary for the whole server, in its own process (server/reading-service.js): started by the first
// process, found by the workers through the environment they inherit.
if (cluster.isPrimary) await startReadingService().ready;

if (cluster.isPrimary && env.WEB_CONCURRENCY > 1) {
  // Created here, once, before any worker starts (importing the build has already set up the database file).
  app$.prepareSharedFiles();
  runPrimary({ workers: env.WEB_CONCURRENCY });
} else {
  // A worker forked by our primary learns its slot and role from its environment (server/cluster.js): only the
  // one in slot 1 runs the email worker and periodic jobs. Any other process serves as if alone.
  const slot = cluster.isWorker ? process.env.TSUNAGU_WORKER : undefined;
  const jobs = slot === undefined || process.env.TSUNAGU_JOBS === "1";
  const cacheSync = joinCacheSync(app$, { clustered: slot !== undefined });
  // On PostgreSQL other instances may share the database: their writes reach this process's caches by NOTIFY.
  if (env.DATABASE_URL) joinInstanceSync(app$, { url: env.DATABASE_URL, log: (line) => console.warn(JSON.stringify(line)) });
  // Verify the database (pragmas, reachability) before taking traffic: fail fast rather than serve errors.
  await app$.boot({ jobs });

  const server = createHttpApp({ build, env, cacheSync }).listen(env.PORT, env.HOST, () => {
    const who = slot ? `worker ${slot} (pid ${process.pid}${jobs ? ", runs the jobs" : ""}) ` : "";
    console.log(`Tsunagu ${who}listening on http://${env.HOST}:${env.PORT} (origin ${env.APP_ORIGIN})`);
  });

  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // Requests in flight finish and the background jobs end their beat (an email being sent is recorded as sent)
      // before the process exits; after 10 s it exits anyway.
      Promise.all([new Promise((resolve) => server.close(resolve)), app$.stopBackgroundJobs?.()]).finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
