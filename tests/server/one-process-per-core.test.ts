import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runUntilExit, startServer, type RunningServer } from "../support/server-process";
import { startResendRecorder, type ResendRecorder } from "../support/resend-recorder";
import { prepareBurst, type BurstSetup } from "../support/registration-burst";
import { openConnection, pidHoldingConnection, type Connection } from "../support/http-connection";

// Issue 13, item 3: the production server uses every core, one worker process each on the one SQLite file, with the
// email worker and periodic jobs running exactly once and every worker's caches emptied by a write in any of them.
// Against the built server with WEB_CONCURRENCY=2, over HTTP.

const PORT = 3401;
const RECORDER_PORT = 3402;
const TAKEN_PORT = 3403;
/** A capacity no seeded date has, so "残り N 名" on the page can only be this date's. */
const SEATS = 37;

let server: RunningServer;
let recorder: ResendRecorder;
let setup: BurstSetup;
const opened: Connection[] = [];

beforeAll(async () => {
  recorder = await startResendRecorder({ port: RECORDER_PORT });
  server = await startServer({
    port: PORT,
    env: {
      WEB_CONCURRENCY: "2",
      PUBLIC_CACHE_TTL_MS: "30000",
      RESEND_API_KEY: "re_test",
      RESEND_BASE_URL: recorder.url,
      EMAIL_WORKER_INTERVAL_MS: "200",
    },
  });
  setup = prepareBurst(server.dbFile, { residents: 12, seats: SEATS, dates: 2 });
}, 120_000);

afterAll(async () => {
  for (const connection of opened) connection.close();
  await server?.stop();
  await recorder?.close();
});

/** One kept-alive connection held by each worker (the primary hands new connections to the workers in turn). */
async function connectionPerWorker(): Promise<Map<number, Connection>> {
  const byWorker = new Map<number, Connection>();
  // The primary hands connections to the workers that are listening; on a busy machine the second one may take a
  // moment longer to start listening, so keep opening connections (for up to 10 s) until both have answered.
  const deadline = Date.now() + 10_000;
  for (let i = 0; byWorker.size < 2 && (i < 10 || Date.now() < deadline); i += 1) {
    if (i >= 10) await new Promise((resolve) => setTimeout(resolve, 100));
    const connection = openConnection(server.url);
    opened.push(connection);
    expect((await connection.request("/healthz")).status).toBe(200);
    const pid = pidHoldingConnection(PORT, connection.localPort(), server.workerPids());
    if (pid && !byWorker.has(pid)) byWorker.set(pid, connection);
  }
  return byWorker;
}

const registration = (cookie: string, eventDateId: number) => ({
  method: "POST",
  headers: { Cookie: cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "ja" },
  body: new URLSearchParams({ intent: "register", eventDateId: String(eventDateId), partySize: "1", consent: "on" }).toString(),
});

function addressesRegisteredFor(eventDateId: number): string[] {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    const rows = db.prepare(`SELECT u.email FROM "Registration" r JOIN "User" u ON u.id = r."userId" WHERE r."eventDateId" = ?`).all(eventDateId) as { email: string }[];
    return rows.map((r) => r.email);
  } finally {
    db.close();
  }
}

