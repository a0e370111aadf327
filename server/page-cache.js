// Full-page cache for anonymous visitors of public pages (lists, details, search, feeds).
//
// Why: rendering a page costs ~10 ms of CPU; a newsletter or LINE post sends many people to the same few pages at
// once. For visitors without a session every copy of a page in one language and one set of display settings is the same, so it is rendered once
// and reused briefly. Signed-in visitors, non-GET requests, responses that set cookies or are not 200, and any
// path outside PUBLIC_PREFIXES always go to the app.
//
// CSP: a cached page cannot reuse the first visitor's nonce (nonces must be single-use), so cached copies are
// served with a policy that allows exactly their own inline scripts by SHA-256 hash.
//
// Freshness: the app counts writes in globalThis.__tsunaguCacheEpoch (invalidatePublicCache, and in the other server
// processes when cache-sync.js brings them the news) and notes in globalThis.__tsunaguTouched which items each write
// changed and how far it reaches (app/utils/cache.server.ts). A page is stored under the epoch its rendering began
// in, with the items it shows (the links of an HTML page; the addresses a feed or sitemap names). After a later
// write it is stale when:
// - the write named nothing (a whole-portal write);
// - it named the page's own item, or an item the page shows (its cards, its dates) — except that a change of counts
//   only (places left) reaches only pages that show counts, not feeds or calendar files;
// - the page can hold many items of a kind (lists, search, the home page, feeds; pageFollows) and the write changed
//   where an item of that kind belongs ("content"), which may move it into, out of or within the page, or, for
//   search and the home page, only its words ("text"); or it changed only counts and the page is filtered on
//   places left.
// Time passing is the one change no write names (a date goes by, a new day begins): a copy lives at most `ttlMs`
// (PAGE_CACHE_TTL_MS, 5 min; 80–100 % of it, drawn per copy) and never past the next midnight in Tokyo, when "today"
// and "this week" move.
// docs/decisions/018-page-cache-survives-writes.md.
//
// Stale while revalidating: a live portal writes all day, and dropping every page at each write left visitors with
// the uncached cost almost all the time. Now:
// - a stale page is rendered anew by its next visitor; while that render runs (or waits for its turn), other
//   anonymous visitors get the stale copy (X-Page-Cache: stale) for at most MAX_STALE_MS, instead of queueing more
//   renders of the same page;
// - a list, search or home page copy stays in use for `graceMs` (2 s in production) after it was rendered even when
//   writes came since (at two writes a second they always have): each is rendered at most once per grace period,
//   and an anonymous visitor sees it at most that old. Then it is rendered anew as above.
// No stale copy is shown at all after a whole-portal write (a publication, hiding an item, suspending a group: what
// staff took down is gone from the next page anyone gets), nor of an item's own page after a write to that item
// (an edit its editor has seen saved is on every page of it served after). Signed-in people never reach this cache,
// and an anonymous visitor who has just written carries a short-lived cookie (FRESH_COOKIE) that keeps them out of
// it too: whoever made a change sees it at once.
//
// Renders take turns, one at a time per process (renderTurns): after a write many pages go stale together, and
// rendering them side by side only made each, and every cache hit behind them, wait longer.
//
// Memory: the copies (gzipped once off the request path, so a hit costs no compression) are held within a byte
// budget; the page read longest ago leaves first.
import crypto from "node:crypto";
import zlib from "node:zlib";

const PUBLIC_PREFIXES = ["/places", "/events", "/volunteer", "/search", "/feeds/", "/sitemap.xml", "/privacy"];
const MAX_ENTRIES = 2000;
const MAX_BODY = 2 * 1024 * 1024;
/** How long a stale copy may still be served while its page is being rendered anew (from the render's start). */
export const MAX_STALE_MS = 5000;
const ITEM_PAGE = /^\/(places|events|volunteer)\/(\d+)(?=[/?]|$)/;
const ITEM_KIND = { places: "place", events: "event", volunteer: "opening" };

