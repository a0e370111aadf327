import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

// A 404 or 403 thrown inside a route is shown by that route's error boundary (components/error-boundary.tsx): the
// translated message sits inside the site's own layout, in the visitor's language, with the page's title.

const TEXT = {
  ja: {
    notFound: "ページが見つかりません",
    forbidden: "この操作はできません",
    suspended: "団体の掲載を停止しているため、管理画面は閲覧のみです。",
    home: "ホームへ戻る",
  },
  en: {
    notFound: "Page not found",
    forbidden: "You cannot do this",
    suspended: "The group is suspended, so its workspace is read-only",
    home: "Back to home",
  },
} as const;

/** The owner of the suspended group 「すこやか健康倶楽部」 in the sample data. */
const SUSPENDED_OWNER = "yamamoto.osamu@example.jp";
const DEMO_PASSWORD = "tsunagu-demo-2026";

async function expectInsideLayout(page: Page, lng: "ja" | "en") {
  await expect(page.locator("html")).toHaveAttribute("lang", lng);
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("navigation").first()).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
}

for (const lng of ["ja", "en"] as const) {
  test(`a missing listing is a 404 in the site's layout, in ${lng}`, async ({ page }) => {
    const res = await page.goto(`/events/999999?lng=${lng}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toHaveText(TEXT[lng].notFound);
    await expect(page).toHaveTitle(new RegExp(`^${TEXT[lng].notFound} \\| `));
    await expectInsideLayout(page, lng);
    await expect(page.getByRole("main").getByRole("link", { name: TEXT[lng].home })).toBeVisible();
  });

  test(`a suspended group's workspace refuses a new place with a 403 that says why, in ${lng}`, async ({ page }) => {
    await page.goto(`/login?redirectTo=/manage&lng=${lng}`);
    await page.locator("input[name=email]").fill(SUSPENDED_OWNER);
    await page.locator("input[name=password]").fill(DEMO_PASSWORD);
    await page.locator("form:has(input[name=password]) button[type=submit]").click();
    await expect(page).toHaveURL(/\/manage$/);
    const workspace = await page.getByRole("link", { name: "すこやか健康倶楽部" }).getAttribute("href");
    expect(workspace).toMatch(/^\/manage\/groups\/\d+$/);

    const res = await page.goto(`${workspace}/places/new?lng=${lng}`);
    expect(res?.status()).toBe(403);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(TEXT[lng].forbidden);
    await expect(main).toContainText(TEXT[lng].suspended);
    await expect(page).toHaveTitle(new RegExp(`^${TEXT[lng].forbidden} \\| `));
    await expectInsideLayout(page, lng);
  });
}
