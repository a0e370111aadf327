import { test, expect, firstCardHref, waitForHydration } from "./fixtures";

test("a place page shows when, where and schema.org Place data", async ({ page }) => {
  const href = await firstCardHref(page, "/places");
  await page.goto(href);
  await expect(page.getByRole("heading", { name: "開催日", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "基本情報" })).toBeVisible();
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd["@type"]).toBe("Place");
  expect(jsonLd.url).toMatch(/\/places\/\d+$/);
});

test("an event page lists its dates in Tokyo time and has schema.org Event data", async ({ page }) => {
  const href = await firstCardHref(page, "/events");
  await page.goto(href);
  await expect(page.getByRole("heading", { name: "日程" })).toBeVisible();
  await expect(page.locator(".date-list time").first()).toHaveAttribute("datetime", /\+09:00$/);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd["@type"]).toBe("Event");
  expect(jsonLd.startDate).toMatch(/\+09:00$/);
});

test("a volunteer opening shows what, why and when", async ({ page }) => {
  const href = await firstCardHref(page, "/volunteer");
  await page.goto(href);
  await expect(page.getByRole("heading", { name: "活動内容" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "活動日" })).toBeVisible();
});

test("an unknown page is a real 404 with a friendly message in the resident's language", async ({ page }) => {
  const ja = await page.goto("/no-such-page");
  expect(ja?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  const en = await page.goto("/places/999999?lng=en");
  expect(en?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Back to home" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("documents carry the security headers and a CSP nonce the page's scripts use", async ({ page, request }) => {
  // A URL nobody asked for yet, so the page is rendered now (a cached copy carries script hashes instead).
  const fresh = `/?rendered=${Date.now()}`;
  const res = await request.get(fresh);
  expect(res.headers()["x-page-cache"]).toBeUndefined();
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  // Hydration worked under that CSP: client-side navigation happens without a full reload.
  await page.goto(`${fresh}-browser`);
  await waitForHydration(page, ".main-nav a");
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "催し" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("催しをさがす");
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
});

test("a POST from another origin is refused before it reaches the app", async ({ request }) => {
  const res = await request.post("/places", { headers: { Origin: "https://evil.example" }, form: { x: "1" } });
  expect(res.status()).toBe(403);
});

test("/healthz reports the database", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
});
