import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { createPageCache, inlineScriptHashes, isCacheablePath } from "./page-cache.js";

/** The part of an Express response the cache touches: headers, status, and what `send` answered from the cache. */
function fakeResponse() {
  const headers = {};
  let body;
  const res = {
    statusCode: 200,
    setHeader: (name, value) => (headers[name.toLowerCase()] = value),
    getHeader: (name) => headers[name.toLowerCase()],
    write: () => true,
    end: () => undefined,
    status(code) {
      this.statusCode = code;
      return this;
    },
    send: (b) => (body = String(b)),
  };
  return { res, headers, sent: () => body };
}

describe("page cache rules", () => {
  it("caches only public pages", () => {
    for (const p of ["/", "/places", "/places/3", "/events", "/events/4/calendar.ics", "/volunteer/2", "/search", "/feeds/events.ics", "/sitemap.xml"]) {
      expect(isCacheablePath(p), p).toBe(true);
    }
    for (const p of ["/me", "/me/export", "/login", "/signup", "/manage", "/dev/mail", "/healthz", "/placesX", "/eventsfoo"]) {
      expect(isCacheablePath(p), p).toBe(false);
    }
  });

  it("hashes exactly the inline scripts, leaving out external scripts and JSON-LD data", () => {
    const body = 'window.__x = {"a":"<b>"};';
    const html = `<script src="/build/a.js"></script><script nonce="n">${body}</script><script type="application/ld+json">{"@type":"Place"}</script>`;
    const expected = `'sha256-${crypto.createHash("sha256").update(body, "utf8").digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([expected]);
  });

  it("never serves a page whose rendering began before a write, even if it finished after", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: ["tsunagu_session"], variantOf: async () => "ja" });
    const visit = async (render) => {
      const { res, headers } = fakeResponse();
      let rendered = false;
      await cache({ method: "GET", path: "/events", originalUrl: "/events", headers: {} }, res, () => {
        rendered = true;
        res.setHeader("content-type", "text/html; charset=utf-8");
        render();
        res.end("<html>events</html>");
      });
      return { rendered, hit: headers["x-page-cache"] === "hit" };
    };
    const write = () => (globalThis.__tsunaguCacheEpoch = (globalThis.__tsunaguCacheEpoch ?? 0) + 1);

    // The data was read, then another request's write (here, or announced by another process) bumped the epoch.
    expect(await visit(write)).toEqual({ rendered: true, hit: false });
    expect(await visit(() => {})).toEqual({ rendered: true, hit: false });
    expect(await visit(() => {})).toEqual({ rendered: false, hit: true });
  });

  it("keeps one copy per variant, so one reader's furigana or text size never reaches another's page", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: ["tsunagu_session"], variantOf: async (req) => req.headers.cookie || "ja|plain" });
    const visit = async (cookie) => {
      const { res, sent } = fakeResponse();
      let rendered = "";
      await cache({ method: "GET", path: "/places", originalUrl: "/places", headers: { cookie } }, res, () => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        rendered = `<html>${cookie}</html>`;
        res.end(rendered);
      });
      return sent() ?? rendered;
    };
    expect(await visit("ja|ruby")).toBe("<html>ja|ruby</html>");
    expect(await visit("ja|plain")).toBe("<html>ja|plain</html>");
    // Served from the cache now, each from its own copy.
    expect(await visit("ja|ruby")).toBe("<html>ja|ruby</html>");
    expect(await visit("ja|plain")).toBe("<html>ja|plain</html>");
  });

  it("tells the app about each page it answers from the cache (an item's view count), and only those", async () => {
    const hits = [];
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: ["tsunagu_session"], variantOf: async () => "ja", onHit: (req) => hits.push(req.path) });
    const visit = async (path) => {
      const { res } = fakeResponse();
      await cache({ method: "GET", path, originalUrl: path, headers: {} }, res, () => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end("<html>page</html>");
      });
    };
    await visit("/places/7");
    expect(hits).toEqual([]);
    await visit("/places/7");
    await visit("/places/7");
    expect(hits).toEqual(["/places/7", "/places/7"]);
  });
});
