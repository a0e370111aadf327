import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect, firstCardHref, waitForHydration } from "./fixtures";

// 表示の設定: a visitor turns furigana on, chooses large text and high contrast from the header, and the choice
// stays as they move around; the same without JavaScript; やさしい日本語 shows furigana from the start; pages
// reflow at 320 px; and axe finds nothing with furigana and high contrast on. The fixture fails any test on a
// console error, so a hydration mismatch between the server's ruby and the browser's fails it too.

// The first page with furigana in each server process waits for the reading dictionary to load.
test.describe.configure({ timeout: 120_000 });

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The display cookie as the server writes it (remix cookies hold base64 JSON). */
async function chooseDisplay(context: BrowserContext, baseURL: string, value: { furigana: "on" | "off" | null; textSize: string; highContrast: boolean }) {
  await context.addCookies([{ name: "display", value: encodeURIComponent(Buffer.from(JSON.stringify(value)).toString("base64")), url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

async function chooseInHeader(page: Page) {
  await page.locator(".display-settings summary").click();
  const panel = page.locator(".display-settings__panel");
  await panel.getByRole("radio", { name: "表示する" }).check();
  await panel.getByRole("radio", { name: "大きい", exact: true }).check();
  await panel.getByRole("radio", { name: "高コントラスト（白地に黒い文字）" }).check();
  await panel.getByRole("button", { name: "この設定にする" }).click();
}

test("a visitor turns furigana on, with large text and high contrast, and the choice follows them", async ({ page }) => {
  const place = await firstCardHref(page, "/places?lng=ja");
  await page.goto(place);
  await expect(page.locator("main ruby")).toHaveCount(0);
  await waitForHydration(page, ".display-settings summary");
  await chooseInHeader(page);

  await expect(page).toHaveURL(new RegExp(`${place}$`));
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-text-size", "large");
  await expect(html).toHaveAttribute("data-contrast", "high");
  await expect(page.locator("main ruby").first()).toBeVisible();
  await expect(page.locator(".main-nav ruby rt").first()).toHaveText("いばしょ");

  // Another page, reached through the client router: still large, high contrast and with furigana.
  await waitForHydration(page, ".main-nav a[href='/volunteer']");
  await page.locator(".main-nav a[href='/volunteer']").click();
  await expect(page).toHaveURL(/\/volunteer$/);
  await expect(html).toHaveAttribute("data-text-size", "large");
  await expect(html).toHaveAttribute("data-contrast", "high");
  await expect(page.locator("main .card__title ruby").first()).toBeVisible();
  // The list's own words (the volunteering namespace, which the place page did not need) come with their readings.
  await expect(page.locator("main .page__lead ruby").first()).toBeVisible();
  // And on a fresh load.
  await page.goto("/events");
  await expect(html).toHaveAttribute("data-text-size", "large");
  await expect(page.locator("main h1 ruby").first()).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a visitor chooses the same settings and they persist across pages", async ({ page }) => {
    const place = await firstCardHref(page, "/places?lng=ja");
    await page.goto(place);
    await chooseInHeader(page);
    await expect(page).toHaveURL(new RegExp(`${place}$`));
    await expect(page.locator("html")).toHaveAttribute("data-text-size", "large");
    await expect(page.locator("html")).toHaveAttribute("data-contrast", "high");
    await expect(page.locator("main ruby").first()).toBeVisible();
    await page.goto("/volunteer");
    await expect(page.locator("html")).toHaveAttribute("data-contrast", "high");
    await expect(page.locator("main .card__title ruby").first()).toBeVisible();
  });
});

test("a reader of やさしい日本語 sees furigana without choosing anything", async ({ page }) => {
  const place = await firstCardHref(page, "/places?lng=ja-x-easy");
  await page.goto(place);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja-x-easy");
  await expect(page.locator("main ruby").first()).toBeVisible();
  await expect(page.locator(".main-nav ruby rt").first()).toHaveText("いばしょ");
});

test("with furigana and extra large text, pages do not scroll sideways at 320 px", async ({ page, context, baseURL }) => {
  await chooseDisplay(context, baseURL!, { furigana: "on", textSize: "xlarge", highContrast: false });
  const place = await firstCardHref(page, "/places?lng=ja");
  const opening = await firstCardHref(page, "/volunteer");
  await page.setViewportSize({ width: 320, height: 700 });
  for (const path of ["/", "/places", place, "/volunteer", opening, "/login", "/settings/display"]) {
    await page.goto(path);
    const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth);
  }
});

for (const target of ["/", "a place"] as const) {
  test(`${target} has no WCAG 2.2 AA violations with furigana and high contrast on`, async ({ page, context, baseURL }) => {
    await chooseDisplay(context, baseURL!, { furigana: "on", textSize: "large", highContrast: true });
    const path = target === "/" ? "/?lng=ja" : await firstCardHref(page, "/places?lng=ja");
    await page.goto(path);
    await expect(page.locator("main ruby").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
  });
}
