import { describe, expect, it, vi } from "vitest";
import crypto from "node:crypto";
import zlib from "node:zlib";
import { FRESH_COOKIE, MAX_STALE_MS, createPageCache, feedItems, inlineScriptHashes, isCacheablePath, linkedItems, nextTokyoMidnight, pageItem } from "./page-cache.js";
import { dropLocalPublicCache } from "~/utils/cache.server";
import { answersAfter, fakeResponse, visitorOf } from "../tests/support/page-cache-visitor.js";


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
      return sent()?.toString() ?? rendered;
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

  it("while one visitor renders a page anew after a write, others get the stale copy instead of rendering it too", async () => {
    let clock = 1_000;
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: ["tsunagu_session"], variantOf: async () => "ja", now: () => clock });
    let version = "before";
    let renders = 0;
    // A render that finishes when the test says so, as a slow one under load would.
    const visit = () => {
      const { res, headers, sent } = fakeResponse();
      let finish = () => {};
      const rendering = new Promise((resolve) => {
        void cache({ method: "GET", path: "/events", originalUrl: "/events", headers: {} }, res, () => {
          renders += 1;
          res.setHeader("content-type", "text/html; charset=utf-8");
          const html = `<html>${version}</html>`;
          finish = () => res.end(html);
          resolve("rendering");
        }).then(() => resolve(headers["x-page-cache"]));
      });
      return { rendering, finish: () => finish(), body: () => sent()?.toString(), how: () => headers["x-page-cache"] };
    };
    const first = visit();
    await first.rendering;
    first.finish();
    dropLocalPublicCache(["event:3"]); // an edit of one event: every list is stale
    version = "after";
    clock += 100;

    const refresher = visit();
    expect(await refresher.rendering).toBe("rendering");
    const meanwhile = visit();
    await meanwhile.rendering;
    expect([meanwhile.how(), meanwhile.body()]).toEqual(["stale", "<html>before</html>"]);
    expect(renders).toBe(2);
    refresher.finish();
    expect(refresher.body()).toBe("<html>after</html>");

    const next = visit();
    await next.rendering;
    expect([next.how(), next.body()]).toEqual(["hit", "<html>after</html>"]);
  });

  it("renders pages one at a time: a second page's render starts when the first is done, and its visitors get the stale copy meanwhile", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja", renderWaitMs: 60_000 });
    const started = [];
    const finish = new Map();
    const visit = (path) => {
      const { res, headers, sent } = fakeResponse();
      const answered = cache({ method: "GET", path: path.split("?")[0], originalUrl: path, headers: {} }, res, () => {
        started.push(path);
        res.setHeader("content-type", "text/html; charset=utf-8");
        finish.set(path, () => res.end(`<html>${path} ${started.length}</html>`));
      });
      return { answered, how: () => headers["x-page-cache"], body: () => sent()?.toString() };
    };
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const places = visit("/places");
    await settle();
    finish.get("/places")();
    await places.answered;
    dropLocalPublicCache(["place:3"]); // /places is stale now

    const events = visit("/events");
    const placesAgain = visit("/places");
    await settle();
    expect(started).toEqual(["/places", "/events"]); // /places waits for its turn
    const meanwhile = visit("/places");
    await meanwhile.answered;
    expect([meanwhile.how(), meanwhile.body()]).toEqual(["stale", "<html>/places 1</html>"]);

    finish.get("/events")();
    await events.answered;
    await placesAgain.answered;
    expect(started).toEqual(["/places", "/events", "/places"]);
    finish.get("/places")();
    expect(placesAgain.body()).toBe("<html>/places 3</html>");
  });

  it("never shows an item's page from before an edit of it, not even while a render begun before the edit runs; a change of its counts may", async () => {
    let clock = 1_000;
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja", now: () => clock, renderWaitMs: 60_000 });
    let version = 1;
    const finish = [];
    const visit = (path) => {
      const { res, headers, sent } = fakeResponse();
      let rendered = false;
      const answered = cache({ method: "GET", path, originalUrl: path, headers: {} }, res, () => {
        rendered = true;
        res.setHeader("content-type", "text/html; charset=utf-8");
        const html = `<html>${path} v${version}</html>`;
        finish.push(() => res.end(html));
      });
      return { answered, how: () => (rendered ? "rendered" : headers["x-page-cache"]), body: () => sent()?.toString() };
    };
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    for (const path of ["/places/3", "/events/4"]) {
      const first = visit(path);
      await settle();
      finish.shift()();
      await first.answered;
    }

    clock += 60_000; // the place's copy has lived its time: its next visitor renders it
    const before = visit("/places/3");
    await settle();
    version = 2;
    dropLocalPublicCache(["place:3"]); // the organiser saves, and sees it saved
    const after = visit("/places/3");
    await settle();
    expect(after.how()).toBe(undefined); // waiting for its turn, not given the old copy
    finish.shift()();
    await before.answered;
    await after.answered;
    expect(after.how()).toBe("rendered");
    finish.shift()();
    expect(after.body()).toBe("<html>/places/3 v2</html>");

    // Places left on an event's page: while it is rendered anew, others may get the copy from before.
    dropLocalPublicCache(["event:4"], "counts");
    const refresher = visit("/events/4");
    await settle();
    const meanwhile = visit("/events/4");
    await meanwhile.answered;
    expect([meanwhile.how(), meanwhile.body()]).toEqual(["stale", "<html>/events/4 v1</html>"]);
    finish.shift()();
    await refresher.answered;
  });

  it("lets a render that waited too long for its turn run beside the slow one, and skips a visitor who left while waiting", async () => {
    vi.useFakeTimers();
    try {
      const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja", renderWaitMs: 2_000 });
      const started = [];
      const visit = (path, res = fakeResponse().res) =>
        cache({ method: "GET", path, originalUrl: path, headers: {} }, res, () => {
          started.push(path);
        });
      void visit("/search"); // a slow render that never finishes here
      const gone = fakeResponse().res;
      const leaving = visit("/places", gone);
      const waiting = visit("/events");
      await vi.advanceTimersByTimeAsync(1_000);
      expect(started).toEqual(["/search"]);
      gone.destroyed = true; // the visitor closed the tab
      await vi.advanceTimersByTimeAsync(1_001);
      await Promise.all([leaving, waiting]);
      expect(started).toEqual(["/search", "/events"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("serves a stale copy only for a few seconds after the write; past that a visitor waits for the new page", async () => {
    let clock = 1_000;
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: ["tsunagu_session"], variantOf: async () => "ja", now: () => clock });
    const pending = [];
    const visit = async () => {
      const { res, headers } = fakeResponse();
      let rendered = false;
      await cache({ method: "GET", path: "/volunteer", originalUrl: "/volunteer", headers: {} }, res, () => {
        rendered = true;
        res.setHeader("content-type", "text/html; charset=utf-8");
        pending.push(() => res.end("<html>v</html>"));
      });
      return rendered ? "rendered" : headers["x-page-cache"];
    };
    expect(await visit()).toBe("rendered");
    pending.shift()();
    dropLocalPublicCache(["opening:3"]); // an edit of one opening: every list of openings is stale
    expect(await visit()).toBe("rendered"); // stays unfinished: a slow render
    clock += MAX_STALE_MS;
    expect(await visit()).toBe("stale");
    clock += 1;
    expect(await visit()).toBe("rendered");
  });

  it("keeps a byte budget: the page read longest ago leaves first when a new one would pass it", async () => {
    const cache = createPageCache({ ttlMs: 60_000, maxBytes: 25_000, sessionCookieNames: [], variantOf: async () => "ja" });
    const page = () => crypto.randomBytes(10_000); // random bytes do not shrink when gzipped: each copy stays ~10 KB
    const visit = async (path) => {
      const { res, headers } = fakeResponse();
      let rendered = false;
      await cache({ method: "GET", path, originalUrl: path, headers: {} }, res, () => {
        rendered = true;
        res.setHeader("content-type", "text/plain");
        res.end(page());
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      return rendered ? "rendered" : headers["x-page-cache"];
    };
    expect(await visit("/places/1")).toBe("rendered");
    expect(await visit("/places/2")).toBe("rendered");
    expect(await visit("/places/1")).toBe("hit"); // read again: now the most recently read
    expect(await visit("/places/3")).toBe("rendered"); // 30,000 bytes > 25,000: /places/2, read longest ago, leaves
    expect(await visit("/places/1")).toBe("hit");
    expect(await visit("/places/3")).toBe("hit");
    expect(await visit("/places/2")).toBe("rendered");
  });

  it("answers a hit with its gzipped copy, made once, and a matching ETag with 304", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja" });
    const html = `<html>${"子ども食堂 ".repeat(500)}</html>`;
    const visit = async (headers) => {
      const response = fakeResponse();
      await cache({ method: "GET", path: "/places", originalUrl: "/places", headers }, response.res, () => {
        response.res.setHeader("content-type", "text/html; charset=utf-8");
        response.res.end(html);
      });
      return response;
    };
    await visit({});
    // The gzipped twin is made on zlib's thread pool; until it is there, hits go out plain.
    let zipped = await visit({ "accept-encoding": "gzip, br" });
    for (let i = 0; i < 100 && zipped.headers["content-encoding"] === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      zipped = await visit({ "accept-encoding": "gzip, br" });
    }
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(zlib.gunzipSync(zipped.sent()).toString()).toBe(html);
    expect(zipped.sent().length).toBeLessThan(Buffer.byteLength(html) / 5);
    // A client that takes no gzip gets the page unpacked from the kept copy.
    const plain = await visit({});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.sent().toString()).toBe(html);
    const again = await visit({ "if-none-match": plain.headers.etag });
    expect(again.res.statusCode).toBe(304);
    expect(again.sent()).toBeUndefined();
  });

  it("is skipped by a browser that has just written something (the fresh cookie), as by a signed-in one", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: ["tsunagu_session"], variantOf: async () => "ja" });
    const visit = async (cookie) => {
      const { res } = fakeResponse();
      let rendered = false;
      await cache({ method: "GET", path: "/events/3", originalUrl: "/events/3", headers: { cookie } }, res, () => {
        rendered = true;
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end("<html>e</html>");
      });
      return rendered;
    };
    expect(await visit("")).toBe(true);
    expect(await visit("")).toBe(false);
    expect(await visit(`lng=ja; ${FRESH_COOKIE}=1`)).toBe(true);
    expect(await visit("tsunagu_session=abc")).toBe(true);
  });

  it("a write that names an item makes that item's pages and every list of its kind stale, and leaves other items' pages fresh", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja" });
    const visit = visitorOf(cache);
    const pages = ["/events/3", "/events/3/calendar.ics", "/events/4", "/places/3", "/volunteer/3", "/events", "/events?area=fujimi", "/places", "/volunteer?beginner=1", "/search?q=サロン", "/", "/feeds/events.rss", "/privacy"];
    expect(await answersAfter(visit, pages, () => dropLocalPublicCache(["event:3"]))).toEqual({
      "/events/3": "rendered",
      "/events/3/calendar.ics": "rendered",
      "/events/4": "hit",
      "/places/3": "hit",
      "/volunteer/3": "hit",
      // An edit may move the event into, out of or within any list of events, or any page that lists every kind.
      "/events": "rendered",
      "/events?area=fujimi": "rendered",
      "/search?q=サロン": "rendered",
      "/": "rendered",
      "/feeds/events.rss": "rendered",
      // Lists of places and openings cannot hold an event; the privacy page holds nothing.
      "/places": "hit",
      "/volunteer?beginner=1": "hit",
      "/privacy": "hit",
    });
    dropLocalPublicCache(); // a write that names nothing
    for (const page of pages) expect(await visit(page), page).toBe("rendered");
  });

  it("a change of an item's words only (a summary) reaches the pages that show it, search and the home page, not the lists of its kind", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja" });
    const visit = visitorOf(cache, { body: (path) => (path === "/places?area=fujimi" ? '<a href="/places/3">わかば食堂</a>' : "<p>一覧</p>") });
    const pages = ["/places/3", "/places?area=fujimi", "/places", "/search?q=食堂", "/", "/events", "/sitemap.xml"];
    expect(await answersAfter(visit, pages, () => dropLocalPublicCache(["place:3"], "text"))).toEqual({
      "/places/3": "rendered",
      "/places?area=fujimi": "rendered",
      "/search?q=食堂": "rendered",
      "/": "rendered",
      "/sitemap.xml": "rendered",
      "/places": "hit",
      "/events": "hit",
    });
  });

  it("a change in another item a page shows (an event's place lists its dates) reaches the pages that link it, feeds included", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja" });
    const visit = visitorOf(cache, {
      body: (path) =>
        path === "/feeds/events.rss" ? "<item><link>http://127.0.0.1/events/5</link></item>" : path === "/feeds/events.ics" ? "URL:http://127.0.0.1/events/6" : path === "/events?area=fujimi" || path === "/" ? `<a href="/events/5">体操</a>` : `<a href="/events/6">料理教室</a>`,
      type: (path) => (path.endsWith(".rss") ? "application/rss+xml" : path.endsWith(".ics") ? "text/calendar" : "text/html; charset=utf-8"),
    });
    const pages = ["/events?area=fujimi", "/", "/events", "/search?q=料理", "/events/5", "/events/6", "/feeds/events.rss", "/feeds/events.ics"];
    expect(await answersAfter(visit, pages, () => dropLocalPublicCache(["event:5"], "shown"))).toEqual({
      "/events?area=fujimi": "rendered",
      "/": "rendered",
      "/events/5": "rendered",
      "/feeds/events.rss": "rendered",
      "/events": "hit",
      "/search?q=料理": "hit",
      "/events/6": "hit",
      "/feeds/events.ics": "hit",
    });
  });

  it("keeps a list's copy for the grace period after writes, then renders it anew; an item's page has no grace", async () => {
    let clock = 1_000;
    const cache = createPageCache({ ttlMs: 60_000, graceMs: 2_000, sessionCookieNames: [], variantOf: async () => "ja", now: () => clock });
    const visit = visitorOf(cache);
    expect(await visit("/events")).toBe("rendered");
    expect(await visit("/events/3")).toBe("rendered");
    clock += 500;
    dropLocalPublicCache(["event:3"]);
    expect(await visit("/events")).toBe("stale");
    expect(await visit("/events/3")).toBe("rendered");
    clock += 1_499;
    expect(await visit("/events")).toBe("stale");
    clock += 1;
    expect(await visit("/events")).toBe("rendered");
    expect(await visit("/events")).toBe("hit");
  });

  it("knows an item's own pages by their address", () => {
    expect(["/places/3", "/places/3/flyer", "/events/12/calendar.ics", "/volunteer/5", "/events", "/volunteer", "/places/x", "/events/12abc"].map(pageItem)).toEqual([
      "place:3",
      "place:3",
      "event:12",
      "opening:5",
      null,
      null,
      null,
      null,
    ]);
  });

  it("a registration (a counts write) makes stale only the pages that show its event, and lists filtered on places left", async () => {
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja" });
    const html = { "/events": '<a href="/events/3">サロン</a><a href="/events/4">体操</a>', "/events?page=2": '<a href="/events/9">囲碁</a>', "/": '<a href="/events/3?date=5">サロン</a>' };
    // The feed and the event's calendar file list the event but show no counts.
    const ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nURL:http://127.0.0.1/events/3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const visit = visitorOf(cache, { body: (path) => (path.endsWith(".ics") ? ics : `<html>${html[path] ?? ""}</html>`), type: (path) => (path.endsWith(".ics") ? "text/calendar" : "text/html; charset=utf-8") });
    const pages = ["/events", "/events?page=2", "/", "/events/3", "/events/4", "/places/2", "/events?available=1", "/feeds/events.ics", "/events/3/calendar.ics"];
    expect(await answersAfter(visit, pages, () => dropLocalPublicCache(["event:3"], "counts"))).toEqual({
      "/events": "rendered",
      "/events?page=2": "hit",
      "/": "rendered",
      "/events/3": "rendered",
      "/events/4": "hit",
      "/places/2": "hit",
      "/events?available=1": "rendered",
      "/feeds/events.ics": "hit",
      "/events/3/calendar.ics": "hit",
    });
    // Cancelling a date changes what the feed says (a "content" write): it is stale then.
    dropLocalPublicCache(["event:3"]);
    expect(await visit("/feeds/events.ics")).toBe("rendered");
    expect(await visit("/events/3/calendar.ics")).toBe("rendered");
  });

  it("reads the items a page shows from its links, and those a feed names from their addresses", () => {
    const html = '<a href="/events/12">x</a><a href="/events/12?date=3">x</a><a href="/places/4#map">x</a><a href="/volunteer/7/flyer">x</a><a href="/events">x</a><a href="https://example.jp/places/9">x</a>';
    expect([...linkedItems(html)].sort()).toEqual(["event:12", "opening:7", "place:4"]);
    // An iCalendar line folded at 75 octets may cut an address; RSS and sitemaps write them whole.
    const ics = "URL:https://tsunagu.example.jp/even\r\n ts/31\r\nDESCRIPTION:詳しくは https://tsunagu.example.jp/places/5?lng=en\r\n";
    expect([...feedItems(ics)].sort()).toEqual(["event:31", "place:5"]);
    const rss = "<link>https://tsunagu.example.jp/events</link><item><link>https://tsunagu.example.jp/events/8</link><guid>https://tsunagu.example.jp/events/8#d12</guid></item>";
    expect([...feedItems(rss)]).toEqual(["event:8"]);
  });

  it("after a whole-portal write (an item hidden, a group suspended) no stale copy is shown, not even while rendering", async () => {
    const cache = createPageCache({ ttlMs: 60_000, graceMs: 2_000, sessionCookieNames: [], variantOf: async () => "ja" });
    const pending = [];
    const visit = async (path) => {
      const { res, headers } = fakeResponse();
      let rendered = false;
      await cache({ method: "GET", path, originalUrl: path, headers: {} }, res, () => {
        rendered = true;
        res.setHeader("content-type", "text/html; charset=utf-8");
        pending.push(() => res.end("<html>x</html>"));
      });
      return rendered ? "rendered" : headers["x-page-cache"];
    };
    for (const path of ["/events", "/events/3"]) {
      expect(await visit(path)).toBe("rendered");
      pending.shift()();
    }
    dropLocalPublicCache();
    expect(await visit("/events")).toBe("rendered"); // no grace
    expect(await visit("/events/3")).toBe("rendered"); // left unfinished
    expect(await visit("/events/3")).toBe("rendered"); // no stale copy while the other render runs
  });

  it("offers a page it rendered to the other workers, who serve it without rendering, with the same bytes and ETag", async () => {
    const offered = [];
    let arrived;
    const share = (page) => {
      offered.push(page);
      arrived?.();
    };
    const renderer = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja", share });
    const sibling = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja" });
    const gzipped = new Promise((resolve) => (arrived = resolve));
    expect(await visitorOf(renderer)("/places/8")).toBe("rendered");
    await gzipped;
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatchObject({ key: "/places/8|ja", item: "place:8" });
    // Across the process boundary the Buffer arrives as a plain Uint8Array (structured clone).
    sibling.adopt({ ...offered[0], gzip: new Uint8Array(offered[0].gzip) });

    const { res, headers, sent } = fakeResponse();
    let rendered = false;
    await sibling({ method: "GET", path: "/places/8", originalUrl: "/places/8", headers: { "accept-encoding": "gzip" } }, res, () => (rendered = true));
    expect(rendered).toBe(false);
    expect(headers["x-page-cache"]).toBe("hit");
    expect(headers["etag"]).toBe(offered[0].etag);
    expect(zlib.gunzipSync(sent()).toString()).toBe("<html>/places/8</html>");
    // A write to that place later makes the adopted copy stale like any other.
    dropLocalPublicCache(["place:8"]);
    expect(await visitorOf(sibling)("/places/8")).toBe("rendered");
  });

  it("does not offer a page when a write reached the worker while it was being rendered", async () => {
    const offered = [];
    const renderer = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja", share: (page) => offered.push(page) });
    const visit = visitorOf(renderer, {
      body: (path) => {
        dropLocalPublicCache(["event:99"], "counts"); // committed by another request between the reads and the end
        return `<html>${path}</html>`;
      },
    });
    expect(await visit("/events/5")).toBe("rendered");
    // The gzip runs on the thread pool: give it time to finish before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(offered).toEqual([]);
  });

  it("keeps a copy no write changed for the time-to-live, and never past midnight in Tokyo", async () => {
    expect(new Date(nextTokyoMidnight(Date.parse("2026-12-03T12:00:00+09:00"))).toISOString()).toBe("2026-12-03T15:00:00.000Z");
    expect(new Date(nextTokyoMidnight(Date.parse("2026-12-03T23:59:59.999+09:00"))).toISOString()).toBe("2026-12-03T15:00:00.000Z");
    expect(new Date(nextTokyoMidnight(Date.parse("2026-12-04T00:00:00+09:00"))).toISOString()).toBe("2026-12-04T15:00:00.000Z");

    let clock = Date.parse("2026-12-03T12:00:00+09:00");
    let draw = 0; // the longest lifetime first
    const cache = createPageCache({ ttlMs: 300_000, sessionCookieNames: [], variantOf: async () => "ja", now: () => clock, random: () => draw });
    const visit = visitorOf(cache);
    expect(await visit("/events/4")).toBe("rendered");
    clock += 299_999;
    expect(await visit("/events/4")).toBe("hit");
    clock += 1;
    expect(await visit("/events/4")).toBe("rendered");
    // Copies made together do not all age out together: a lifetime is drawn between 80 and 100 % of ttlMs.
    draw = 1;
    clock += 1_000;
    expect(await visit("/events/5")).toBe("rendered");
    clock += 239_999;
    expect(await visit("/events/5")).toBe("hit");
    clock += 1;
    expect(await visit("/events/5")).toBe("rendered");
    draw = 0;

    // Rendered two minutes before midnight: "today" moves at 0:00, so the copy ends there, not five minutes on.
    clock = Date.parse("2026-12-03T23:58:00+09:00");
    expect(await visit("/")).toBe("rendered");
    clock = Date.parse("2026-12-03T23:59:59+09:00");
    expect(await visit("/")).toBe("hit");
    clock = Date.parse("2026-12-04T00:00:00+09:00");
    expect(await visit("/")).toBe("rendered");
  });

  it("while another process renders a stale page, gives its visitors the stale copy kept here, within the same bounds", async () => {
    let clock = 1_000;
    const announced = [];
    const renderer = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja", now: () => clock, announceRender: (key) => announced.push(key) });
    const sibling = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja", now: () => clock });
    const visitSibling = visitorOf(sibling);
    for (const path of ["/events", "/events/3"]) expect(await visitSibling(path)).toBe("rendered");
    expect(await visitorOf(renderer)("/events")).toBe("rendered");
    expect(announced).toEqual(["/events|ja"]); // each render is announced

    dropLocalPublicCache(["event:3"]); // an edit of event 3: /events is stale, and so is the event's own page
    clock += 10_000;
    sibling.renderingElsewhere("/events|ja");
    sibling.renderingElsewhere("/events/3|ja");
    expect(await visitSibling("/events")).toBe("stale");
    // What its editor saved is never shown from before, whoever renders it.
    expect(await visitSibling("/events/3")).toBe("rendered");
    clock += MAX_STALE_MS + 1;
    expect(await visitSibling("/events")).toBe("rendered");

    // The copy arriving ends the wait: the next visitor gets it as a hit.
    dropLocalPublicCache(["event:3"]);
    clock += 10_000;
    sibling.renderingElsewhere("/events|ja");
    sibling.adopt({ key: "/events|ja", at: clock, item: null, links: [], seatFiltered: false, showsCounts: true, gzip: zlib.gzipSync("<html>new</html>"), etag: 'W/"new"', headers: { "content-type": "text/html" }, csp: null });
    expect(await visitSibling("/events")).toBe("hit");
  });

  it("keeps its own copy when the one offered is older", async () => {
    let clock = 1_000;
    const cache = createPageCache({ ttlMs: 60_000, sessionCookieNames: [], variantOf: async () => "ja", now: () => clock });
    const visit = visitorOf(cache, { body: () => "<html>mine</html>" });
    expect(await visit("/volunteer/2")).toBe("rendered");
    const older = zlib.gzipSync("<html>older</html>");
    cache.adopt({ key: "/volunteer/2|ja", at: 500, item: "opening:2", links: [], seatFiltered: false, gzip: older, etag: 'W/"older"', headers: { "content-type": "text/html" }, csp: null });
    clock = 2_000;
    const { res, sent } = fakeResponse();
    await cache({ method: "GET", path: "/volunteer/2", originalUrl: "/volunteer/2", headers: {} }, res, () => {
      throw new Error("rendered");
    });
    expect(sent().toString()).toBe("<html>mine</html>");
  });
});
