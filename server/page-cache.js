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
// Freshness: the app bumps globalThis.__tsunaguCacheEpoch on every write (invalidatePublicCache, and in the other
// server processes when cache-sync.js brings them the news), which drops every cached page of this process at
// once; otherwise pages live TTL_MS. A page is stored under the epoch its rendering began in: one whose data was
// read before a write but which finished after it is never served again.
import crypto from "node:crypto";

const PUBLIC_PREFIXES = ["/places", "/events", "/volunteer", "/search", "/feeds/", "/sitemap.xml", "/privacy"];
const MAX_ENTRIES = 500;
const MAX_BODY = 2 * 1024 * 1024;

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

/**
 * @param {{ ttlMs: number, sessionCookieNames: string[], variantOf: (req: any) => Promise<string> }} options
 * `variantOf` must be the app's own answer to "which copy of the page does this request get": its language choice
 * (?lng=, cookie, q-weighted Accept-Language) and the reader's display settings (furigana, text size, contrast,
 * which change the HTML). Keying on anything cruder lets one visitor's header or settings reach everyone's copy.
 */
export function createPageCache({ ttlMs, sessionCookieNames, variantOf, onHit = undefined }) {
  const store = new Map();
  const epoch = () => globalThis.__tsunaguCacheEpoch ?? 0;

  return async function pageCache(req, res, next) {
    if (ttlMs <= 0 || req.method !== "GET" || !isCacheablePath(req.path)) return next();
    const cookie = req.headers.cookie ?? "";
    if (sessionCookieNames.some((name) => cookie.includes(`${name}=`))) return next();
    let variant;
    try {
      variant = await variantOf(req);
    } catch {
      return next();
    }
    const key = `${req.originalUrl}|${variant}`;
    const hit = store.get(key);
    if (hit && hit.epoch === epoch() && Date.now() - hit.at < ttlMs) {
      for (const [name, value] of Object.entries(hit.headers)) res.setHeader(name, value);
      if (hit.csp) res.setHeader("Content-Security-Policy", hit.csp);
      res.setHeader("X-Page-Cache", "hit");
      res.status(200).send(hit.body);
      // The app still learns that the page was read (e.g. an item's view count), without rendering it.
      try {
        onHit?.(req);
      } catch {
        // Counting is never worth failing a page for.
      }
      return;
    }
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
      if (cacheable) {
        const body = Buffer.concat(chunks);
        const type = String(res.getHeader("content-type") ?? "");
        let csp = null;
        if (type.startsWith("text/html")) {
          const policy = String(res.getHeader("content-security-policy") ?? "");
          csp = policy.replace(/'nonce-[^']+'/, inlineScriptHashes(body.toString("utf8")).join(" "));
        }
        const headers = {};
        for (const name of ["content-type", "cache-control", "content-disposition", "vary"]) {
          const value = res.getHeader(name);
          if (value !== undefined) headers[name] = value;
        }
        if (store.size >= MAX_ENTRIES) store.delete(store.keys().next().value);
        store.set(key, { at: Date.now(), epoch: renderedIn, body, headers, csp });
      }
      return end(chunk, ...rest);
    };
    next();
  };
}
