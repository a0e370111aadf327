#!/usr/bin/env node
// Screenshots of key pages at phone and desktop widths, in each language, for a human to look at.
// Usage: start the app with its sample data (npm start), then: node scripts/screenshots.mjs [baseUrl] [outDir]
// PAGES=home,place picks pages; LANGS=ja,vi,ne picks languages (default ja,en); FULL=1 takes whole pages.
// Pages marked with a person sign in as that demo account first (README, "Demo logins").
// DISPLAY_CHOICE=furigana,large (or xlarge, contrast) sets 表示の設定 the way the header's form does (the display cookie).
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = path.resolve(process.argv[3] ?? "tests/.artifacts/screenshots");
fs.mkdirSync(out, { recursive: true });
const DEMO_PASSWORD = "tsunagu-demo-2026";
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && fs.existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const probe = await browser.newPage();
const firstCard = async (list) => {
  await probe.goto(`${base}${list}`);
  return probe.locator(".card__title a").first().getAttribute("href");
};
const placeHref = await firstCard("/places");
const eventHref = await firstCard("/events");
const openingHref = await firstCard("/volunteer");
await probe.close();

/** name → { path, as (demo account), open (a disclosure's summary text to click), media ("print") } */
const pages = {
  home: { path: "/" },
  places: { path: "/places" },
  "places-filters": { path: "/places", open: ".filter-panel__toggle" },
  place: { path: placeHref },
  events: { path: "/events" },
  event: { path: eventHref },
  month: { path: "/events?view=month" },
  volunteer: { path: "/volunteer" },
  opening: { path: openingHref },
  // A shift that runs over several weeks (the sample data's opening 36).
  "opening-multiday": { path: "/volunteer/36" },
  opendata: { path: "/opendata" },
  match: { path: "/match" },
  "match-results": { path: "/match?like=elderly.children&do=help&when=weekday-am.weekend-pm&area=fujimi" },
  "match-resident": { path: "/match?like=elderly&when=weekday-am&area=fujimi", as: "resident@example.jp" },
  profile: { path: "/me/profile", as: "resident@example.jp" },
  "home-resident": { path: "/", as: "resident@example.jp" },
  me: { path: "/me", as: "resident@example.jp" },
  certificate: { path: "/me/certificate", as: "resident@example.jp" },
  "certificate-print": { path: "/me/certificate", as: "resident@example.jp", media: "print" },
  flyer: { path: `${placeHref}/flyer`, media: "print" },
  "print-month": { path: "/print/month?area=fujimi", media: "print" },
  manage: { path: "/manage", as: "owner@example.jp" },
  "event-form": { path: "/manage/groups/1/events/new", as: "owner@example.jp" },
};

async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.locator('form:has(input[name="password"]) button[type="submit"]').first().click()]);
}

const only = process.env.PAGES?.split(",");
for (const [name, spec] of Object.entries(pages)) {
  if (only && !only.includes(name)) continue;
  for (const lng of (process.env.LANGS ?? "ja,en").split(",")) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, locale: lng.startsWith("ja") ? "ja-JP" : lng });
      const display = (process.env.DISPLAY_CHOICE ?? "").split(",").filter(Boolean);
      if (display.length) {
        const value = {
          furigana: display.includes("furigana") ? "on" : null,
          textSize: display.includes("xlarge") ? "xlarge" : display.includes("large") ? "large" : "normal",
          highContrast: display.includes("contrast"),
        };
        await context.addCookies([{ name: "display", value: encodeURIComponent(Buffer.from(JSON.stringify(value)).toString("base64")), url: base }]);
      }
      const page = await context.newPage();
      if (spec.as) await signIn(page, spec.as);
      await page.goto(`${base}${spec.path}${spec.path.includes("?") ? "&" : "?"}lng=${lng}`);
      if (spec.open) await page.locator(spec.open).first().click();
      if (spec.media) await page.emulateMedia({ media: spec.media });
      const file = path.join(out, `${name}-${lng}-${width}${display.length ? `-${display.join("+")}` : ""}.png`);
      await page.screenshot({ path: file, fullPage: process.env.FULL === "1" || Boolean(spec.media) });
      console.log(file);
      await context.close();
    }
  }
}
await browser.close();
