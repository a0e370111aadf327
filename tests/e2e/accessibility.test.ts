import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { ACCOUNTS, PAGES, inLanguage, type Area } from "./pages";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "../../app/modules/i18n/config";
import { ACCESSIBILITY_RESULTS } from "../../app/modules/accessibility/results";

// WCAG 2.2 AA (which covers JIS X 8341-3:2016 AA): zero axe violations on every public, resident, group and staff
// page (tests/e2e/pages.ts), in every language the site offers.
//
// Time: one test per area and language walks its pages in one browser page (one sign-in, one context), and the
// tests of this file run on both workers. axe runs once per page, in the page itself (legacy mode: the default
// mode opens a blank page for every run to merge results across frames, and the site has no frames), collecting
// only violations (passes and inapplicable rules cost time and are not read).
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test.describe.configure({ mode: "parallel" });

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).options({ resultTypes: ["violations"] }).analyze();
  return results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
}

for (const area of Object.keys(PAGES) as Area[]) {
  for (const lng of SUPPORTED_LOCALES) {
    test(`${area} pages have no WCAG 2.2 AA violations (${lng})`, async ({ page, login }) => {
      // About 20 s a page on a loaded 2-core machine; most take a few.
      test.setTimeout(PAGES[area].length * 20_000);
      const account = ACCOUNTS[area];
      if (account) await login(account);
      const found: Record<string, string> = {};
      const problems: string[] = [];
      for (const visit of PAGES[area]) {
        const path = typeof visit.path === "string" ? visit.path : visit.path(found);
        await page.goto(inLanguage(path, lng));
        await expect(page.locator("html"), visit.name).toHaveAttribute("lang", lng);
        for (const [key, selector] of Object.entries(visit.remember ?? {})) {
          const href = await page.locator(selector).first().getAttribute("href");
          if (!href) throw new Error(`${visit.name}: no ${selector}`);
          found[key] = href;
        }
        await visit.then?.(page);
        problems.push(...(await violations(page)).map((v) => `${visit.name} (${path}): ${v}`));
      }
      expect(problems, `axe on ${area} pages in ${lng}`).toEqual([]);
    });
  }
}

test("the accessibility page publishes results for every page and language checked here", async ({ page }) => {
  const axe = ACCESSIBILITY_RESULTS.tools.find((tool) => tool.id === "axe")!;
  const pages = Object.values(PAGES).flat();
  expect(axe.pages, "update app/modules/accessibility/results.ts").toBe(pages.length);
  expect([...axe.locales]).toEqual([...SUPPORTED_LOCALES]);
  const nu = ACCESSIBILITY_RESULTS.tools.find((tool) => tool.id === "nu")!;
  expect(nu.pages, "update app/modules/accessibility/results.ts").toBe(pages.filter((p) => p.html).length);
  expect([...nu.locales]).toEqual([...SUPPORTED_LOCALES]);

  await page.goto("/accessibility?lng=en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Web accessibility policy");
  const axeRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /axe-core/ }) });
  await expect(axeRow).toContainText(`${pages.length} pages × ${SUPPORTED_LOCALES.length} languages`);
  for (const lng of SUPPORTED_LOCALES) await expect(axeRow.locator(`li[lang="${lng}"]`)).toHaveText(LOCALE_NAMES[lng]);
  // Reached from every page's footer, beside the privacy notice.
  await page.getByRole("contentinfo").getByRole("link", { name: "Accessibility" }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
});

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
