// Drives the page cache (server/page-cache.js) the way Express would, without a server: for its unit tests and the
// integration tests that check which pages a real write makes stale.
import { expect } from "vitest";

/** The part of an Express response the cache touches: headers, status, and what `end` answered. */
export function fakeResponse() {
  const headers = {};
  let body;
  const closers = [];
  const res = {
    statusCode: 200,
    setHeader: (name, value) => (headers[name.toLowerCase()] = value),
    getHeader: (name) => headers[name.toLowerCase()],
    write: () => true,
    end: (b) => {
      if (b !== undefined && typeof b !== "function") body = b;
      for (const close of closers) close();
    },
    on: (event, listener) => event === "close" && closers.push(listener),
  };
  return { res, headers, sent: () => (body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(String(body))) };
}

/**
 * A visitor of `cache`: asks for a path (its query string kept) and says whether the app rendered it or the cache
 * answered ("hit", "stale"). `body` and `type` are what the app would render.
 */
export function visitorOf(cache, { body = (path) => `<html>${path}</html>`, type = () => "text/html; charset=utf-8" } = {}) {
  return async (path) => {
    const { res, headers } = fakeResponse();
    let rendered = false;
    await cache({ method: "GET", path: path.split("?")[0], originalUrl: path, headers: {} }, res, () => {
      rendered = true;
      res.setHeader("content-type", type(path));
      res.end(body(path));
    });
    return rendered ? "rendered" : headers["x-page-cache"];
  };
}

/** Each of `pages` visited (so it is kept), then `write` made, then each visited again: how each was answered. */
export async function answersAfter(visit, pages, write) {
  for (const page of pages) expect(await visit(page), page).toBe("rendered");
  await write();
  const after = {};
  for (const page of pages) after[page] = await visit(page);
  return after;
}
