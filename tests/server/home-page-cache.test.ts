import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server-process";
import { SESSION_COOKIE, insertSession } from "../support/session-rows";

// The home page carries 「あなたへのおすすめ」 for a signed-in resident; the page cache must keep sharing one
// anonymous copy and never store, nor serve, a personal one.

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { PUBLIC_CACHE_TTL_MS: "30000", WEB_CONCURRENCY: "1" } });
}, 120_000);
afterAll(async () => server?.stop());

function residentCookie(): string {
  const db = new Database(server.dbFile);
  try {
    db.pragma("busy_timeout = 5000");
    const { id } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get("resident@example.jp") as { id: number };
    return `${SESSION_COOKIE}=${insertSession(db, id)}`;
  } finally {
    db.close();
  }
}

describe("the home page and the page cache", () => {
  it("serves anonymous visitors one cached copy without proposals, and a signed-in resident their own, never cached", async () => {
    const first = await fetch(`${server.url}/?cache-check=home`);
    expect(first.status).toBe(200);
    expect(await first.text()).not.toContain('id="for-you"');
    const again = await fetch(`${server.url}/?cache-check=home`);
    expect(again.headers.get("x-page-cache")).toBe("hit");

    const cookie = residentCookie();
    const personal = await fetch(`${server.url}/?cache-check=home`, { headers: { Cookie: cookie } });
    expect(personal.headers.get("x-page-cache")).toBeNull();
    expect(personal.headers.get("cache-control")).toMatch(/private/);
    expect(personal.headers.get("cache-control")).toMatch(/no-store/);
    expect(await personal.text()).toContain('id="for-you"');

    // The personal copy reached nobody else: the anonymous copy is still the cached, public one.
    const later = await fetch(`${server.url}/?cache-check=home`);
    expect(later.headers.get("x-page-cache")).toBe("hit");
    expect(await later.text()).not.toContain('id="for-you"');
  });
});