/** The items a page shows, as the links of its cards and mentions ("event:12"): what a "counts" write checks. */
export function linkedItems(html) {
  const items = new Set();
  for (const m of html.matchAll(/href="\/(places|events|volunteer)\/(\d+)(?=[/?#"])/g)) items.add(`${ITEM_KIND[m[1]]}:${Number(m[2])}`);
  return items;
}

/**
 * The items a feed or sitemap names, by their absolute addresses (an RSS item's <link>, an iCalendar event's URL,
 * a sitemap's <loc>). iCalendar folds lines at 75 octets, so an address may continue on the next line.
 */
export function feedItems(text) {
  const items = new Set();
  const unfolded = text.replace(/\r?\n[ \t]/g, "");
  for (const m of unfolded.matchAll(/https?:\/\/[^\s"<>/]+\/(places|events|volunteer)\/(\d+)(?=[/?#"<\s]|$)/g)) items.add(`${ITEM_KIND[m[1]]}:${Number(m[2])}`);
  return items;
}

const KINDS = ["place", "event", "opening"];
/**
 * The marks of writes that may change which items a page of many items holds, or their order, besides the writes
 * to the items it shows (app/utils/cache.server.ts):
 * - `lists:<kind>`: a "content" write to an item of a kind the page can hold. `/places` lists hold places,
 *   `/events` lists events, `/volunteer` lists openings, and filter and order them on their own columns only;
 * - `text:<kind>`: a "text" write (an item's words or its confirmation date changed, not where it belongs), which
 *   may still change search results (words) and the home page (recently confirmed places), not a kind's lists.
 * A page not named here may hold any kind, and follows both.
 */
export function pageFollows(path) {
  if (path === "/privacy") return [];
  const list = /^\/(places|events|volunteer)(?=[?]|$)/.exec(path);
  return list ? [`lists:${ITEM_KIND[list[1]]}`] : KINDS.flatMap((kind) => [`lists:${kind}`, `text:${kind}`]);
}

/** The item whose own page `path` is ("event:12"), or null for pages that show many items. */
export function pageItem(path) {
  const m = ITEM_PAGE.exec(path);
  return m ? `${ITEM_KIND[m[1]]}:${Number(m[2])}` : null;
}

const DAY_MS = 86_400_000;
const TOKYO_OFFSET_MS = 9 * 3_600_000; // Japan keeps no summer time.
/** The first moment of the next day in Tokyo after `ms`: a page's "today" and "this week" end there. */
export function nextTokyoMidnight(ms) {
  return Math.floor((ms + TOKYO_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - TOKYO_OFFSET_MS;
}

/**
 * @typedef {{ key: string, at: number, item: string | null, links: string[] | null, seatFiltered: boolean, showsCounts: boolean, gzip: Uint8Array, etag: string, headers: Record<string, any>, csp: string | null }} SharedPage
 * @typedef {(page: SharedPage) => void} SharePage
 */

/** Set on the answer to an anonymous write; while it lasts the page cache is skipped for that browser. */
export const FRESH_COOKIE = "tsunagu_fresh";
export const FRESH_COOKIE_SECONDS = 10;

export function isCacheablePath(path) {
  return path === "/" || PUBLIC_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`) || path.startsWith(`${p}?`));
}

/** Inline <script> bodies of a page (not JSON-LD data blocks), for hash-based CSP. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1];
    if (/\bsrc\s*=/.test(attrs) || /type\s*=\s*"application\/(ld\+)?json"/.test(attrs)) continue;
    hashes.push(`'sha256-${crypto.createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return hashes;
}

/** The share of a copy's lifetime that is drawn at random, so that copies made together do not expire together. */
const LIFETIME_SPREAD = 0.2;

/** How long a page's render waits for its turn at most before it runs beside the others (renderTurns). */
export const RENDER_WAIT_MS = 2000;

/**
 * Turns for rendering pages for the cache, one at a time per process. A page's render is CPU work on the one
 * thread (SQLite answers synchronously here), so running several at once only interleaves them: each finishes
 * later, and every cache hit waiting behind their slices does too. After a write many pages go stale together; in
 * turns, a hit waits for at most one render, and the visitors of a page waiting for its turn get its stale copy
 * meanwhile. A render that waited `maxWaitMs` runs anyway (a render waiting on something slow, such as the reading
 * service, must not hold every other page back for long). Returns `turn()`, which resolves to `release`.
 */
export function renderTurns(maxWaitMs) {
  let running = 0;
  /** @type {{ start: () => void, timer: NodeJS.Timeout | null }[]} */
  const waiting = [];
  const next = () => {
    running -= 1;
    // After a render that ran beside another (it waited too long), the queue goes on one at a time again.
    if (running === 0) waiting.shift()?.start();
  };
  return function turn() {
    return new Promise((resolve) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        next();
      };
      const waiter = {
        timer: null,
        start: () => {
          if (waiter.timer) clearTimeout(waiter.timer);
          running += 1;
          resolve(release);
        },
      };
      if (running === 0) return waiter.start();
      waiter.timer = setTimeout(() => {
        const at = waiting.indexOf(waiter);
        if (at >= 0) {
          waiting.splice(at, 1);
          waiter.start();
        }
      }, maxWaitMs);
      waiting.push(waiter);
    });
  };
}

