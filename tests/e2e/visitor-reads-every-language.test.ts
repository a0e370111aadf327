import { test, expect, firstCardHref } from "./fixtures";

// Every page hydrates in every language: the server (Node's ICU) and the browser (Chromium's, which lacks some
// locales) must write the same dates, numbers and plurals, or React throws away the page. The fixture fails the test
// on any hydration or console error; the menu is then used to switch language the way a visitor does.
const LOCALES = ["ja", "ja-x-easy", "en", "zh-Hans", "ko", "vi", "tl", "ne", "pt-BR"] as const;

for (const lng of LOCALES) {
  test(`home, lists, a place and the month view hydrate in ${lng}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/?lng=${lng}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lng);
    const place = await firstCardHref(page, "/places");
    for (const path of ["/events?view=month", "/volunteer", place]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      await page.waitForLoadState("networkidle");
    }
  });
}

test("a visitor switches language from the header menu, with the keyboard, and the choice is remembered", async ({ page }) => {
  await page.goto("/places");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  const menu = page.locator(".lang-switcher summary");
  await menu.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Tiếng Việt" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await page.goto("/events");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the language menu opens and switches language as plain HTML, and the choice is remembered", async ({ page }) => {
    await page.goto("/volunteer?area=fujimi");
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await page.locator(".lang-switcher summary").click();
    await page.getByRole("link", { name: "Português" }).click();
    // The page stays the same list with its filter, now in Portuguese.
    await expect(page).toHaveURL(/\/volunteer\?area=fujimi&lng=pt-BR$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
    await page.goto("/places");
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
  });
});
