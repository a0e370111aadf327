import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server-process";

// Issue 8, items 1, 8, 9, 10 and 14 (the host part), against the real production server over HTTP.

let server: RunningServer;
let origin: string;

beforeAll(async () => {
  // The page cache on, as in production (the unit tests turn it off).
  server = await startServer({ env: { PUBLIC_CACHE_TTL_MS: "30000" } });
  origin = server.url;
}, 120_000);
afterAll(async () => server?.stop());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function post(path: string, body: string | Blob, headers: Record<string, string> = {}) {
  return fetch(`${origin}${path}`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
    redirect: "manual",
  });
}

/** Sends `total` bytes as a chunked body (no Content-Length to trust) and reports when the answer came. */
function sendChunked(path: string, total: number): Promise<{ status: number; ms: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const req = http.request(`${origin}${path}`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: Date.now() - started, sent });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (sent < total && !answered) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("request bodies are limited by the bytes actually read (item 1)", () => {
  it("answers a chunked 50 MB POST /login with 413 within 2 s, and the server grows by less than 50 MB", async () => {
    const before = server.rssMb();
    const result = await sendChunked("/login", 50 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(result.ms).toBeLessThan(2000);
    expect(result.sent).toBeLessThan(50 * 1024 * 1024);
    expect(server.rssMb() - before).toBeLessThan(50);
    // The server is still there for everyone else.
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });

  it("refuses a form over the form limit (256 KB) whatever Content-Length says, in the visitor's language", async () => {
    const big = form({ email: "a@example.jp", password: "x".repeat(300 * 1024) });
    const declared = await post("/login", big, { "Accept-Language": "en" });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("What you sent is too large");
    const chunked = await sendChunked("/signup", 300 * 1024);
    expect(chunked.status).toBe(413);
  });

  it("answers 408 in the visitor's language when a form body stops arriving (a stalled or slowloris client), and keeps serving", async () => {
    const started = Date.now();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${origin}/login`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "2000", "Accept-Language": "en" },
      });
      req.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      // A tenth of the body, then nothing.
      req.write("email=" + "a".repeat(194));
    });
    expect(answer.status).toBe(408);
    expect(answer.body).toContain("Sending took too long");
    // The 5 s pause limit, not Node's 5-minute request timeout.
    expect(Date.now() - started).toBeLessThan(8000);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });

  it("lets a photo upload be larger than a form: 1 MB to the photo page reaches the app (which asks to sign in)", async () => {
    const boundary = "----tsunagu";
    const body = new Blob([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      Buffer.alloc(1024 * 1024, 1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await post("/manage/groups/1/places/1/photos", body, { "Content-Type": `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("unreadable input is a 400, never a 500 (item 9)", () => {
  it.each([
    ["a broken lng cookie", "lng=%E0%A4%A"],
    ["a broken session cookie", "tsunagu_session=%E0%A4%A"],
    ["both, next to a good cookie", "lng=%E0%A4%A; tsunagu_session=%E0%A4%A; other=1"],
    ["a cookie cut off in its escape", "tsunagu_session=abc%; lng=en%"],
  ])("ignores %s and serves every page", async (_name, cookie) => {
    for (const path of ["/", "/places", "/events", "/login", "/me"]) {
      const res = await fetch(`${origin}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect([200, 302], `${path} with ${cookie}`).toContain(res.status);
    }
  });

  it.each([
    ["a JSON body", "application/json", '{"email":"a@example.jp"}'],
    ["multipart without a boundary", "multipart/form-data", "email=a"],
    ["multipart that does not parse", "multipart/form-data; boundary=xyz", "not multipart at all"],
    ["plain text", "text/plain", "email=a"],
  ])("answers %s to a form action with 400 and a translated message", async (_name, type, body) => {
    const ja = await post("/login", body, { "Content-Type": type });
    expect(ja.status).toBe(400);
    const text = await ja.text();
    expect(text).toContain('lang="ja"');
    expect(text).toMatch(/受け付けていません|読み取れませんでした/);
    const en = await post("/signup", body, { "Content-Type": type, "Accept-Language": "en" });
    expect(en.status).toBe(400);
    expect(await en.text()).toMatch(/not accepted|could not be read/);
  });
});

describe("a host that is not ours is refused like a foreign origin (item 14)", () => {
  it("refuses a POST with X-Forwarded-Host: evil.example with 403, not a 500 and a stack trace", async () => {
    const res = await post("/login", form({ email: "a@example.jp", password: "x" }), { "X-Forwarded-Host": "evil.example" });
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.js:\d+/);
    expect(text).toContain("ほかのサイトからの送信");
  });

  it("refuses a POST addressed to another host name (localhost) than APP_ORIGIN's (127.0.0.1)", async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${origin}/login`, {
        method: "POST",
        headers: { Host: `localhost:${server.port}`, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      });
      req.on("response", (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(form({ email: "a@example.jp" }));
    });
    expect(res).toBe(403);
  });

  it("still accepts the same form from our own origin", async () => {
    const res = await post("/login", form({ email: "nobody@example.jp", password: "wrong-password-123" }));
    // It reaches the app, which answers a wrong password like any form with errors: 400 and the translated message.
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/role="alert"><p>メールアドレスかパスワードが違います/);
  });
});

describe("pages rendered for a signed-in person are private (item 8)", () => {
  it("marks every page answered with a session 'private, no-store', and anonymous ones not", async () => {
    const login = await post("/login", form({ email: "resident@example.jp", password: "tsunagu-demo-2026" }));
    expect(login.status).toBe(302);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/^tsunagu_session=/);
    const opening = /href="\/volunteer\/(\d+)"/.exec(await (await fetch(`${origin}/volunteer`)).text())?.[1];
    expect(opening).toBeTruthy();
    for (const path of ["/", "/places", `/volunteer/${opening}`, "/events", `/volunteer/${opening}.data`]) {
      const res = await fetch(`${origin}${path}`, { headers: { Cookie: cookie } });
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    const anonymous = await fetch(`${origin}/volunteer/${opening}`);
    expect(anonymous.headers.get("cache-control") ?? "").not.toContain("private");
  });

  it("keys cached pages on the language the app chose, so a q-weighted header cannot poison another language", async () => {
    // The app picks English for this header (q=1 beats q=0.1); the old key took the first token, "ja".
    const en = await fetch(`${origin}/?poison-check=1`, { headers: { "Accept-Language": "ja-Latn;q=0.1, en" } });
    expect(await en.text()).toContain('<html lang="en"');
    const ja = await fetch(`${origin}/?poison-check=1`, { headers: { "Accept-Language": "ja" } });
    expect(await ja.text()).toContain('<html lang="ja"');
    const again = await fetch(`${origin}/?poison-check=1`, { headers: { "Accept-Language": "ja-Latn;q=0.1, en" } });
    expect(again.headers.get("x-page-cache")).toBe("hit");
    expect(await again.text()).toContain('<html lang="en"');
  });
});

describe("no NUL bytes in pages (item 10)", () => {
  it("serves every public page in Japanese and English without a NUL byte or U+FFFD", async () => {
    const sitemap = await (await fetch(`${origin}/sitemap.xml`)).text();
    const fromSitemap = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    const lists = ["/", "/places", "/events", "/events?view=month", "/volunteer", "/search?q=サロン", "/privacy", "/login", "/signup", "/places?area=fujimi&beginner=1"];
    const paths = [...new Set([...lists, ...fromSitemap])];
    expect(paths.length).toBeGreaterThan(100);
    const bad: string[] = [];
    for (const lng of ["ja", "en"]) {
      for (const path of paths) {
        const res = await fetch(`${origin}${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
        expect(res.status, path).toBe(200);
        const bytes = Buffer.from(await res.arrayBuffer());
        if (bytes.includes(0)) bad.push(`${lng} ${path}: NUL at byte ${bytes.indexOf(0)}`);
        if (bytes.includes(Buffer.from("\uFFFD"))) bad.push(`${lng} ${path}: U+FFFD`);
      }
    }
    expect(bad).toEqual([]);
  }, 180_000);
});
