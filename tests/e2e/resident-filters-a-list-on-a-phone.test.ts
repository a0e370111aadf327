import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";

// Issue 15, lists on a phone: at 390 px the results come first (count and first card above the fold), the
// filters wait behind one 「絞り込み」 disclosure, each filter in force is a chip that removes it, and the address
// carries only what was chosen, with JavaScript and without.

const PHONE = { width: 390, height: 844 };
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function firstCardIsAboveTheFold(page: Page) {
  await expect(page.getByRole("status").first()).toBeVisible();
  const box = await page.locator(".card").first().boundingBox();
  expect(box, "a first card").not.toBeNull();
  expect(box!.y).toBeLessThan(PHONE.height);
}

async function targetsAreAtLeast44px(page: Page, selector: string) {
  for (const target of await page.locator(selector).all()) {
    const box = await target.boundingBox();
    expect(box!.height, selector).toBeGreaterThanOrEqual(44);
  }
}

test.describe("with JavaScript", () => {
  test.use({ viewport: PHONE });

  for (const list of ["/places", "/events", "/volunteer"]) {
    test(`${list}: the count and the first card are above the fold at 390 px`, async ({ page }) => {
      await page.goto(list);
      await firstCardIsAboveTheFold(page);
      await expect(page.locator(".filter-panel")).not.toHaveAttribute("open");
    });
  }

  test("a resident opens 絞り込み, chooses an area, sees the chip and removes it", async ({ page }) => {
    await page.goto("/volunteer");
    await waitForHydration(page, ".filter-panel form");
    const all = Number((await page.getByRole("status").innerText()).replace(/\D/g, ""));
    await page.getByText("絞り込み", { exact: true }).click();
    await page.getByLabel("地域", { exact: true }).selectOption({ label: "富士見地区" });
    await page.getByRole("button", { name: "この条件で表示" }).click();
    // Only the chosen filter travels in the address: no "&category=&mode=…".
    await expect(page).toHaveURL(/\/volunteer\?area=fujimi$/);
    await expect(page.locator(".filter-panel")).not.toHaveAttribute("open");
    const chip = page.getByRole("link", { name: "条件を外す：富士見地区" });
    await expect(chip).toBeVisible();
    await targetsAreAtLeast44px(page, ".chip--active, .filter-panel__toggle, .sort-links a");
    const filtered = Number((await page.getByRole("status").innerText()).replace(/\D/g, ""));
    expect(filtered).toBeLessThan(all);
    await firstCardIsAboveTheFold(page);

    await chip.click();
    await expect(page).toHaveURL(/\/volunteer$/);
    await expect(page.locator(".chip--active")).toHaveCount(0);
    // The panel shows the list's filters again, not the removed one.
    await page.getByText("絞り込み", { exact: true }).click();
    await expect(page.getByLabel("地域", { exact: true })).toHaveValue("");
  });

  test("the disclosure and a chip are reached and used with the keyboard", async ({ page }) => {
    await page.goto(`/places?town=${encodeURIComponent("脚折町")}`);
    await waitForHydration(page, ".filter-panel form");
    await page.locator(".filter-panel__toggle").focus();
    await page.keyboard.press("Enter");
    await expect(page.locator(".filter-panel")).toHaveAttribute("open", "");
    await expect(page.getByLabel("町名・小学校区")).toHaveValue("脚折町");
    await page.keyboard.press("Enter");
    await expect(page.locator(".filter-panel")).not.toHaveAttribute("open");
    const chip = page.getByRole("link", { name: "条件を外す：脚折町" });
    await chip.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/places$/);
  });

  test("the order is one tap, and /volunteer is in date order by default", async ({ page }) => {
    await page.goto("/volunteer");
    await expect(page.locator(".sort-links [aria-current]")).toHaveText("日付の近い順");
    await page.getByRole("link", { name: "新着順" }).click();
    await expect(page).toHaveURL(/\/volunteer\?sort=newest$/);
    await expect(page.locator(".sort-links [aria-current]")).toHaveText("新着順");
  });
});

test.describe("without JavaScript", () => {
  test.use({ viewport: PHONE, javaScriptEnabled: false });

  test("a resident types their 町名, sees which area it is, and removes the chip", async ({ page }) => {
    await page.goto("/places");
    await firstCardIsAboveTheFold(page);
    await page.getByText("絞り込み", { exact: true }).click();
    await page.getByLabel("町名・小学校区").fill("脚折町");
    await page.getByRole("button", { name: "この条件で表示" }).click();
    // The form sent every field; the server answered with the address of what was chosen.
    await expect(page).toHaveURL(/\/places\?town=%E8%84%9A%E6%8A%98%E7%94%BA$/);
    await expect(page.getByText("脚折町は「すねおり」の地区です。")).toBeVisible();
    await firstCardIsAboveTheFold(page);
    await page.getByRole("link", { name: "条件を外す：脚折町" }).click();
    await expect(page).toHaveURL(/\/places$/);
  });

  test("an unknown 町名 says so and still lists everything", async ({ page }) => {
    await page.goto(`/places?town=${encodeURIComponent("存在しない町")}`);
    await expect(page.getByText("「存在しない町」という町名・小学校区は見つかりませんでした。", { exact: false })).toBeVisible();
    await expect(page.locator(".card").first()).toBeVisible();
  });

  test("the home page's 地域から探す comes right after the search, and a 町名 leads to its area's places", async ({ page }) => {
    await page.goto("/");
    const heading = await page.getByRole("heading", { name: "地域から探す" }).boundingBox();
    expect(heading!.y).toBeLessThan(PHONE.height);
    await page.locator("#home-town").fill("富士見");
    await page.getByRole("button", { name: "この地域の居場所を見る" }).click();
    await expect(page).toHaveURL(/\/places\?town=/);
    await expect(page.getByText("富士見は「富士見地区」の地区です。")).toBeVisible();
  });
});

for (const lng of ["ja", "en"] as const) {
  test(`a list with 絞り込み closed and open has no WCAG 2.2 AA violations (${lng})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(PHONE);
    await page.goto(`/places?town=${encodeURIComponent("脚折")}&beginner=1&lng=${lng}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lng);
    const closed = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(closed.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`), "closed").toEqual([]);
    await page.locator(".filter-panel__toggle").click();
    await expect(page.locator(".filter-panel")).toHaveAttribute("open", "");
    const open = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(open.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`), "open").toEqual([]);
  });
}
