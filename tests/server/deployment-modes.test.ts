import fs from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFile, runUntilExit, startServer } from "../support/server-process";

// Issue 8, item 2: no demo door on a reachable server. A loopback-bound `npm start` stays a one-command demo; a
// server bound to any other address needs its public origin, gets no demo people unless asked, and never shows
// the mail viewer. (Binding 0.0.0.0 here is brief and every request goes to 127.0.0.1.)

const REACHABLE = { HOST: "0.0.0.0" };
const count = (db: string, sql: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(sql).get() as { n: number }).n;
  } finally {
    d.close();
  }
};
// The banner as the page shows it (the words alone also travel in the page's embedded translations).
const banner = (words: string) => new RegExp(`<p class="demo-banner" role="note"><strong>${words}</strong>`);
const BANNER = banner("デモ用サイト");

describe("a server others can reach", () => {
  it.each(["server.mjs", "scripts/start.mjs"] as const)("%s refuses to start on HOST=0.0.0.0 without APP_ORIGIN", async (script) => {
    const db = databaseFile("empty");
    const { code, output } = await runUntilExit({ script, db, env: { ...REACHABLE, APP_ORIGIN: undefined } });
    expect(code).toBe(1);
    expect(output).toContain("APP_ORIGIN");
    // start.mjs stops before touching the database.
    if (script === "scripts/start.mjs") expect(fs.existsSync(db)).toBe(false);
  });

  it("starts with APP_ORIGIN, seeds the areas and lists but no people, shows no demo banner and no mail viewer", async () => {
    const db = databaseFile("empty");
    const server = await startServer({ script: "scripts/start.mjs", db, env: { ...REACHABLE, APP_ORIGIN: "https://tsunagu.example.jp" } });
    try {
      expect(count(db, "SELECT COUNT(*) AS n FROM Area")).toBeGreaterThan(0);
      expect(count(db, "SELECT COUNT(*) AS n FROM User")).toBe(0);
      expect(await (await fetch(`${server.url}/`)).text()).not.toMatch(BANNER);
      expect((await fetch(`${server.url}/dev/mail`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  }, 180_000);

  it("seeds demo people only when asked (SEED=demo), and then every page says it is a demo site", async () => {
    const db = databaseFile("empty");
    const server = await startServer({
      script: "scripts/start.mjs",
      db,
      env: { ...REACHABLE, APP_ORIGIN: "https://tsunagu.example.jp", SEED: "demo" },
    });
    try {
      expect(count(db, "SELECT COUNT(*) AS n FROM User WHERE demo = 1")).toBeGreaterThan(0);
      for (const path of ["/", "/places", "/login", "/no-such-page"]) {
        expect(await (await fetch(`${server.url}${path}`)).text(), path).toMatch(BANNER);
      }
      // Reachable by others: the mail viewer does not exist, even for a visitor on this machine.
      expect((await fetch(`${server.url}/dev/mail`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  }, 240_000);
});

describe("a loopback-bound server (the two-command local start)", () => {
  it("shows the demo banner in every language while demo people exist, and not once they are gone", async () => {
    const db = databaseFile("seeded");
    let server = await startServer({ db });
    try {
      expect(await (await fetch(`${server.url}/?lng=ja`)).text()).toMatch(BANNER);
      expect(await (await fetch(`${server.url}/?lng=en`)).text()).toMatch(banner("Demo site"));
    } finally {
      await server.stop();
    }
    const d = new Database(db);
    d.prepare("UPDATE User SET demo = 0").run();
    d.close();
    server = await startServer({ db });
    try {
      expect(await (await fetch(`${server.url}/`)).text()).not.toMatch(BANNER);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("opens the mail viewer to a visitor on this machine, whatever Host, X-Forwarded-* or Origin say", async () => {
    const server = await startServer({ env: { TRUST_PROXY: "1" } });
    try {
      expect((await fetch(`${server.url}/dev/mail`)).status).toBe(200);
      const disguised = await fetch(`${server.url}/dev/mail`, {
        headers: { "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "evil.example", Origin: "https://evil.example" },
      });
      expect(disguised.status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("has no mail viewer once an email provider is configured", async () => {
    const server = await startServer({ env: { RESEND_API_KEY: "re_test_not_used", RESEND_BASE_URL: "http://127.0.0.1:9" } });
    try {
      expect((await fetch(`${server.url}/dev/mail`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe("configuration is checked before anything starts", () => {
  it("server.mjs refuses a mistyped number or URL, naming each variable", async () => {
    const { code, output } = await runUntilExit({
      script: "server.mjs",
      db: databaseFile("empty"),
      env: { EMAIL_WORKER_INTERVAL_MS: "5s", RESEND_BASE_URL: "resend.example.jp/api" },
    });
    expect(code).toBe(1);
    expect(output).toContain('EMAIL_WORKER_INTERVAL_MS="5s" is not a number');
    expect(output).toContain('RESEND_BASE_URL="resend.example.jp/api" is not a URL');
  });
});
