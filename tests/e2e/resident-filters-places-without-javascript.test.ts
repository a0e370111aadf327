import { test, expect } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("with JavaScript off, a resident filters 居場所 by area and opens one", async ({ page }) => {
  await page.goto("/places");
  const allText = await page.getByRole("status").innerText();
  const all = Number(allText.replace(/\D/g, ""));
  expect(all).toBeGreaterThan(20);

  // The filters wait behind 「絞り込み」 (a <details>, which opens without JavaScript).
  await page.getByText("絞り込み", { exact: true }).click();
  await page.getByLabel("地域", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "この条件で表示" }).click();
  await expect(page).toHaveURL(/\/places\?area=[a-z-]+$/);
  const filtered = Number((await page.getByRole("status").innerText()).replace(/\D/g, ""));
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);

  const card = page.locator(".card__title a").first();
  const name = (await card.innerText()).trim();
  await card.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("heading", { name: "基本情報" })).toBeVisible();
});

test("with JavaScript off, the list pages page through results", async ({ page }) => {
  await page.goto("/events");
  await page.getByRole("link", { name: "次へ" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator(".card").first()).toBeVisible();
});

test("with JavaScript off, an impossible filter combination suggests loosening it", async ({ page }) => {
  await page.goto("/places?free=1&barrierFree=1&language=ne&beginner=1");
  await expect(page.getByText("見つかりませんでした")).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "条件をクリア" }).last().click();
  await expect(page).toHaveURL(/\/places$/);
});

test("with JavaScript off there is no empty map box, and the list has every place", async ({ page }) => {
  await page.goto("/places");
  await expect(page.locator(".map-panel")).toHaveCount(0);
  await expect(page.locator(".card")).toHaveCount(20);
});
