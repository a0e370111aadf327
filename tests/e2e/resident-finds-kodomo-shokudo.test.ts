import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

// The journey: a resident types the reading 「こどもしょくどう」 (no kanji) on the home page, narrows
// to an area, opens a place and adds its next date to their calendar — with and without JavaScript.
async function findAndAddToCalendar(page: Page) {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "キーワードでさがす" }).fill("こどもしょくどう");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("status")).toContainText("件見つかりました");
  const places = page.locator("section[aria-labelledby=found-places] .result-list__title");
  await expect(places.first()).toContainText("食堂");

  await page.getByText("条件でしぼりこむ").click();
  await page.getByLabel("地域", { exact: true }).selectOption({ label: "富士見地区" });
  await page.getByRole("button", { name: "この条件で表示" }).click();
  await expect(page).toHaveURL(/area=fujimi/);
  await expect(page).toHaveURL(/q=/);
  await expect(places.first()).toBeVisible();

  const name = (await places.first().innerText()).trim();
  await places.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  const link = page.getByRole("link", { name: /^カレンダーに追加/ }).first();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/places\/\d+\/calendar\.ics\?date=\d{4}-\d{2}-\d{2}$/);
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const ics = await response.text();
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics.replace(/\r?\n[ \t]/g, "")).toContain(`SUMMARY:${name}`);
  const google = await page.getByRole("link", { name: /^Google カレンダー|^Googleカレンダー/ }).first().getAttribute("href");
  expect(google).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=.+&dates=\d{8}T\d{6}Z\/\d{8}T\d{6}Z/);
}

test("a resident finds a こども食堂 by its reading, narrows to an area and adds a date to the calendar", async ({ page }) => {
  await findAndAddToCalendar(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same search, area filter and calendar link work", async ({ page }) => {
    await findAndAddToCalendar(page);
  });
});
