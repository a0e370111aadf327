// The HTTP side of one server process: Express in front of the Remix build, for what Remix v2 has no hook for
// (per-request CSP nonce, Origin/host check before any action runs, body limits counted in bytes read, tolerant
// cookies, the page cache, static caching). server.mjs runs it in each worker, or in the one process.
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import compression from "compression";
import { createNonce, isSameOriginRequest, securityHeaders } from "./request-guard.js";
import { FRESH_COOKIE, FRESH_COOKIE_SECONDS, createPageCache } from "./page-cache.js";
import { readableCookieHeader } from "./http-input.js";
import { createRequestHandler } from "./remix-adapter.js";
import { accessLog } from "./access-log.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SESSION_COOKIES = ["tsunagu_session", "__Host-tsunagu_session"];

/**
 * @param {{ build: any, env: any, cacheSync: { settled: () => Promise<void>, sharePage?: (page: any) => void, onSharedPage?: (listener: (page: any) => void) => void } }} options
 * `env` is the app's validated configuration (getEnv()); `cacheSync` tells when a write has emptied the caches of
 * the other server processes (server/cache-sync.js).
 */
export function createHttpApp({ build, env, cacheSync }) {
  const app$ = build.entry.module;
  const production = env.NODE_ENV === "production";

  /** A Fetch Request with only what language detection reads, for the pages this layer answers itself. */
  const detectionRequest = (req) =>
    new Request(env.APP_ORIGIN + (req.originalUrl.startsWith("/") ? req.originalUrl : "/"), {
      headers: { cookie: req.headers.cookie ?? "", "accept-language": req.headers["accept-language"] ?? "" },
    });

  /**
   * What the page cache's variantOf reads of a request (its URL, Cookie and Accept-Language), without building a
   * Fetch Request on every cache hit (its URL, headers and abort signal were a large part of a hit's allocations).
   */
  const variantRequest = (req) => {
    const url = env.APP_ORIGIN + (req.originalUrl.startsWith("/") ? req.originalUrl : "/");
    const headers = { cookie: req.headers.cookie ?? null, "accept-language": req.headers["accept-language"] ?? null };
    return { url, headers: { get: (name) => headers[name.toLowerCase()] ?? null } };
  };

  async function refuse(req, res, status, reason) {
    let page;
    try {
      page = await app$.requestErrorPage(detectionRequest(req), reason);
    } catch {
      page = status === 413 ? "Payload too large" : status === 403 ? "Forbidden" : "Bad request";
    }
    res.setHeader("Cache-Control", "no-store");
    res.on("finish", () => discardRestOfBody(req));
    res.status(status).type("text/html; charset=utf-8").send(page);
  }

  const hasSessionCookie = (req) => SESSION_COOKIES.some((name) => (req.headers.cookie ?? "").includes(`${name}=`));

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY === "1" ? 1 : false);
  // First, so that its latency covers everything this process does for the request.
  if (env.REQUEST_LOG === "1" || (env.REQUEST_LOG === "" && production)) app.use(accessLog());
  // Level 1: most of the size gain for a fraction of the CPU (compression was a top cost per page on 2 cores).
  app.use(compression({ level: 1 }));

  app.use((req, res, next) => {
    // One unreadable cookie (e.g. lng=%E0%A4%A) is dropped here instead of failing every page.
    const cookies = readableCookieHeader(req.headers.cookie);
    if (cookies === undefined) delete req.headers.cookie;
    else req.headers.cookie = cookies;
    // The only client address the app trusts (see clientIp() in rate-limit.server.ts).
    req.headers["x-tsunagu-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(
      securityHeaders({ nonce, production, imgSources: env.MAP_TILE_ORIGIN ? [env.MAP_TILE_ORIGIN] : [] }),
    )) {
      res.setHeader(name, value);
    }
    next();
  });

  app.use((req, res, next) => {
    const ok = isSameOriginRequest(
      {
        method: req.method,
        path: req.path,
        origin: req.get("origin"),
        secFetchSite: req.get("sec-fetch-site"),
        host: req.get("host") ?? null,
        forwardedHost: req.get("x-forwarded-host") ?? null,
      },
      env.APP_ORIGIN,
    );
    if (!ok) {
      void refuse(req, res, 403, "crossOrigin");
      return;
    }
    next();
  });

  // Fingerprinted build assets can be cached forever; the rest of /public for an hour.
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  // Only a path naming a file (favicon.svg, locales/ja/common.json) is looked for on disk: a stat for every page
  // address (/events, /places/3) was a tenth of a cache hit's cost.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

  // Whoever has just changed something without signing in (a registration by phone, a report) reads the portal
  // past the page cache for a few seconds, so they never meet a copy made before their own change.
  const freshCookie = `${FRESH_COOKIE}=1; Path=/; Max-Age=${FRESH_COOKIE_SECONDS}; HttpOnly; SameSite=Lax${env.APP_ORIGIN.startsWith("https:") ? "; Secure" : ""}`;
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || hasSessionCookie(req)) return next();
    // Added as the headers go out, last, and only when the answer does not sign the person in (then they skip the
    // page cache anyway, and their session cookie stays the first one set).
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      const set = [res.getHeader("set-cookie") ?? []].flat().map(String);
      if (!set.some((c) => SESSION_COOKIES.some((name) => c.startsWith(`${name}=`)))) res.setHeader("Set-Cookie", [...set, freshCookie]);
      return writeHead.apply(this, args);
    };
    next();
  });

  const pageCache = createPageCache({
    ttlMs: env.PUBLIC_CACHE_TTL_MS > 0 ? env.PAGE_CACHE_TTL_MS : 0,
    graceMs: env.PAGE_CACHE_GRACE_MS,
    maxBytes: env.PAGE_CACHE_MAX_MB * 1024 * 1024,
    sessionCookieNames: SESSION_COOKIES,
    variantOf: (req) => app$.pageVariant(variantRequest(req)),
    onHit: (req) => app$.countCachedPageView?.(req.path),
    share: cacheSync.sharePage,
    announceRender: cacheSync.announceRender,
  });
  cacheSync.onSharedPage?.((page) => pageCache.adopt(page));
  cacheSync.onRenderingElsewhere?.((key) => pageCache.renderingElsewhere(key));
  app.use(pageCache);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      appOrigin: env.APP_ORIGIN,
      // socketAddress is the peer of the TCP connection itself, never a header: the mail viewer decides on it.
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, socketAddress: req.socket.remoteAddress ?? "" }),
      onInputError: (req, res, error) => refuse(req, res, error.status, error.reason),
      // Whatever was rendered for a signed-in person is theirs alone; only a route that declares its answer public
      // (photos, calendar files, the sitemap: the same for everyone) keeps its own caching.
      finishHeaders: (req, response) =>
        hasSessionCookie(req) && !/\bpublic\b/.test(response.headers.get("Cache-Control") ?? "") ? { "Cache-Control": "private, no-store" } : null,
      // The answer to a write goes out once the other server processes have emptied their public caches: whatever
      // the person (or anyone they tell) asks next, on any process, is no older than the write.
      beforeSend: (req) => (req.method === "GET" || req.method === "HEAD" ? undefined : cacheSync.settled()),
    }),
  );

  return app;
}

/**
 * After refusing a body, what the client is still sending is read and thrown away for a short while, then the
 * connection is closed. Closing at once would reset the connection with unread data in it, and many clients then
 * never see the 413; reading on without end would let one client occupy the server with an endless body.
 */
const LINGER_MS = 2000;
const LINGER_BYTES = 16 * 1024 * 1024;
function discardRestOfBody(req) {
  if (req.readableEnded || req.destroyed) return;
  let seen = 0;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on("data", (chunk) => {
    seen += chunk.length;
    if (seen > LINGER_BYTES) close();
  });
  req.on("end", () => clearTimeout(timer));
  req.resume();
}
