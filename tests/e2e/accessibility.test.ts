import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, firstCardHref } from "./fixtures";

// WCAG 2.2 AA (which covers JIS X 8341-3:2016 AA): zero axe violations on every public page, in ja and en.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// One test per page, so a slow machine gives each axe run its own time and a failure names its page.
const PUBLIC_PAGES: { name: string; path: (page: Page) => Promise<string> }[] = [
  ...["/", "/places", "/places?beginner=1", "/events", "/volunteer", "/search", "/search?q=サロン", "/no-such-page"].map((p) => ({
    name: p,
    path: async () => p,
  })),
  { name: "a place", path: (page: Page) => firstCardHref(page, "/places") },
  { name: "an event", path: (page: Page) => firstCardHref(page, "/events") },
  { name: "a volunteer opening", path: (page: Page) => firstCardHref(page, "/volunteer") },
];

for (const lng of ["ja", "en"] as const) {
  for (const target of PUBLIC_PAGES) {
    test(`${target.name} has no WCAG 2.2 AA violations (${lng})`, async ({ page }) => {
      test.setTimeout(60_000);
      const path = await target.path(page);
      await page.goto(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const summary = results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
      expect(summary, `axe on ${path} in ${lng}`).toEqual([]);
    });
  }
}

for (const lng of ["ja", "en"] as const) {
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