const sentTo = (address: string) => recorder.requests.filter((r) => (r.body as { to?: string[] }).to?.includes(address));

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe("one worker process per core (WEB_CONCURRENCY=2)", () => {
  it("forks two workers, and both answer requests", async () => {
    const workers = server.workerPids();
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(server.pid);
    const byWorker = await connectionPerWorker();
    expect([...byWorker.keys()].sort()).toEqual([...workers].sort());
    expect(server.output()).toMatch(/worker 1 \(pid \d+, runs the jobs\) listening/);
    expect(server.output()).toMatch(/worker 2 \(pid \d+\) listening/);
  });

  it("a registration answered by one worker is on the other worker's cached pages and cached results at once", async () => {
    const [onA, onB] = [...(await connectionPerWorker()).values()];
    const page = `/events/${setup.eventId}`;
    const eventDateId = setup.dateIds[0]!;
    // Worker B caches the anonymous page, and (for a signed-in resident, who never gets a cached page) the event's
    // query results.
    await onB!.request(page, { headers: { "Accept-Language": "ja" } });
    const cached = await onB!.request(page, { headers: { "Accept-Language": "ja" } });
    expect(cached.headers["x-page-cache"]).toBe("hit");
    expect(cached.body).toContain(`残り ${SEATS} 名`);
    const other = { headers: { Cookie: setup.cookies[1]!, "Accept-Language": "ja" } };
    expect((await onB!.request(page, other)).body).toContain(`残り ${SEATS} 名`);

    const registered = await onA!.request(page, registration(setup.cookies[0]!, eventDateId));
    expect(registered.status).toBe(303);
    expect(registered.headers.location).toBe(`${page}?registered=${eventDateId}`);

    const anonymous = await onB!.request(page, { headers: { "Accept-Language": "ja" } });
    expect(anonymous.headers["x-page-cache"]).toBeUndefined();
    expect(anonymous.body).toContain(`残り ${SEATS - 1} 名`);
    expect((await onB!.request(page, other)).body).toContain(`残り ${SEATS - 1} 名`);
  });

  it("a page one worker rendered is served by the other from its cache, with the same bytes, without rendering it again", async () => {
    const [onA, onB] = [...(await connectionPerWorker()).values()];
    // A page and language nobody has asked for yet in this file.
    const page = `/events/${setup.eventId}`;
    const english = { headers: { "Accept-Language": "en" } };
    const rendered = await onA!.request(page, english);
    expect(rendered.status).toBe(200);
    expect(rendered.headers["x-page-cache"]).toBeUndefined();
    // The copy travels once it is gzipped (off the request path), through the primary: well under a second. B's
    // first answer must already be that copy (had B rendered it, it would carry no X-Page-Cache).
    await new Promise((r) => setTimeout(r, 1500));
    const fromB = await onB!.request(page, english);
    expect(fromB.headers["x-page-cache"]).toBe("hit");
    expect(fromB.body).toBe(rendered.body);
  });

  it("the workers read Japanese through the one reading service, instead of loading a dictionary each", async () => {
    const service = server.readingServicePid();
    expect(service).toBeDefined();
    const byWorker = await connectionPerWorker();
    // A kanji query is read (こどもしょくどう) to find what is written in kana too: each worker needs a reading.
    for (const connection of byWorker.values()) {
      const found = await connection.request(`/search?q=${encodeURIComponent("子ども食堂")}`, { headers: { "Accept-Language": "ja" } });
      expect(found.status).toBe(200);
    }
    const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
    // The dictionary (~280 MB) is in the service; a worker holding one too would be larger than the service.
    expect(rssMb(service!)).toBeGreaterThan(200);
    for (const pid of byWorker.keys()) expect(rssMb(pid), `worker ${pid}`).toBeLessThan(rssMb(service!));
    expect(server.output()).not.toContain("reading service unavailable");
  });

  it("every queued email is delivered exactly once, by one sender keeping Resend's pace", async () => {
    const connections = [...(await connectionPerWorker()).values()];
    const eventDateId = setup.dateIds[1]!;
    // Eight residents register, each through the worker in turn: both workers queue emails.
    for (let i = 2; i < 10; i += 1) {
      const answer = await connections[i % 2]!.request(`/events/${setup.eventId}`, registration(setup.cookies[i]!, eventDateId));
      expect(answer.status).toBe(303);
    }
    const addresses = addressesRegisteredFor(eventDateId);
    expect(addresses).toHaveLength(8);
    expect(await waitFor(() => addresses.every((a) => sentTo(a).length > 0), 20_000)).toBe(true);
    // Long enough for a second sender to have sent anything twice.
    await new Promise((r) => setTimeout(r, 1500));

    for (const address of addresses) {
      const requests = sentTo(address);
      expect(requests.map((r) => r.status), address).toEqual([200]);
    }
    const keys = addresses.map((a) => sentTo(a)[0]!.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(8);
    // One sender waits MIN_INTERVAL_MS (500 ms) after each answer: two senders would each keep that pace, and
    // together break Resend's 2 requests per second.
    const arrivals = recorder.requests.map((r) => r.at).sort((a, b) => a - b);
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(450);

    const db = new Database(server.dbFile, { readonly: true });
    const sent = db
      .prepare(`SELECT COUNT(*) AS n FROM "EmailOutbox" WHERE status = 'sent' AND "toAddress" IN (${addresses.map(() => "?").join(",")})`)
      .get(...addresses) as { n: number };
    db.close();
    expect(sent.n).toBe(8);
  }, 40_000);

  it("a worker killed with SIGKILL is replaced while the other answers; the replacement takes over the jobs", async () => {
    const jobsPid = Number(/worker 1 \(pid (\d+), runs the jobs\) listening/.exec(server.output())?.[1]);
    expect(server.workerPids()).toContain(jobsPid);
    const exitLine = `worker 1 (pid ${jobsPid}) exited (signal SIGKILL)`;
    const replacementLine = new RegExp(`worker 1 \\(pid (?!${jobsPid}\\b)\\d+, runs the jobs\\) listening`);

    // Every 200 ms a request on a new connection, from before the kill until after the replacement serves. A request
    // the primary had already handed to the killed worker is lost with it; every one after the primary noticed
    // the death must be answered (by the other worker, until the replacement listens).
    const answers: Promise<{ after: boolean; result: number | string }>[] = [];
    const ask = () => {
      const after = server.output().includes(exitLine);
      return new Promise<{ after: boolean; result: number | string }>((resolve) => {
        const req = http.get(`${server.url}/healthz`, { agent: false, timeout: 10_000 }, (res) => {
          res.resume();
          res.on("end", () => resolve({ after, result: res.statusCode ?? 0 }));
        });
        req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
        req.on("error", (error) => resolve({ after, result: error.message }));
      });
    };
    // Sent without waiting for each other: one stuck request must not hide the ones after it.
    const poller = setInterval(() => answers.push(ask()), 200);
    await new Promise((r) => setTimeout(r, 300));
    process.kill(jobsPid, "SIGKILL");
    const replaced = await waitFor(() => replacementLine.test(server.output()) && server.workerPids().length === 2, 45_000);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(poller);
    const settled = await Promise.all(answers);
    expect(replaced, server.output()).toBe(true);
    expect(server.workerPids()).not.toContain(jobsPid);
    expect(server.output()).toContain(exitLine);
    const afterExit = settled.filter((a) => a.after).map((a) => a.result);
    // The restart waits 1 s (the worker had been up for less than 30 s), then the new worker boots.
    expect(afterExit.length).toBeGreaterThanOrEqual(5);
    expect(afterExit.filter((r) => r !== 200)).toEqual([]);

    // The new worker 1 sends the email of a registration made now.
    const eventDateId = setup.dateIds[1]!;
    const connection = openConnection(server.url);
    opened.push(connection);
    const before = addressesRegisteredFor(eventDateId);
    expect((await connection.request(`/events/${setup.eventId}`, registration(setup.cookies[10]!, eventDateId))).status).toBe(303);
    const newcomer = addressesRegisteredFor(eventDateId).find((a) => !before.includes(a));
    expect(newcomer).toBeDefined();
    expect(await waitFor(() => sentTo(newcomer!).length === 1, 15_000)).toBe(true);
  }, 120_000);
});

describe("a clustered server that cannot start", () => {
  it("stops with exit code 1 when its workers fail before they serve (here: the port is taken), instead of retrying", async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(TAKEN_PORT, "127.0.0.1", resolve));
    try {
      const { code, output } = await runUntilExit({ port: TAKEN_PORT, env: { WEB_CONCURRENCY: "2" }, timeoutMs: 60_000 });
      expect(code).toBe(1);
      expect(output).toMatch(/worker \d \(pid \d+\) exited \(code 1\) before it could serve: stopping/);
    } finally {
      squatter.close();
    }
  }, 90_000);
});
