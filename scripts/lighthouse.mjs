#!/usr/bin/env node
// Lighthouse's accessibility score for the pages residents reach first — the home page, the list of places, a place
// and the volunteer list — in Japanese and Vietnamese, against a running server.
// Usage: start the app (npm start), then: npm run lighthouse -- http://127.0.0.1:3000
// LANGS=ja,vi,en picks languages. Exits 1 unless every page scores 100.
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const base = (process.argv[2] ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const langs = (process.env.LANGS ?? "ja,vi").split(",");
const chromePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && fs.existsSync(p));
const version = JSON.parse(fs.readFileSync(new URL("../node_modules/lighthouse/package.json", import.meta.url), "utf8")).version;

/** The first place on the list, as a resident would open it. */
async function firstPlace() {
  const html = await (await fetch(`${base}/places`)).text();
  const href = html.match(/class="card__title"[^>]*><a[^>]*href="(\/places\/\d+)"/)?.[1];
  if (!href) throw new Error(`no place listed on ${base}/places`);
  return href;
}

const pages = [
  { name: "home", path: "/" },
  { name: "places", path: "/places" },
  { name: "a place", path: await firstPlace() },
  { name: "volunteer", path: "/volunteer" },
];

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const rows = [];
try {
  for (const lng of langs) {
    for (const page of pages) {
      const url = `${base}${page.path}${page.path.includes("?") ? "&" : "?"}lng=${lng}`;
      const result = await lighthouse(url, { port: chrome.port, onlyCategories: ["accessibility"], logLevel: "error", output: "json" });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`no result for ${url}`);
      const failing = Object.values(lhr.audits)
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary")
        .map((audit) => {
          const items = audit.details?.items ?? [];
          const where = items
            .slice(0, 3)
            .map((item) => item.node?.selector ?? "")
            .filter(Boolean);
          return `${audit.id}${where.length ? ` (${where.join(", ")})` : ""}`;
        });
      const score = Math.round((lhr.categories.accessibility.score ?? 0) * 100);
      rows.push({ lng, page: page.name, path: page.path, score, failing });
    }
  }
} finally {
  await chrome.kill();
}

const pad = (text, width) => String(text) + " ".repeat(Math.max(0, width - String(text).length));
console.log(`Lighthouse ${version}, accessibility category, ${new Date().toISOString()}, ${base}`);
console.log(`${pad("lang", 6)}${pad("page", 12)}${pad("path", 16)}${pad("score", 7)}failing audits`);
for (const row of rows) console.log(`${pad(row.lng, 6)}${pad(row.page, 12)}${pad(row.path, 16)}${pad(row.score, 7)}${row.failing.join("; ") || "none"}`);
const below = rows.filter((row) => row.score < 100);
console.log(below.length ? `${below.length} of ${rows.length} pages below 100` : `all ${rows.length} pages score 100`);
process.exit(below.length ? 1 : 0);
