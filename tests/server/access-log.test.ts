import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server-process";
import { SESSION_COOKIE, insertSession } from "../support/session-rows";

// The production server writes one JSON line per request: what an operator needs to follow a request (id, route,
// status, latency, who) and nothing a log must not hold (search words, tokens, addresses, cookies).

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "1" } });
}, 120_000);
afterAll(async () => server?.stop());

type Line = { event: string; requestId: string; method: string; route: string; status: number; ms: number; userId: number | null; cache: string | null; level: string };

function requestLines(): Line[] {
  return server
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{") && l.includes('"http.request"'))
    .map((l) => JSON.parse(l) as Line);
}

/** The log line of the answer with this X-Request-Id (written when the answer has gone out). */
async function lineOf(requestId: string | null): Promise<Line> {
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  for (let i = 0; i < 50; i++) {
    const line = requestLines().find((l) => l.requestId === requestId);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no log line for ${requestId}`);
}

function residentSession(): { cookie: string; userId: number } {
  const db = new Database(server.dbFile);
  try {
    db.pragma("busy_timeout = 5000");
    const { id } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get("resident@example.jp") as { id: number };
    return { cookie: `${SESSION_COOKIE}=${insertSession(db, id)}`, userId: id };
  } finally {
    db.close();
  }
}

describe("the access log", () => {
  it("has one line per request with its id (also sent as X-Request-Id), route, status, latency and cache outcome", async () => {
    const first = await fetch(`${server.url}/places?access-log=1`);
    const line = await lineOf(first.headers.get("x-request-id"));
    expect(line).toMatchObject({ event: "http.request", level: "info", method: "GET", route: "/places", status: 200, userId: null });
    expect(line.ms).toBeGreaterThan(0);
    const again = await fetch(`${server.url}/places?access-log=1`);
    expect((await lineOf(again.headers.get("x-request-id"))).cache).toBe("hit");
    const missing = await fetch(`${server.url}/no-such-page`);
    expect(await lineOf(missing.headers.get("x-request-id"))).toMatchObject({ route: "/no-such-page", status: 404 });
  });

  it("names the signed-in person by user id only, never by name, address or cookie", async () => {
    const { cookie, userId } = residentSession();
    const res = await fetch(`${server.url}/me`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const line = await lineOf(res.headers.get("x-request-id"));
    expect(line).toMatchObject({ route: "/me", status: 200, userId });
    const raw = server.output();
    expect(raw).not.toContain(cookie.split("=")[1]);
    expect(raw).not.toContain("resident@example.jp");
  });

  it("leaves out query strings and tokens in the path, and a client cannot choose the request id the app sees", async () => {
    const search = await fetch(`${server.url}/search?q=${encodeURIComponent("山田花子 090-1234-5678")}`);
    expect(await lineOf(search.headers.get("x-request-id"))).toMatchObject({ route: "/search", status: 200 });
    const token = "12.99999.Zm9vYmFyYmF6cXV4cXV1eA";
    const unsubscribe = await fetch(`${server.url}/unsubscribe/${token}`, { headers: { "X-Tsunagu-Request-Id": "forged-by-client" } });
    const line = await lineOf(unsubscribe.headers.get("x-request-id"));
    expect(line.route).toBe("/unsubscribe/:token");
    expect(line.requestId).not.toBe("forged-by-client");
    const raw = server.output();
    for (const secret of ["山田花子", encodeURIComponent("山田花子"), "090-1234-5678", token]) expect(raw).not.toContain(secret);
  });

  it("logs a refused request too (a cross-site form post), as what it was", async () => {
    const res = await fetch(`${server.url}/login`, { method: "POST", headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: "email=a%40b.jp" });
    expect(res.status).toBe(403);
    expect(await lineOf(res.headers.get("x-request-id"))).toMatchObject({ method: "POST", route: "/login", status: 403 });
  });
});
