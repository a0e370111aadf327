import type { Page } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";

// The quick match on a phone (390 px), with and without JavaScript: answer with big buttons, see proposals with
// their reasons right below, set one aside with 「興味なし」, and open the same result again from its address.

test.use({ viewport: { width: 390, height: 844 } });

const cardTitles = (page: Page) => page.locator(".match-results .card__title").allInnerTexts();
/** Which item each proposal is (a place and its event may share a title). */
const cardItems = (page: Page) => page.locator(".match-results .card").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-item") ?? ""));

async function answerAndSee(page: Page, { javaScript }: { javaScript: boolean }) {
  await page.goto("/match");
  if (javaScript) await waitForHydration(page, "form.questions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("あなたに合う参加のしかたをさがす");
  // Nothing answered yet: only the questions.
  await expect(page.getByRole("heading", { name: "あなたへのおすすめ" })).toHaveCount(0);

  await page.getByRole("checkbox", { name: "高齢者" }).check();
  await page.getByRole("checkbox", { name: "平日の午前" }).check();
  await page.getByRole("group", { name: "3. どの地区で参加したいですか？" }).getByRole("radio", { name: "富士見地区" }).check();
  await page.getByRole("button", { name: "おすすめを見る" }).click();

  await expect(page).toHaveURL(/\/match\?like=elderly&when=weekday-am&area=fujimi/);
  await expect(page.getByRole("heading", { name: "あなたへのおすすめ" })).toBeVisible();
  const cards = page.locator(".match-results .card");
  expect(await cards.count()).toBeGreaterThanOrEqual(3);
  // Each proposal says why, in words: the first fits the area and the time asked for.
  const firstReasons = cards.first().getByRole("list", { name: "おすすめの理由" });
  await expect(firstReasons).toContainText("あなたの地区です");
  await expect(firstReasons.getByRole("listitem").first()).toBeVisible();
  // The answers stay ticked above the proposals.
  await expect(page.getByRole("checkbox", { name: "高齢者" })).toBeChecked();
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

async function setAsideTheFirst(page: Page) {
  const before = await cardItems(page);
  const first = before[0]!;
  await page.locator(".match-results .card").first().getByRole("button", { name: /^興味なし/ }).click();
  await expect(page.locator(`.match-results .card[data-item="${first}"]`)).toHaveCount(0);
  const after = await cardItems(page);
  expect(after).not.toContain(first);
  expect(after).toContain(before[1]);
  return cardTitles(page);
}

test.describe("with JavaScript", () => {
  test("a resident answers the quick match, sets one proposal aside, and the address gives the same result", async ({ page, context }) => {
    await answerAndSee(page, { javaScript: true });
    await waitForHydration(page, ".match-results form");
    const shown = await setAsideTheFirst(page);
    await expect(page).toHaveURL(/hide=[oep]\d+/);

    const shared = await context.newPage();
    await shared.setViewportSize({ width: 390, height: 844 });
    await shared.goto(page.url());
    await expect(shared.getByRole("heading", { name: "あなたへのおすすめ" })).toBeVisible();
    expect(await cardTitles(shared)).toEqual(shown);
  });

  test("a signed-in resident's 興味なし is remembered", async ({ page, login }) => {
    await login("resident@example.jp");
    await page.goto("/match?like=elderly&when=weekday-am&area=fujimi");
    await expect(page.getByRole("heading", { name: "プロフィールからのおすすめ" })).toBeVisible();
    await expect(page.getByRole("link", { name: "プロフィールを編集する" })).toHaveAttribute("href", "/me/profile");
    await waitForHydration(page, ".match-results form");
    const first = (await cardItems(page))[0]!;
    await page.locator(".match-results .card").first().getByRole("button", { name: /^興味なし/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "「興味なし」にしました" })).toBeVisible();
    await expect(page.locator(`.card[data-item="${first}"]`)).toHaveCount(0);
    // Still gone on a fresh visit with the same answers, from both lists.
    await page.goto("/match?like=elderly&when=weekday-am&area=fujimi");
    await expect(page.getByRole("heading", { name: "あなたへのおすすめ" })).toBeVisible();
    await expect(page.locator(`.card[data-item="${first}"]`)).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a resident answers the quick match, sets one proposal aside, and the address gives the same result", async ({ page, context }) => {
    await answerAndSee(page, { javaScript: false });
    const shown = await setAsideTheFirst(page);
    await expect(page).toHaveURL(/hide=[oep]\d+/);

    const shared = await context.newPage();
    await shared.goto(page.url());
    expect(await cardTitles(shared)).toEqual(shown);

    // The link to sign up carries the answers.
    const signup = page.getByRole("link", { name: "答えを残して登録する" });
    await signup.click();
    await expect(page.getByTestId("match-kept")).toBeVisible();
  });

  test("a resident says on the profile page that they want to help, joins the talent register, and the quick match ranks with it", async ({ page, login }) => {
    await login("resident@example.jp");
    await page.goto("/me/profile");
    await page.getByRole("group", { name: "やりたいこと" }).getByRole("radio", { name: "手伝いたい（ボランティア）" }).check();
    await page.getByRole("checkbox", { name: "上の内容を読み、人材バンクに登録することに同意します" }).check();
    await page.getByRole("button", { name: "保存する" }).click();
    await expect(page).toHaveURL(/\/me\/profile\?saved=1/);
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    await expect(page.getByRole("group", { name: "やりたいこと" }).getByRole("radio", { name: "手伝いたい（ボランティア）" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "上の内容を読み、人材バンクに登録することに同意します" })).toBeChecked();
    // The profile's proposals now put ways to help first.
    await page.goto("/match");
    const forYou = page.locator("section[aria-labelledby=for-you] .card");
    await expect(forYou.first()).toBeVisible();
    await expect(forYou.first().locator(".card__kicker")).toHaveText("ボランティア");
  });
});
