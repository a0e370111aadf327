import AxeBuilder from "@axe-core/playwright";
import { test, expect, firstCardHref } from "./fixtures";

// WCAG 2.2 AA (which covers JIS X 8341-3:2016 AA): zero axe violations on every public page, in ja and en.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

for (const lng of ["ja", "en"] as const) {
  test(`every public page has no WCAG 2.2 AA violations (${lng})`, async ({ page }) => {
    test.setTimeout(90_000);
    const pages = [
      "/",
      "/places",
      "/places?beginner=1",
      await firstCardHref(page, "/places"),
      "/events",
      await firstCardHref(page, "/events"),
      "/volunteer",
      await firstCardHref(page, "/volunteer"),
      "/search",
      "/search?q=サロン",
      "/no-such-page",
    ];
    for (const path of pages) {
      await page.goto(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const summary = results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
      expect(summary, `axe on ${path} in ${lng}`).toEqual([]);
    }
  });

  test(`pages stay usable at 390 px wide with 44 px tap targets in the main navigation (${lng})`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/?lng=${lng}`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
    for (const link of await page.locator(".main-nav a").all()) {
      const box = await link.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
  });
}
