#!/usr/bin/env node
// Screenshots of key pages at phone and desktop widths, in each language, for a human to look at.
// Usage: start the app (npm start), then: node scripts/screenshots.mjs [baseUrl] [outDir]
// PAGES=home,place picks pages; LANGS=ja,vi,ne picks languages (default ja,en); FULL=1 takes whole pages.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = path.resolve(process.argv[3] ?? "tests/.artifacts/screenshots");
fs.mkdirSync(out, { recursive: true });
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && fs.existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const probe = await browser.newPage();
await probe.goto(`${base}/places`);
const placeHref = await probe.locator(".card__title a").first().getAttribute("href");
await probe.goto(`${base}/events`);
const eventHref = await probe.locator(".card__title a").first().getAttribute("href");
await probe.close();

const pages = { home: "/", places: "/places", place: placeHref, events: "/events", event: eventHref, volunteer: "/volunteer", opendata: "/opendata" };
const only = process.env.PAGES?.split(",");
for (const [name, p] of Object.entries(pages)) {
  if (only && !only.includes(name)) continue;
  for (const lng of (process.env.LANGS ?? "ja,en").split(",")) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, locale: lng.startsWith("ja") ? "ja-JP" : lng });
      const page = await context.newPage();
      await page.goto(`${base}${p}${p.includes("?") ? "&" : "?"}lng=${lng}`);
      const file = path.join(out, `${name}-${lng}-${width}.png`);
      await page.screenshot({ path: file, fullPage: process.env.FULL === "1" });
      console.log(file);
      await context.close();
    }
  }
}
await browser.close();
