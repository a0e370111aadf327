import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";

// A first-hour task from the issue, walked on a 390 px phone the way a resident does it, counting taps (a click or a
// choice; typing is not counted) and time. (Applying without an account is timed in
// resident-applies-without-an-account.test.ts.) The counts are written to
// tests/.artifacts/first-hour-tasks.json for the notes; the test fails if a task needs more taps than the issue allows.

const PHONE = { width: 390, height: 844 };
const results: Record<string, { taps: number; seconds: number }> = {};

function counter(page: Page) {
  let taps = 0;
  const started = Date.now();
  return {
    tap: async (action: Promise<unknown> | (() => Promise<unknown>)) => {
      taps++;
      await (typeof action === "function" ? action() : action);
    },
    done: (name: string) => {
      results[name] = { taps, seconds: Math.round((Date.now() - started) / 100) / 10 };
      void page;
      return taps;
    },
  };
}

test.use({ viewport: PHONE });

test.afterAll(() => {
  const file = path.resolve("tests/.artifacts/first-hour-tasks.json");
  const before = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as object) : {};
  fs.writeFileSync(file, JSON.stringify({ ...before, ...results }, null, 2));
});

test("a resident finds a こども食堂 near 富士見 and adds its next date to a calendar", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page, "form");
  const c = counter(page);
  await page.getByLabel("町名・小学校区").fill("富士見");
  await c.tap(page.getByRole("button", { name: "この地域の居場所を見る" }).click());
  await expect(page).toHaveURL(/\/places\?town=/);
  await c.tap(page.locator(".filter-panel__toggle").click());
  await c.tap(page.getByLabel("種類", { exact: true }).selectOption({ label: "こども食堂" }));
  await c.tap(page.getByRole("button", { name: "この条件で表示" }).click());
  await expect(page.getByRole("link", { name: "条件を外す：こども食堂" })).toBeVisible();
  await c.tap(page.locator(".card__title a").first().click());
  await expect(page.locator("h1")).toBeVisible();
  const download = page.waitForEvent("download");
  await c.tap(page.getByRole("link", { name: /カレンダーに追加/ }).first().click());
  expect((await download).suggestedFilename()).toMatch(/\.ics$/);
  expect(c.done("find a こども食堂 near 富士見 and add it to a calendar")).toBeLessThanOrEqual(6);
});

test("an owner creates an event and then sees who registered for one", async ({ page, login }) => {
  await login("owner@example.jp");
  await page.goto("/manage");
  await waitForHydration(page, "main a");
  const c = counter(page);
  await c.tap(page.getByRole("main").getByRole("link", { name: "富士見いきいきサロンの会" }).first().click());
  await c.tap(page.getByRole("link", { name: "催しを追加する" }).click());
  await page.getByLabel("名前（タイトル）").fill("冬のおしゃべり会");
  await page.getByLabel("ひとことで紹介").fill("お茶を飲みながら、ゆっくり話しましょう。");
  const day = new Date(Date.now() + 20 * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });
  await page.getByLabel("日付", { exact: true }).fill(day);
  await page.getByLabel("開始時刻").fill("10:00");
  await page.getByLabel("終了時刻").fill("11:30");
  await c.tap(page.getByRole("button", { name: "審査に出す" }).click());
  // Sent for review, the owner is back on the group's page (the test used to tap the form page's link to it while
  // the submission was still under way, a race it lost under load); no field complained on the way.
  await expect(page).toHaveURL(/\/manage\/groups\/\d+\?saved=pending$/);
  await expect(page.locator(".field__error")).toHaveCount(0);
  // The new event waits for review in the group's list; the group's published events show their sign-ups.
  await expect(page.getByRole("link", { name: "冬のおしゃべり会", exact: true })).toBeVisible();
  await c.tap(page.getByRole("link", { name: /申し込みを見る/ }).first().click());
  await expect(page.getByRole("heading", { level: 1 })).toContainText("申し込み");
  expect(c.done("create an event, then see who registered for one")).toBeLessThanOrEqual(6);
});
