import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

const VALID_OUTBOX_KEY = Buffer.alloc(32, 7).toString("base64");

describe("parseEnv", () => {
  it("fills every default from an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "127.0.0.1",
      APP_ORIGIN: "http://localhost:3000",
      DATABASE_PATH: path.resolve("data", "tsunagu.db"),
      PUBLIC_CACHE_TTL_MS: 30_000,
      PAGE_CACHE_TTL_MS: 300_000,
      EMAIL_WORKER_INTERVAL_MS: 5000,
      EMAIL_FROM: "鶴ヶ島市社会福祉協議会 <noreply@tsunagu.example.jp>",
      MAP_TILE_ORIGIN: "https://cyberjapandata.gsi.go.jp",
      LOOPBACK: true,
      SEED: "demo",
    });
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.RESEND_BASE_URL).toBeUndefined();
    expect(env.OUTBOX_SECRET_KEY).toBeUndefined();
  });

  it("derives the origin from PORT, the database from DATA_DIR and the sender from the council's name", () => {
    const env = parseEnv({ PORT: "4100", DATA_DIR: "/srv/tsunagu", COUNCIL_NAME: "川越市社会福祉協議会" });
    expect(env.APP_ORIGIN).toBe("http://localhost:4100");
    expect(env.DATABASE_PATH).toBe("/srv/tsunagu/tsunagu.db");
    expect(env.EMAIL_FROM).toBe("川越市社会福祉協議会 <noreply@tsunagu.example.jp>");
  });

  it("reads numbers, URLs and email settings when given", () => {
    const env = parseEnv({
      APP_ORIGIN: "https://tsunagu.example.jp/some/path",
      PUBLIC_CACHE_TTL_MS: "0",
      EMAIL_WORKER_INTERVAL_MS: "300",
      RESEND_API_KEY: "re_123",
      RESEND_BASE_URL: "http://127.0.0.1:3199",
      EMAIL_FROM: "つなぐ <info@example.jp>",
      OUTBOX_SECRET_KEY: VALID_OUTBOX_KEY,
      MAP_TILE_URL: "https://tiles.example.jp/{z}/{x}/{y}.png",
    });
    expect(env).toMatchObject({
      APP_ORIGIN: "https://tsunagu.example.jp",
      PUBLIC_CACHE_TTL_MS: 0,
      EMAIL_WORKER_INTERVAL_MS: 300,
      RESEND_API_KEY: "re_123",
      RESEND_BASE_URL: "http://127.0.0.1:3199",
      EMAIL_FROM: "つなぐ <info@example.jp>",
      OUTBOX_SECRET_KEY: VALID_OUTBOX_KEY,
      MAP_TILE_ORIGIN: "https://tiles.example.jp",
    });
  });

  it("treats an empty optional setting as unset, and an empty MAP_TILE_URL as the map turned off", () => {
    const env = parseEnv({ RESEND_API_KEY: "", RESEND_BASE_URL: "", APP_ORIGIN: "", EMAIL_FROM: "", MAP_TILE_URL: "" });
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.RESEND_BASE_URL).toBeUndefined();
    expect(env.APP_ORIGIN).toBe("http://localhost:3000");
    expect(env.EMAIL_FROM).toContain("noreply@tsunagu.example.jp");
    expect(env.MAP_TILE_ORIGIN).toBe("");
  });

  it.each([
    [{ PORT: "abc" }, 'PORT="abc" is not a number'],
    [{ PORT: "70000" }, 'PORT="70000" must be at most 65535'],
    [{ EMAIL_WORKER_INTERVAL_MS: "5s" }, 'EMAIL_WORKER_INTERVAL_MS="5s" is not a number'],
    [{ EMAIL_WORKER_INTERVAL_MS: "0" }, 'EMAIL_WORKER_INTERVAL_MS="0" must be at least 100'],
    [{ PUBLIC_CACHE_TTL_MS: "-1" }, 'PUBLIC_CACHE_TTL_MS="-1" must be at least 0'],
    [{ PAGE_CACHE_TTL_MS: "0" }, 'PAGE_CACHE_TTL_MS="0" must be at least 1000'],
    [{ PUBLIC_CACHE_TTL_MS: "1.5" }, 'PUBLIC_CACHE_TTL_MS="1.5" must be a whole number'],
  ])("refuses the invalid number %o", (source, message) => {
    expect(() => parseEnv(source)).toThrow(`Invalid environment: ${message}`);
  });

  it.each([
    [{ APP_ORIGIN: "tsunagu.example.jp" }, 'APP_ORIGIN="tsunagu.example.jp" is not a URL'],
    [{ APP_ORIGIN: "ftp://tsunagu.example.jp" }, 'APP_ORIGIN="ftp://tsunagu.example.jp" must start with http:// or https://'],
    [{ RESEND_BASE_URL: "localhost:3199" }, 'RESEND_BASE_URL="localhost:3199" must start with http:// or https://'],
    [{ MAP_TILE_URL: "tiles/{z}/{x}/{y}.png" }, 'MAP_TILE_URL="tiles/{z}/{x}/{y}.png" must be an http(s) URL template or empty'],
  ])("refuses the invalid URL %o", (source, message) => {
    expect(() => parseEnv(source)).toThrow(`Invalid environment: ${message}`);
  });

  it("names every invalid variable at once", () => {
    expect(() => parseEnv({ PORT: "x", APP_ORIGIN: "nowhere" })).toThrow(/PORT="x" is not a number; APP_ORIGIN="nowhere" is not a URL/);
  });

  it("refuses an outbox key of the wrong length without repeating the secret", () => {
    const short = Buffer.alloc(16, 1).toString("base64");
    let message = "";
    try {
      parseEnv({ OUTBOX_SECRET_KEY: short });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("OUTBOX_SECRET_KEY must be 32 bytes, base64-encoded");
    expect(message).not.toContain(short);
  });

  it("refuses a server others can reach without its public origin", () => {
    expect(() => parseEnv({ HOST: "0.0.0.0" })).toThrow(/Refusing to start: HOST=0\.0\.0\.0 .* APP_ORIGIN must say its public address/);
    expect(parseEnv({ HOST: "0.0.0.0", APP_ORIGIN: "https://tsunagu.example.jp" })).toMatchObject({ LOOPBACK: false, SEED: "base" });
  });
});
