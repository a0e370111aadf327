import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

// WCAG 2.2 AA on the staff workspace: zero axe violations on every page of the staff menu, on a review page and on a
// decision answered with an error, in Japanese and English; and the review works without JavaScript.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

for (const lng of ["ja", "en"] as const) {
  test(`the staff workspace has no WCAG 2.2 AA violations (${lng})`, async ({ page, login }) => {
    test.setTimeout(240_000);
    await login("staff@example.jp");
    await page.goto(`/staff?lng=${lng}`);
    const check = async (label: string) => {
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const summary = results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
      expect(summary, `axe on ${label} in ${lng}`).toEqual([]);
    };
    await check("/staff");
    // Every page of the staff menu, as the menu lists them.
    const menu = await page.locator(".staff-nav a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(menu.length).toBeGreaterThanOrEqual(3);
    for (const href of menu) {
      await page.goto(href);
      await check(href);
    }
    await page.goto("/staff/review");
    await page.locator(".data-table tbody a").first().click();
    await expect(page.getByRole("heading", { level: 2, name: lng === "ja" ? "審査の結果" : "Decision", exact: true })).toBeVisible();
    await check("a review page");
    await page.getByRole("button", { name: lng === "ja" ? "差し戻す" : "Send back" }).click();
    await expect(page.locator(".field__error")).toBeVisible();
    await check("a decision answered with an error");
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("staff filter the queue and send an item back with a reason", async ({ page, login }) => {
    await login("staff@example.jp");
    await page.goto("/staff/review");
    await page.getByLabel("種類").selectOption("group");
    await page.getByRole("button", { name: "絞り込む" }).click();
    await expect(page).toHaveURL(/kind=group/);
    const rows = page.locator(".data-table tbody tr");
    await expect(rows.first()).toContainText("団体の登録");
    const name = (await rows.first().locator("a").first().textContent())!.trim();
    await rows.first().locator("a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await page.getByLabel("理由（差し戻すときは必ず書いてください）").fill("活動の内容をもう少しくわしく書いてください。");
    await page.getByRole("button", { name: "差し戻す" }).click();
    await expect(page).toHaveURL(/\/staff\/review\?decided=reject$/);
    await expect(page.getByRole("status").filter({ hasText: "差し戻しました" })).toBeVisible();
    // The group has left the queue (its own items, which may carry the same name, wait on).
    await expect(page.locator(".data-table tbody tr").filter({ hasText: "団体の登録" }).filter({ has: page.getByRole("link", { name, exact: true }) })).toHaveCount(0);
  });
});