/**
 * @param {{ ttlMs: number, graceMs?: number, maxBytes?: number, sessionCookieNames: string[], variantOf: (req: any) => Promise<string>, onHit?: (req: any) => void, share?: SharePage, announceRender?: (key: string) => void, now?: () => number, renderWaitMs?: number, random?: () => number }} options
 * `variantOf` must be the app's own answer to "which copy of the page does this request get": its language choice
 * (?lng=, cookie, q-weighted Accept-Language) and the reader's display settings (furigana, text size, contrast,
 * which change the HTML). Keying on anything cruder lets one visitor's header or settings reach everyone's copy.
 */
export function createPageCache({ ttlMs, graceMs = 0, maxBytes = 32 * 1024 * 1024, sessionCookieNames, variantOf, onHit = undefined, share = undefined, announceRender = undefined, now = Date.now, renderWaitMs = RENDER_WAIT_MS, random = Math.random }) {
  const turn = renderTurns(renderWaitMs);
  /** @type {Map<string, { at: number, expires: number, epoch: number, item: string | null, follows: string[], links: Set<string> | null, seatFiltered: boolean, showsCounts: boolean, body: Buffer | null, gzip: Buffer | null, etag: string, headers: Record<string, any>, csp: string | null, bytes: number }>} */
  const store = new Map();
  /** Pages being rendered anew right now: key → { began }. */
  const refreshing = new Map();
  /** Pages another server process said it is rendering (cache-sync.js): key → { began }, until its copy arrives. */
  const elsewhere = new Map();
  let bytes = 0;
  const epoch = () => globalThis.__tsunaguCacheEpoch ?? 0;
  const bypassCookies = [...sessionCookieNames, FRESH_COOKIE];

  // Each copy lives between 80 and 100 % of ttlMs: pages rendered together (a warm-up, a morning's first visitors)
  // would otherwise all age out together, and their renders come as one wave.
  const expiry = (at) => Math.min(at + ttlMs * (1 - LIFETIME_SPREAD * random()), nextTokyoMidnight(at));
  const remove = (key) => {
    const entry = store.get(key);
    if (!entry) return;
    store.delete(key);
    bytes -= entry.bytes;
  };
  const keepWithinBudget = () => {
    while (store.size > 0 && (bytes > maxBytes || store.size > MAX_ENTRIES)) remove(store.keys().next().value);
  };

  /**
   * Whether a write since the page's render changed what it shows: false; "named" (a write that named items it
   * shows, or only the counts of its own item); "own" (a write to what the page's own item says: an edit, which
   * its editor has seen saved, so no copy from before it is shown again); or "everything" (a whole-portal write: a
   * publication, hiding, a suspended group; no stale copy is shown after one either).
   */
  function changedSince(entry) {
    const e = entry.epoch;
    if (e === epoch()) return false;
    const marks = globalThis.__tsunaguTouched;
    // A count moved by hand without marks (tests, older callers) is a whole-portal write.
    if (!marks) return "everything";
    const after = (tag) => (marks.get(tag) ?? 0) > e;
    if (after("*")) return "everything";
    if (entry.item !== null && after(entry.item)) return "own";
    return namedChange(entry, after) ? "named" : false;
  }

  function namedChange(entry, after) {
    // Lists, search, the home page, feeds: a "content" (or for some a "text") write to an item of a kind they hold
    // may change what they hold; a "counts" write reaches those filtered on places left. Without links to read, any
    // write does.
    if (entry.item === null && (entry.follows.some(after) || (entry.seatFiltered && after("counts")) || (entry.links === null && (after("counts") || after("shown"))))) return true;
    // An item's own page, and every page that shows an item: any write naming it, except that a change of counts
    // only (item#counts) reaches only pages that show counts.
    const shows = (item) => after(item) || (entry.showsCounts && after(`${item}#counts`));
    if (entry.item !== null && shows(entry.item)) return true;
    if (entry.links !== null) for (const link of entry.links) if (shows(link)) return true;
    return false;
  }

  function serve(req, res, entry, how) {
    for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value);
    if (entry.csp) res.setHeader("Content-Security-Policy", entry.csp);
    res.setHeader("X-Page-Cache", how);
    res.setHeader("ETag", entry.etag);
    if (req.headers["if-none-match"] === entry.etag) {
      res.statusCode = 304;
      res.end();
    } else {
      const gzip = entry.gzip !== null && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
      // Already encoded: the compression middleware passes it through as it is. The rare client that takes no gzip
      // gets the page unpacked from the kept copy.
      if (gzip) res.setHeader("Content-Encoding", "gzip");
      const body = gzip ? entry.gzip : (entry.body ?? zlib.gunzipSync(entry.gzip));
      res.setHeader("Content-Length", body.length);
      res.statusCode = 200;
      res.end(body);
    }
    // The app still learns that the page was read (e.g. an item's view count), without rendering it.
    try {
      onHit?.(req);
    } catch {
      // Counting is never worth failing a page for.
    }
  }

  async function pageCache(req, res, next) {
    if (ttlMs <= 0 || req.method !== "GET" || !isCacheablePath(req.path)) return next();
    const cookie = req.headers.cookie ?? "";
    if (bypassCookies.some((name) => cookie.includes(`${name}=`))) return next();
    let variant;
    try {
      variant = await variantOf(req);
    } catch {
      return next();
    }
    const key = `${req.originalUrl}|${variant}`;
    const hit = store.get(key);
    const at = now();
    if (hit) {
      const changed = changedSince(hit);
      const expired = at >= hit.expires;
      if (changed === false && !expired) {
        // The most recently read pages stay longest within the budget.
        store.delete(key);
        store.set(key, hit);
        return serve(req, res, hit, "hit");
      }
      if (changed === "named" && hit.item === null && !expired && at - hit.at < graceMs) return serve(req, res, hit, "stale");
      const refresh = refreshing.get(key) ?? elsewhere.get(key);
      if ((changed === false || changed === "named") && refresh && at - refresh.began <= MAX_STALE_MS) return serve(req, res, hit, "stale");
    }
    // This request renders the page (anew); others asking for it meanwhile may be given the stale copy.
    const token = { began: at };
    refreshing.set(key, token);
    elsewhere.delete(key);
    announceRender?.(key);
    const done = () => {
      if (refreshing.get(key) === token) refreshing.delete(key);
    };
    res.on("close", done);
    // One render at a time (see renderTurns); meanwhile other visitors of this page get its stale copy, if any.
    const release = await turn();
    if (res.destroyed || res.writableEnded) {
      release();
      return done();
    }
    res.on("close", release);
    const renderedIn = epoch();
    const chunks = [];
    let size = 0;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, ...rest) => {
      if (chunk && size <= MAX_BODY) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        size += buf.length;
        chunks.push(buf);
      }
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      if (chunk && typeof chunk !== "function") {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        size += buf.length;
        chunks.push(buf);
      }
      const cacheable = res.statusCode === 200 && !res.getHeader("set-cookie") && size <= MAX_BODY && !/no-store|private/.test(String(res.getHeader("cache-control") ?? ""));
      if (cacheable) store$(key, req, renderedIn, Buffer.concat(chunks), res);
      else if (res.statusCode !== 200) remove(key);
      done();
      return end(chunk, ...rest);
    };
    next();
  }

  /**
   * A page another server process rendered (cache-sync.js brings it): kept as if rendered here now, unless this
   * process holds a newer copy. The sharing side guarantees it is no older than any write this process knows of.
   * @param {SharedPage} page
   */
  pageCache.adopt = function adopt(page) {
    if (ttlMs <= 0) return;
    elsewhere.delete(page.key);
    const mine = store.get(page.key);
    if (mine && mine.at >= page.at) return;
    remove(page.key);
    const gzip = Buffer.from(page.gzip.buffer, page.gzip.byteOffset, page.gzip.byteLength);
    const entry = { at: page.at, expires: expiry(page.at), epoch: epoch(), item: page.item, follows: pageFollows(page.key.slice(0, page.key.lastIndexOf("|")).split("?")[0]), links: page.links === null ? null : new Set(page.links), seatFiltered: page.seatFiltered, showsCounts: page.showsCounts, body: null, gzip, etag: page.etag, headers: page.headers, csp: page.csp, bytes: gzip.length };
    store.set(page.key, entry);
    bytes += entry.bytes;
    keepWithinBudget();
  };

  /** Another process is rendering the page under `key`: its own visitors may get the stale copy kept here meanwhile. */
  pageCache.renderingElsewhere = function renderingElsewhere(key) {
    if (ttlMs <= 0 || !store.has(key)) return;
    // Forgotten when the copy arrives or this process renders it; past MAX_STALE_MS it no longer counts anyway.
    if (elsewhere.size >= MAX_ENTRIES) elsewhere.clear();
    elsewhere.set(key, { began: now() });
  };

  return pageCache;

  function store$(key, req, renderedIn, body, res) {
    const type = String(res.getHeader("content-type") ?? "");
    let csp = null;
    let links = null;
    // Pages show places left and other counts; feeds and the sitemap do not (a cancelled date is a "content" write).
    const showsCounts = type.startsWith("text/html");
    if (showsCounts) {
      const html = body.toString("utf8");
      const policy = String(res.getHeader("content-security-policy") ?? "");
      csp = policy.replace(/'nonce-[^']+'/, inlineScriptHashes(html).join(" "));
      links = linkedItems(html);
    } else if (/^(text\/calendar|application\/(rss\+)?xml)/.test(type)) {
      links = feedItems(body.toString("utf8"));
    }
    const headers = {};
    for (const name of ["content-type", "cache-control", "content-disposition"]) {
      const value = res.getHeader(name);
      if (value !== undefined) headers[name] = value;
    }
    headers.vary = "Accept-Encoding";
    const etag = `W/"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
    remove(key);
    const item = pageItem(req.path);
    const seatFiltered = /[?&]available=/.test(req.originalUrl);
    const stored = now();
    const entry = { at: stored, expires: expiry(stored), epoch: renderedIn, item, follows: pageFollows(req.path), links, seatFiltered, showsCounts, body, gzip: null, etag, headers, csp, bytes: body.length };
    store.set(key, entry);
    bytes += entry.bytes;
    keepWithinBudget();
    // Only the gzipped copy is kept (a quarter of the size, so four times the pages in the budget), made once on
    // zlib's thread pool; until it is ready a hit sends the plain copy (the compression middleware then compresses it
    // for that one answer).
    zlib.gzip(body, { level: 6 }, (error, gzip) => {
      if (error || store.get(key) !== entry) return;
      entry.gzip = gzip;
      entry.body = null;
      bytes += gzip.length - entry.bytes;
      entry.bytes = gzip.length;
      keepWithinBudget();
      // The other server processes may keep it too, so that a page is rendered once for all of them, but only
      // when no write reached this process since the render began (then it might show less than they know).
      if (share && entry.epoch === epoch()) {
        share({ key, at: entry.at, item, links: links === null ? null : [...links], seatFiltered, showsCounts, gzip, etag, headers, csp });
      }
    });
  }
}
