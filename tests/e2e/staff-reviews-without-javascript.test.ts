import { test, expect } from "./fixtures";

// The review works without JavaScript. (Its accessibility is checked with every other page in accessibility.test.ts.)
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
