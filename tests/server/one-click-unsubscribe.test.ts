import crypto from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetEnv } from "~/utils/env.server";
import { startServer, type RunningServer } from "../support/server-process";

// Issue 12, RFC 8058 against the real production server over HTTP: a mail provider posts the digest's one-click
// unsubscribe from its own servers, with no cookies and an Origin that is not ours (or none). The cross-site check
// lets exactly that path through (and Remix never sees the foreign Origin); every other POST from elsewhere is
// still refused.

const OUTBOX_SECRET_KEY = crypto.randomBytes(32).toString("base64");
let server: RunningServer;
let token: string;
let userId: number;

const digestOn = () => {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    return (db.prepare(`SELECT "notifyDigest" AS digest FROM "Profile" WHERE "userId" = ?`).get(userId) as { digest: number }).digest === 1;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  // The server and this test sign with the same key, so the token made here is one the server accepts.
  process.env.OUTBOX_SECRET_KEY = OUTBOX_SECRET_KEY;
  forgetEnv();
  server = await startServer({ env: { OUTBOX_SECRET_KEY, WEB_CONCURRENCY: "1" } });
  const db = new Database(server.dbFile);
  try {
    userId = (db.prepare(`SELECT id FROM "User" WHERE email = 'resident@example.jp'`).get() as { id: number }).id;
    db.prepare(`UPDATE "Profile" SET "notifyDigest" = 1 WHERE "userId" = ?`).run(userId);
  } finally {
    db.close();
  }
  const { digestUnsubscribeToken } = await import("~/modules/matching/unsubscribe.server");
  token = digestUnsubscribeToken(userId);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  delete process.env.OUTBOX_SECRET_KEY;
  forgetEnv();
});

const oneClick = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: "List-Unsubscribe=One-Click",
    redirect: "manual",
  });

describe("one-click unsubscribe over HTTP", () => {
  it("refuses a foreign POST anywhere else, and to a malformed unsubscribe path", async () => {
    expect((await oneClick("/login", { Origin: "https://mail.example.com" })).status).toBe(403);
    expect((await oneClick(`/unsubscribe/${token}/x`, { Origin: "https://mail.example.com" })).status).toBe(403);
    expect(digestOn()).toBe(true);
  });

  it("a tampered token is answered 400 and changes nothing", async () => {
    const res = await oneClick(`/unsubscribe/${token.slice(0, -3)}abc`, { Origin: "https://mail.example.com" });
    expect(res.status).toBe(400);
    expect(digestOn()).toBe(true);
  });

  it("takes the provider's POST with a foreign Origin and no cookies, then one with no Origin at all", async () => {
    const res = await oneClick(`/unsubscribe/${token}`, { Origin: "https://mail.example.com" });
    expect(res.status).toBe(200);
    expect(digestOn()).toBe(false);
    const again = await oneClick(`/unsubscribe/${token}`);
    expect(again.status).toBe(200);
    // The page's own policy comes last, and the last one a browser knows is the one it applies.
    expect(again.headers.get("Referrer-Policy")).toMatch(/(^|, )no-referrer$/);
  });
});
