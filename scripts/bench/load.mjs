#!/usr/bin/env node
// The load generator of the benchmark: autocannon in this process, started by run.mjs as
// `taskset -c 1 node scripts/bench/load.mjs <config.json> <out.json>` while the server is pinned to core 0.
//
// Per target: a short single-connection pass (unloaded latency), a warm-up at full load (discarded), then
// `runs` measured runs. Between runs the server is drained: autocannon abandons the requests still in flight
// when a run ends, the server still works them off, and they must not count against the next run.
// Every response time is kept, so p95 is exact (autocannon reports p90 / p97.5 / p99, over 2xx only).
// The server's own CPU time per request (from /proc) is recorded too: unlike latency it hardly depends on
// what else runs on the machine.
import { CLK_TCK, serverCpu as serverCpuOf } from "./server-processes.mjs";
import fs from "node:fs";
import os from "node:os";
import autocannon from "autocannon";

const [configFile, outFile] = process.argv.slice(2);
if (!configFile || !outFile) {
  console.error("usage: node scripts/bench/load.mjs <config.json> <out.json>");
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(configFile, "utf8"));
for (const u of [...config.targets.map((t) => t.url), config.healthUrl]) {
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(u).hostname))
    throw new Error(`refusing a non-loopback address: ${u}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (n, d = 2) =>
  n == null || Number.isNaN(n) ? null : Math.round(n * 10 ** d) / 10 ** d;
function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[
    Math.min(
      sorted.length - 1,
      Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)
    )
  ];
}

/** CPU seconds of the server and its child processes (the reading service does a search's readings). */
const serverCpu = () => serverCpuOf(config.serverPid);
/** Busy CPU seconds of the whole machine so far. */
function machineBusy() {
  try {
    const cpu = fs
      .readFileSync("/proc/stat", "utf8")
      .split("\n")[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0);
    return (cpu.reduce((s, x) => s + x, 0) - idle) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Waits until the server answers /healthz quickly again, i.e. has worked off abandoned requests. */
async function drain() {
  const started = Date.now();
  while (Date.now() - started < 180_000) {
    const t = performance.now();
    try {
      await fetch(config.healthUrl, { signal: AbortSignal.timeout(60_000) });
    } catch {
      /* keep waiting */
    }
    if (performance.now() - t < 30) return Date.now() - started;
    await sleep(50);
  }
  return -1;
}

function once(url, { seconds, connections, rate, headers }) {
  return new Promise((resolve, reject) => {
    const times = [];
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        headers: { ...config.headers, ...headers },
        ...(rate ? { overallRate: rate } : {}),
      },
      (err, result) => (err ? reject(err) : resolve({ result, times }))
    );
    instance.on("response", (_client, _status, _bytes, responseTime) =>
      times.push(responseTime)
    );
  });
}

async function measured(url, settings) {
  const cpu0 = serverCpu();
  const busy0 = machineBusy();
  const self0 = process.cpuUsage();
  const { result, times } = await once(url, settings);
  const serverSeconds = cpu0 == null ? null : serverCpu() - cpu0;
  const selfSeconds = (() => {
    const d = process.cpuUsage(self0);
    return (d.user + d.system) / 1e6;
  })();
  const busySeconds = busy0 == null ? null : machineBusy() - busy0;
  const drainMs = await drain();
  times.sort((a, b) => a - b);
  const requests = result.requests.total;
  return {
    requests,
    seconds: result.duration,
    rps: round(requests / result.duration, 1),
    latencyMs: {
      // Every response (all status codes), exact.
      p50: round(percentile(times, 50)),
      p90: round(percentile(times, 90)),
      p95: round(percentile(times, 95)),
      p99: round(percentile(times, 99)),
      max: round(times[times.length - 1] ?? null),
      mean: round(times.reduce((s, x) => s + x, 0) / (times.length || 1)),
    },
    // autocannon's own histogram (2xx only), to cross-check.
    autocannon: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [
        code,
        v.count,
      ])
    ),
    bytesPerResponse: requests
      ? Math.round(result.throughput.total / requests)
      : 0,
    // CPU the server spent per completed request; and CPU other processes used meanwhile (noise), in cores.
    serverCpuMsPerRequest:
      serverSeconds == null || !requests
        ? null
        : round((serverSeconds * 1000) / requests, 1),
    serverCores:
      serverSeconds == null ? null : round(serverSeconds / result.duration),
    otherCores:
      busySeconds == null || serverSeconds == null
        ? null
        : round(
            Math.max(0, busySeconds - serverSeconds - selfSeconds) /
              result.duration
          ),
    drainMs,
  };
}

const out = {
  startedAt: new Date().toISOString(),
  pid: process.pid,
  cpus: os.cpus().length,
  targets: [],
};
for (const t of config.targets) {
  const line = (s) => process.stderr.write(s);
  // A target's own headers (the session cookie of a signed-in resident) on top of the browser-like ones.
  const headers = t.headers ?? {};
  line(`  ${t.name.padEnd(16)}`);
  await drain();
  let idle = null;
  if (config.idleSeconds > 0) {
    line(` 1-conn ${config.idleSeconds}s`);
    idle = await measured(t.url, {
      seconds: config.idleSeconds,
      connections: 1,
      headers,
    });
  }
  if (config.warmup > 0) {
    line(` · warm-up ${config.warmup}s`);
    await once(t.url, {
      seconds: config.warmup,
      connections: config.connections,
      rate: config.rate,
      headers,
    });
    await drain();
  }
  const runs = [];
  for (let i = 0; i < config.runs; i++) {
    line(` · run ${i + 1}/${config.runs}`);
    const r = await measured(t.url, {
      seconds: config.duration,
      connections: config.connections,
      rate: config.rate,
      headers,
    });
    runs.push(r);
    line(
      ` (${r.rps}/s p95 ${r.latencyMs.p95 ?? "–"} ms${
        r.drainMs > 1000 ? `, drained ${(r.drainMs / 1000).toFixed(1)}s` : ""
      })`
    );
  }
  line("\n");
  out.targets.push({ name: t.name, path: t.path, idle, runs });
  fs.writeFileSync(outFile, JSON.stringify(out, null, 2)); // partial results survive an aborted run
}
out.finishedAt = new Date().toISOString();
fs.writeFileSync(outFile, JSON.stringify(out, null, 2));
