import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

// Staff look at the plan dashboard, the audit log and the 要確認 list, in Japanese and English, at phone and desktop
// widths: no WCAG 2.2 AA violations, charts drawn as SVG beside their tables, and a screenshot of each page
// (tests/.artifacts/screenshots/staff-*.png) for a person to look at. The year and the filters are plain GET forms:
// they also work with JavaScript off.

const RECORDER = `http://127.0.0.1:${process.env.E2E_RECORDER_PORT ?? 3199}`;

/** The confirm link of the 要確認 reminder for a place, as the email delivered to the recorder carries it. */
async function confirmLinkFor(placeId: string): Promise<string> {
  const pattern = new RegExp(`http://127\\.0\\.0\\.1:\\d+(/places/${placeId}/confirm\\?token=[\\w-]+)`);
  let found = "";
  await expect
    .poll(
      async () => {
        const all = (await (await fetch(`${RECORDER}/__recorded`)).json()) as { text: string }[];
        found = all.map((m) => pattern.exec(m.text)?.[1]).find(Boolean) ?? "";
        return found;
      },
      { timeout: 15_000 },
    )
    .not.toBe("");
  return found;
}

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SHOTS = path.resolve("tests/.artifacts/screenshots");

for (const lng of ["ja", "en"] as const) {
  test(`staff review the figures, the audit log and the overdue places (${lng})`, async ({ page, login }) => {
    test.setTimeout(240_000);
    fs.mkdirSync(SHOTS, { recursive: true });
    await login("staff@example.jp");
    await page.goto(`/staff/dashboard?lng=${lng}`);
    const look = async (name: string) => {
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      await expect(page.locator("h1")).toHaveCount(1);
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(
        results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`),
        `axe on ${name}`,
      ).toEqual([]);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
        // Wide tables scroll inside their own region; the page itself never scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px`).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(SHOTS, `staff-${name}-${lng}-${width}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    };
    await look("dashboard");
    await page.goto("/staff/freshness");
    await look("freshness");
    // The overdue place's public page says so, with the date it was last confirmed.
    const placeHref = (await page.locator(".freshness-table tbody tr th a").first().getAttribute("href"))!;
    await page.goto(placeHref);
    await expect(page.locator("a.tag--stale")).toHaveText(lng === "ja" ? "要確認" : "Needs checking");
    await expect(page.locator("#freshness")).toContainText(lng === "ja" ? "最後に確認されたのは" : "Last confirmed on");
    await page.screenshot({ path: path.join(SHOTS, `staff-place-stale-${lng}-1280.png`) });
    const placeAxe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(placeAxe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`), "axe on the overdue place's page").toEqual([]);
    // Staff phone the group and confirm the place: the row goes, the mark goes, and the log shows who did it.
    await page.goto("/staff/freshness");
    await page.locator(".freshness-table tbody tr").first().getByRole("button").first().click();
    await expect(page.getByRole("status")).toBeVisible();
    await page.goto(placeHref);
    await expect(page.locator("#freshness")).toBeVisible();
    await expect(page.locator("a.tag--stale")).toHaveCount(0);
    await page.goto("/staff/audit");
    await expect(page.locator(".audit-table tbody tr").first()).toBeVisible();
    await look("audit");

    await page.goto("/staff/dashboard");
    // One chart per figure, each an image named by its caption and described by the table beside it.
    await expect(page.locator("svg.month-chart__svg[role=img]")).toHaveCount(10);
    await expect(page.locator("table.month-chart__table caption")).toHaveCount(10);
    await expect(page.locator("table").first().locator("tbody th[scope=row]").first()).toContainText("⑥");
  });
}

test("without JavaScript: the year, the one-click confirm link and the audit filters", async ({ browser, login }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await login("staff@example.jp", { context });
  const page = await context.newPage();
  await page.goto("/staff/dashboard?lng=ja");
  const years = await page.locator("#fy option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  await page.locator("#fy").selectOption(years.at(-1)!);
  await page.getByRole("button", { name: "表示" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/dashboard\\?fy=${years.at(-1)}$`));
  await expect(page.locator("a[href^='/staff/dashboard.csv']")).toHaveAttribute("href", `/staff/dashboard.csv?fy=${years.at(-1)}`);

  // The last place the seed left unconfirmed for over a year: its group's owner got the reminder when the server
  // started. Opening the link changes nothing; pressing its one button (a plain POST) confirms, once.
  await page.goto("/staff/freshness");
  const placeId = (await page.locator(".freshness-table tbody tr th a").first().getAttribute("href"))!.split("/").pop()!;
  const link = await confirmLinkFor(placeId);
  await page.goto(link);
  await expect(page.locator("h1")).toHaveText("掲載内容の確認");
  await page.goto("/staff/freshness");
  await expect(page.locator(`.freshness-table a[href="/places/${placeId}"]`)).toHaveCount(1);
  await page.goto(link);
  await page.getByRole("button", { name: "内容は変わりません" }).click();
  await expect(page.getByRole("status")).toContainText("ありがとうございました");
  await page.goto(`/places/${placeId}`);
  await expect(page.locator("a.tag--stale")).toHaveCount(0);
  await page.goto(link);
  await expect(page.locator(".notice--warn")).toContainText("このリンクは使えません");

  await page.goto("/staff/audit");
  await page.locator("#audit-action").selectOption("place.confirmed");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/\/staff\/audit\?.*action=place\.confirmed/);
  await expect(page.locator(".audit-table tbody tr").first()).toContainText("居場所：内容を確認した");
  await expect(page.locator(".audit-table tbody tr").first()).toContainText("アカウントなし");
  await expect(page.locator("a[download][href^='/staff/audit.csv?']")).toBeVisible();
  // A date that does not exist (typed into a browser without a date picker) is refused, and nothing is listed.
  await page.goto("/staff/audit?from=2020-02-30");
  await expect(page.getByRole("alert")).toContainText("実在する日");
  await context.close();
});
