import { test, expect, firstCardHref } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("with JavaScript off, a visitor reports a place through its 「問題を報告」 link and is thanked", async ({ page }) => {
  const href = await firstCardHref(page, "/places");
  await page.goto(href);
  await page.getByRole("link", { name: "問題を報告" }).click();
  await expect(page).toHaveURL(new RegExp(`/report/place/${href.split("/").pop()}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("問題を報告");

  await page.getByLabel("内容がまちがっている・古い").check();
  await page.getByLabel("くわしい内容（任意）").fill("開催日が変わったようです。");
  await page.getByRole("button", { name: "報告する" }).click();

  await expect(page).toHaveURL(/\?sent=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ご報告ありがとうございました");
  await expect(page.getByRole("status")).toContainText("職員が内容を確認します");
  await page.getByRole("link", { name: "掲載ページにもどる" }).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});
