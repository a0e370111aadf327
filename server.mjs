// Production HTTP server: Express in front of the Remix build, for what Remix v2 has no hook for
// (per-request CSP nonce, Origin check before any action runs, body size limit, static caching).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import { createNonce, isSameOriginRequest, securityHeaders } from "./server/request-guard.js";
import { createPageCache } from "./server/page-cache.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(here, "build", "index.js");
const MAX_BODY_BYTES = 1024 * 1024 * 12;

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const appOrigin = (process.env.APP_ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, "");
const tileHost = (() => {
  try {
    return new URL((process.env.MAP_TILE_URL ?? "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png").replace(/[{}]/g, "")).origin;
  } catch {
    return "";
  }
})();

const build = await import(pathToFileURL(BUILD_PATH).href);
// Verify the database (pragmas, reachability) before taking traffic: fail fast rather than serve errors.
await build.entry.module.boot();

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
// Level 1: most of the size gain for a fraction of the CPU (compression was a top cost per page on 2 cores).
app.use(compression({ level: 1 }));

app.use((req, res, next) => {
  // The only client address the app trusts (see clientIp() in rate-limit.server.ts).
  req.headers["x-tsunagu-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  const nonce = createNonce();
  res.locals.cspNonce = nonce;
  for (const [name, value] of Object.entries(securityHeaders({ nonce, production, imgSources: tileHost ? [tileHost] : [] }))) {
    res.setHeader(name, value);
  }
  next();
});

app.use((req, res, next) => {
  const ok = isSameOriginRequest(
    { method: req.method, origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") },
    appOrigin,
  );
  if (!ok) {
    res.status(403).type("text/plain").send("Forbidden: cross-origin request");
    return;
  }
  const length = Number(req.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain").send("Payload too large");
    return;
  }
  next();
});

// Fingerprinted build assets can be cached forever; the rest of /public for an hour.
app.use("/build", express.static(path.join(here, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(here, "public"), { maxAge: "1h" }));

// The page cache must know the language a page would be rendered in (?lng=, the lng cookie, Accept-Language).
const localeKey = (req) => {
  const asked = typeof req.query.lng === "string" ? req.query.lng : "";
  const cookie = /(?:^|;\s*)lng=([^;]+)/.exec(req.headers.cookie ?? "")?.[1] ?? "";
  const accept = (req.headers["accept-language"] ?? "").split(",")[0]?.split("-")[0] ?? "";
  return `${asked}|${cookie}|${accept}`;
};
app.use(
  createPageCache({
    ttlMs: Number(process.env.PUBLIC_CACHE_TTL_MS ?? 30_000),
    sessionCookieNames: ["tsunagu_session", "__Host-tsunagu_session"],
    localeKey,
  }),
);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: production ? "production" : "development",
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
  }),
);

const server = app.listen(port, host, () => {
  console.log(`Tsunagu listening on http://${host}:${port} (origin ${appOrigin})`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
