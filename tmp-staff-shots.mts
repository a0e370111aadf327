import Database from "better-sqlite3";
import { chromium, type BrowserContext } from "@playwright/test";
import { insertSession, SESSION_COOKIE } from "/work/main/tests/support/session-rows";

const base = process.env.BASE ?? "http://127.0.0.1:4350";
const out = process.env.OUT ?? "/work/tmp/shots";
const db = new Database(process.env.DB ?? "/tmp/shots.db");
db.pragma("busy_timeout = 5000");
const userId = (email: string) => (db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(email) as { id: number }).id;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
async function as(email: string, width: number, locale: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, locale });
  await ctx.addCookies([{ name: SESSION_COOKIE, value: insertSession(db, userId(email)), url: base, httpOnly: true, sameSite: "Lax" }]);
  return ctx;
}
if (process.env.PREPARE) {
  const ctx = await as("owner@example.jp", 1280, "ja-JP");
  const page = await ctx.newPage();
  const placeId = (db.prepare(`SELECT id FROM "Place" WHERE groupId = 1 AND status = 'published' ORDER BY id LIMIT 1`).get() as { id: number }).id;
  await page.goto(`${base}/manage/groups/1/places/${placeId}`);
  await page.getByLabel("居場所の名前").fill("ふじみ ふれあいサロン（毎月第2・第4水曜）");
  await page.getByLabel("電話番号").first().fill("049-286-9999").catch(() => undefined);
  await page.getByRole("textbox", { name: "住所" }).fill("鶴ヶ島市富士見1-2-3 富士見集会所");
  await page.getByLabel("ひとことで紹介").fill("お茶を飲みながら、おしゃべりや体操を楽しむ集まりです。");
  await page.getByRole("button", { name: "保存する" }).first().click();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${out}/organiser-held-ja-1280.png`, fullPage: false });
  await ctx.close();
}
const pages = (process.env.PAGES ?? "/staff,/staff/review").split(",");
for (const p of pages) {
  for (const lng of ["ja", "en"]) {
    for (const width of [390, 1280]) {
      const ctx = await as("staff@example.jp", width, lng === "ja" ? "ja-JP" : "en-US");
      const page = await ctx.newPage();
      await page.goto(`${base}${p}${p.includes("?") ? "&" : "?"}lng=${lng}`);
      const name = p.replace(/^\//, "").replace(/[/?=&]/g, "_") || "home";
      await page.screenshot({ path: `${out}/${name}-${lng}-${width}.png`, fullPage: true });
      console.log(`${out}/${name}-${lng}-${width}.png`);
      await ctx.close();
    }
  }
}
await browser.close();
