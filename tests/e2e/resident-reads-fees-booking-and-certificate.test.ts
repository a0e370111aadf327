import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./fixtures";

// Issue 15: a place marked 要予約 says how to book beside its next dates; a partly free fee reads as such; the
// volunteer certificate fits a phone and prints on A4 without the site around it; the council's counter is in the
// footer. Screenshots go to tests/.artifacts/issue15-info/ for people to look at.

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SHOTS = path.resolve("tests/.artifacts/issue15-info");
/** わかば こども食堂: 要予約, children free and adults ¥300 (seed). */
const WAKABA = "/places/2";

const english = (context: BrowserContext, baseURL: string) => context.addCookies([{ name: "lng", value: btoa(JSON.stringify("en")), url: baseURL }]);

async function axe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`), `axe on ${what}`).toEqual([]);
}

for (const lng of ["ja", "en"] as const) {
  test(`a place with booking shows how to book above the fold of its schedule, and its partly free fee (${lng})`, async ({ page, context, baseURL }) => {
    test.setTimeout(90_000);
    if (lng === "en") await english(context, baseURL!);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(WAKABA);
      const schedule = page.locator("section").filter({ has: page.locator("#when-h") });
      const booking = schedule.locator(".booking");
      await expect(booking).toBeVisible();
      await expect(booking.getByRole("heading")).toHaveText(lng === "ja" ? "予約が必要です" : "Booking needed");
      // The way to book comes before the list of dates, and is on screen once the schedule's heading is.
      await page.locator("#when-h").scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById("when-h")!.scrollIntoView({ block: "start" }));
      const box = (await booking.boundingBox())!;
      const dates = (await schedule.locator(".date-list").boundingBox())!;
      expect(box.y, `booking above the dates at ${width}`).toBeLessThan(dates.y);
      const viewport = page.viewportSize()!;
      expect(box.y + 120, `booking's start on screen at ${width}`).toBeLessThan(viewport.height);
      const tel = booking.locator(".booking__ways a[href^='tel:']").first();
      await expect(tel).toBeVisible();
      expect((await tel.boundingBox())!.height).toBeGreaterThanOrEqual(44);

      const fee = page.locator(".detail__side .info-row").filter({ has: page.locator("dt", { hasText: lng === "ja" ? "参加費" : "Fee" }) });
      await expect(fee.locator("dd")).toContainText(lng === "ja" ? "子ども無料・大人300円" : "Free for children, adults ¥300");

      const footer = page.locator(".site-footer");
      await expect(footer.locator('a[href^="tel:"]')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/place-booking-${lng}-${width}.png`, fullPage: true });
    }
    await axe(page, `${WAKABA} (${lng})`);
  });

  test(`the certificate fits a phone, prints on A4 without the site around it (${lng})`, async ({ page, context, baseURL, login }) => {
    test.setTimeout(90_000);
    if (lng === "en") await english(context, baseURL!);
    await login("resident@example.jp");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/me/certificate");
    const table = page.locator(".certificate__table");
    await expect(table).toBeVisible();
    // No sideways scroll on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // No cell squeezed to a character per line: every activity's cell is wider than a few characters.
    const widths = await table.locator("tbody td").evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
    expect(widths.length).toBeGreaterThan(0);
    for (const w of widths) expect(w).toBeGreaterThan(120);
    if (lng === "en") {
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificate of Volunteer Activity");
      // Not letter-spaced in English.
      expect(await page.locator("h1").evaluate((h) => getComputedStyle(h).letterSpacing)).toBe("normal");
      await expect(table.locator(".certificate__label").first()).toHaveText("Date");
    }
    // The print button appears once the page runs scripts; the text for no-JS readers is always there.
    await expect(page.getByRole("button", { name: lng === "ja" ? "印刷する" : "Print" })).toBeVisible();
    await expect(page.getByText(lng === "ja" ? /ブラウザの印刷機能/ : /browser's print command/)).toBeVisible();
    await axe(page, `/me/certificate at 390 (${lng})`);
    await page.screenshot({ path: `${SHOTS}/certificate-${lng}-390.png`, fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/certificate-${lng}-1280.png`, fullPage: true });
    await axe(page, `/me/certificate at 1280 (${lng})`);

    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.locator(".site-footer")).toBeHidden();
    await expect(page.locator(".main-nav")).toBeHidden();
    await expect(page.getByRole("button", { name: lng === "ja" ? "印刷する" : "Print" })).toBeHidden();
    await expect(table).toBeVisible();
    // In print the table is a table again (header row shown), not the phone's stacked rows.
    await expect(table.locator("thead")).toBeVisible();
    expect(await table.locator("tbody tr").first().evaluate((r) => getComputedStyle(r).display)).toBe("table-row");
    await page.screenshot({ path: `${SHOTS}/certificate-${lng}-print.png`, fullPage: true });
    await page.pdf({ path: `${SHOTS}/certificate-${lng}.pdf`, preferCSSPageSize: true, printBackground: true });
  });
}
