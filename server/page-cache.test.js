import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { inlineScriptHashes, isCacheablePath } from "./page-cache.js";

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
});
