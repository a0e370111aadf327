// Gate G8 (SECURITY.md §4): hostile bodies while residents read. Twenty connections read the public pages for a quiet
// phase, then again while other clients keep sending 10 MB bodies, bodies that stall part way, and 1,000-part
// multipart forms. Passes when every oversized body gets 413 within 1 s, every stalled one 408 within 1 s of the
// server's 5 s pause limit, every many-part form a 4xx within 1 s (never a 5xx), and the readers' p95 grows by at
// most 20 %.
//
//   npm run gate:abuse [-- --seconds 20]
import { execFile } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import os from "node:os";
import { databaseFile, startServer } from "../../tests/support/server-process";
import { BODY_DEADLINE_MS } from "../../server/http-input.js";
import { arg, percentile } from "../support/cli";

const SECONDS = Number(arg("seconds", "20"));
// The attackers run in a child process of this script (`--attack <url>`), so that pumping 10 MB bodies does not
// slow the readers' own event loop here: what is measured is the server.
const ATTACK = arg("attack", "");
/** Each attacker pauses this long between its requests: a steady stream of abuse, not a flood of the loopback. */
const ATTACK_PAUSE_MS = 100;
const READERS = 20;
const run = promisify(execFile);
const PAGES = ["/", "/events", "/places", "/volunteer", "/search?q=サロン", "/places?area=fujimi", "/opendata"];

async function readFor(seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: READERS }, async (_, r) => {
      for (let i = r; performance.now() < until; i++) {
        const started = performance.now();
        try {
          const res = await fetch(server.url + PAGES[i % PAGES.length]!);
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { latencies, errors };
}

/** Sends a request by hand: headers, then `write` decides what the body does; resolves with the status and when. */
function hostile(base: string, path: string, headers: Record<string, string>, write: (req: http.ClientRequest) => void): Promise<{ status: number; ms: number }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const started = performance.now();
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      resolve({ status, ms: performance.now() - started });
    };
    const req = http.request({ host: hostname, port, path, method: "POST", headers: { Origin: base, ...headers } });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => finish(res.statusCode ?? 0));
      res.on("error", () => finish(res.statusCode ?? 0));
    });
    req.on("error", () => finish(0));
    write(req);
  });
}

const MB10 = 10 * 1024 * 1024;
const huge = (base: string) =>
  hostile(base, "/login", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(MB10) }, (req) => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < MB10) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
const stalled = (base: string) =>
  hostile(base, "/login", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "2000" }, (req) => {
    req.write("email=" + "a".repeat(100)); // then nothing more
  });
const manyParts = (base: string) => {
  const boundary = "----tsunagu-g8";
  const parts = Array.from({ length: 1000 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join("");
  const body = Buffer.from(`${parts}--${boundary}--\r\n`);
  return hostile(base, "/login", { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(body.length) }, (req) => req.end(body));
};

type Answer = { status: number; ms: number };
async function attack(base: string, seconds: number) {
  const results = { huge: [] as Answer[], stalled: [] as Answer[], manyParts: [] as Answer[] };
  const until = performance.now() + seconds * 1000;
  const loop = async (list: Answer[], send: (base: string) => Promise<Answer>) => {
    while (performance.now() < until) {
      list.push(await send(base));
      await new Promise((resolve) => setTimeout(resolve, ATTACK_PAUSE_MS));
    }
  };
  await Promise.all([
    ...Array.from({ length: 2 }, () => loop(results.huge, huge)),
    ...Array.from({ length: 5 }, () => loop(results.stalled, stalled)),
    ...Array.from({ length: 2 }, () => loop(results.manyParts, manyParts)),
  ]);
  return results;
}

if (ATTACK) {
  const results = await attack(ATTACK, SECONDS);
  process.stdout.write(JSON.stringify(results));
  process.exit(0);
}

const db = databaseFile("empty");
console.log(`• G8 abuse: ${READERS} readers for ${SECONDS} s quiet, then ${SECONDS} s beside 10 MB, stalled and 1,000-part bodies; database ${db}`);
const server = await startServer({ script: "scripts/start.mjs", db, timeoutMs: 180_000 });

let failed = true;
try {
  await readFor(3); // warm-up: pages rendered once and cached
  const quiet = await readFor(SECONDS);
  const child = run(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--attack", server.url, "--seconds", String(SECONDS)], { maxBuffer: 64 * 1024 * 1024 });
  const busy = await readFor(SECONDS);
  const results = JSON.parse((await child).stdout) as Awaited<ReturnType<typeof attack>>;

  const quietP95 = percentile(quiet.latencies, 95);
  const busyP95 = percentile(busy.latencies, 95);
  const hugeOk = results.huge.length > 0 && results.huge.every((r) => r.status === 413 && r.ms <= 1000);
  const stalledOk = results.stalled.length > 0 && results.stalled.every((r) => r.status === 408 && r.ms <= BODY_DEADLINE_MS.idle + 1000);
  const partsOk = results.manyParts.length > 0 && results.manyParts.every((r) => r.status >= 400 && r.status < 500 && r.ms <= 1000);
  const readsOk = quiet.errors === 0 && busy.errors === 0 && busyP95 <= quietP95 * 1.2;
  const ok = hugeOk && stalledOk && partsOk && readsOk;
  failed = !ok;

  const summary = (rs: Answer[]) =>
    `${rs.length} sent, answers ${[...new Set(rs.map((r) => r.status))].join("/")}, slowest ${Math.max(...rs.map((r) => r.ms)).toFixed(0)} ms`;
  console.log(`\nG8 abuse — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, one worker per core`);
  console.log(`readers: quiet ${quiet.latencies.length} requests p50 ${percentile(quiet.latencies, 50).toFixed(1)} / p95 ${quietP95.toFixed(1)} ms, ${quiet.errors} errors`);
  console.log(`readers beside the abuse: ${busy.latencies.length} requests p50 ${percentile(busy.latencies, 50).toFixed(1)} / p95 ${busyP95.toFixed(1)} ms, ${busy.errors} errors (p95 limit ${(quietP95 * 1.2).toFixed(1)} ms)`);
  console.log(`10 MB bodies: ${summary(results.huge)} (413 within 1 s) ${hugeOk ? "✓" : "✗"}`);
  console.log(`stalled bodies: ${summary(results.stalled)} (408 within ${BODY_DEADLINE_MS.idle + 1000} ms) ${stalledOk ? "✓" : "✗"}`);
  console.log(`1,000-part forms: ${summary(results.manyParts)} (4xx within 1 s) ${partsOk ? "✓" : "✗"}`);
  console.log(ok ? "✓ PASS" : "✗ FAIL");
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
