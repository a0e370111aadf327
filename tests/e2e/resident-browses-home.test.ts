import { test, expect } from "./fixtures";

test("a resident opens the home page in Japanese and finds this week's events and places", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("あなたの居場所、きっと見つかる。");
  await expect(page.getByRole("search").getByRole("searchbox", { name: "キーワードでさがす" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "今週の催し" })).toBeVisible();
  await expect(page.locator("#featured-places ~ .cards .card, section[aria-labelledby=featured-places] .card")).toHaveCount(6);
  // Dates are shown in Tokyo time even though the server runs in America/Los_Angeles.
  const firstWhen = page.locator("section[aria-labelledby=this-week] time").first();
  if (await firstWhen.count()) await expect(firstWhen).toHaveAttribute("datetime", /\+09:00$/);
});

test("a resident switches to English and the choice sticks on the next page", async ({ page }) => {
  await page.goto("/");
  // The nine languages sit behind one menu button that names the current one.
  const languages = page.getByRole("navigation", { name: "言語" });
  await languages.locator("summary").click();
  await languages.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A place for you, close to home.");
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Places" }).click();
  await expect(page).toHaveURL(/\/places$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find a place");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the search box on the home page finds a こども食堂", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "キーワードでさがす" }).fill("食堂");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("status")).toContainText("件見つかりました");
  await expect(page.locator(".result-list a").first()).toBeVisible();
});
