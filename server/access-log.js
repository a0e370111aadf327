// One JSON line per request on stdout (issue 14, operations): request id, method, route, status, latency, user id
// and whether the page cache answered. Never personal data, tokens or secrets: no query string (search words, reset
// and confirm tokens live there), no client address, no cookies, and a path segment that looks like a token (the
// signed unsubscribe link) is written as ":token". The id is also sent back as X-Request-Id, so a resident's
// screenshot of an error page can be matched to its line.
import crypto from "node:crypto";

/** A path segment of 16+ token characters (or anything with a dot-separated signature) is a secret, not a route. */
const TOKEN_SEGMENT = /^(?=.*[0-9])[A-Za-z0-9_-]{16,}$|^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8,}$/;

/** The route of a request path as logged: numbers kept (they are public ids), tokens replaced. */
export function loggedRoute(path) {
  return path
    .split("/")
    .map((segment) => (TOKEN_SEGMENT.test(segment) ? ":token" : segment))
    .join("/")
    .slice(0, 200);
}

/**
 * @param {{ write?: (line: string) => void }} [options]
 * @returns {import("express").RequestHandler}
 */
export function accessLog({ write = (line) => process.stdout.write(`${line}\n`) } = {}) {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const id = crypto.randomUUID();
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    res.on("finish", () => {
      const entry = {
        at: new Date().toISOString(),
        level: res.statusCode >= 500 ? "error" : "info",
        event: "http.request",
        requestId: id,
        method: req.method,
        route: loggedRoute(req.path),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        userId: res.locals.userId ?? null,
        cache: res.getHeader("x-page-cache") ?? null,
        pid: process.pid,
      };
      write(JSON.stringify(entry));
    });
    next();
  };
}
