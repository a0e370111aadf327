import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

// WCAG 2.2 AA on the organiser workspace too: zero axe violations on every page and form (also showing errors),
// in Japanese and English.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

for (const lng of ["ja", "en"] as const) {
  test(`the organiser workspace has no WCAG 2.2 AA violations (${lng})`, async ({ page, login }) => {
    // Eleven axe runs in one walk through the workspace: generous, since a loaded 2-core machine slows axe a lot.
    test.setTimeout(240_000);
    await login("owner@example.jp");
    // ?lng= is remembered in a cookie, so the rest of the walk stays in this language.
    await page.goto(`/manage?lng=${lng}`);

    const check = async (label: string) => {
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const summary = results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
      expect(summary, `axe on ${label} in ${lng}`).toEqual([]);
    };
    await check("/manage");
    const editLinks: string[] = [];
    for (const path of ["/manage/groups/1", "/manage/groups/1/profile", "/manage/groups/1/places/new", "/manage/groups/1/events/new", "/manage/groups/1/openings/new"]) {
      await page.goto(path);
      await check(path);
      if (path === "/manage/groups/1") {
        for (const kind of ["places", "events", "openings"]) {
          const href = await page.locator(`#${kind}-list a`).first().getAttribute("href");
          if (href) editLinks.push(href);
        }
      }
    }
    for (const href of editLinks) {
      await page.goto(href);
      await check(href);
    }
    // A form answered with errors (sent without the browser's own checks).
    await page.goto("/manage/groups/1/events/new");
    await page.locator("form.form").evaluate((form) => form.setAttribute("novalidate", ""));
    await page.locator("button[value=submit]").click();
    await expect(page.locator(".field__error").first()).toBeVisible();
    await check("event form with errors");
  });
}
