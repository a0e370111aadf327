import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

// A bilingual resident translates a place at /translate, staff approve it from the review queue, and the place's
// English page shows it. The /translate pages have no WCAG 2.2 AA violations.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test("a bilingual resident translates a place, staff approve it, and the English page shows it", async ({ page, login, browser }) => {
  test.setTimeout(180_000);
  const axe = async (label: string) => {
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`), `axe on ${label}`).toEqual([]);
  };
  await login("resident@example.jp");
  await page.goto("/translate?lang=en");
  await expect(page.getByRole("heading", { level: 1, name: "翻訳ボランティア" })).toBeVisible();
  await axe("/translate");

  const task = page.locator(".translate-tasks li").filter({ hasText: "居場所" }).first();
  const title = (await task.getByRole("link").textContent())!.trim();
  const placeId = /\/translate\/place\/(\d+)/.exec((await task.getByRole("link").getAttribute("href"))!)![1];
  await task.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await axe("a place to translate");

  const text = "Hinata tea room for neighbours";
  const field = page.getByRole("textbox").first();
  await expect(field).toHaveAttribute("lang", "en");
  await field.fill(text);
  await page.getByRole("button", { name: "確認に送る" }).click();
  await expect(page).toHaveURL(/\/translate\?lang=en&submitted=1$/);
  await expect(page.getByRole("status").filter({ hasText: "翻訳を送りました" })).toBeVisible();
  await expect(page.getByRole("region", { name: "あなたの翻訳" }).getByText("確認待ち").first()).toBeVisible();

  const staffContext = await browser.newContext();
  try {
    await login("staff@example.jp", { context: staffContext });
    const staff = await staffContext.newPage();
    await staff.goto("/staff/review?kind=translation");
    await staff.locator(".data-table tbody tr").filter({ hasText: "English" }).getByRole("link", { name: title, exact: true }).first().click();
    await expect(staff.getByText(text)).toBeVisible();
    await staff.getByRole("button", { name: "承認して公開する" }).click();
    await expect(staff).toHaveURL(/\/staff\/review\?decided=approve$/);
  } finally {
    await staffContext.close();
  }

  await page.goto(`/places/${placeId}?lng=en`);
  const shown = page.getByRole("main").getByText(text, { exact: true }).last();
  await expect(shown).toBeVisible();
  await expect(shown).not.toHaveAttribute("lang", "ja");
});
