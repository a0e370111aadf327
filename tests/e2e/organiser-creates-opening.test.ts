import { test, expect } from "./fixtures";

/** "YYYY-MM-DD" of the Tokyo day `days` from now (JST is UTC+9 all year). */
const tokyoDay = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

// An organiser's journey: sign in, open the group's workspace from "My groups", create a volunteer opening
// with two shifts and submit it for review; the workspace then lists it as 審査中 (under review).
test("an organiser creates a volunteer opening with two shifts and submits it for review", async ({ page, login }) => {
  const title = `公園清掃のお手伝い ${Date.now()}`;
  const firstDay = tokyoDay(9);
  const secondDay = tokyoDay(16);

  await login("owner@example.jp");
  await page.goto("/me");

  await page.getByRole("banner").getByRole("link", { name: "団体の管理" }).click();
  await expect(page).toHaveURL(/\/manage$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("団体の管理");
  const group = page.getByRole("region", { name: "所属している団体" }).getByRole("listitem").filter({ hasText: "富士見いきいきサロンの会" });
  await expect(group).toContainText("承認済み");
  await group.getByRole("link", { name: "富士見いきいきサロンの会" }).click();
  await expect(page).toHaveURL(/\/manage\/groups\/1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("富士見いきいきサロンの会");

  await page.getByRole("link", { name: "ボランティア募集を追加する" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ボランティア募集を追加する");
  await page.getByLabel("名前（タイトル）").fill(title);
  await page.getByLabel("ひとことで紹介").fill("公園のごみ拾いと花壇の水やりを一緒にしませんか");
  await page.getByLabel("活動内容").fill("軍手とごみ袋は用意します。");

  const first = page.getByRole("group", { name: "活動日 1" });
  await first.getByLabel("日付").fill(firstDay);
  await first.getByLabel("開始時刻").fill("09:00");
  await first.getByLabel("終了時刻").fill("11:00");
  await first.getByLabel("募集人数").fill("5");
  const second = page.getByRole("group", { name: "活動日 2" });
  await second.getByLabel("日付").fill(secondDay);
  await second.getByLabel("開始時刻").fill("13:30");
  await second.getByLabel("終了時刻").fill("15:30");
  await second.getByLabel("募集人数").fill("３");

  await page.getByRole("button", { name: "審査に出す" }).click();
  // The first submission after the server starts builds the reading dictionary for the search index (1–2 s, more on
  // a busy 2-core machine), so this one step may take longer than the usual 7 s.
  await expect(page).toHaveURL(/\/manage\/groups\/1\?saved=pending$/, { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "審査に出しました" })).toBeVisible();
  const item = page.getByRole("region", { name: "ボランティア募集" }).getByRole("listitem").filter({ hasText: title });
  await expect(item).toContainText("審査中");

  // The opening keeps both shifts, in Tokyo time.
  await item.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("group", { name: "活動日 1" }).getByLabel("日付")).toHaveValue(firstDay);
  await expect(page.getByRole("group", { name: "活動日 2" }).getByLabel("開始時刻")).toHaveValue("13:30");
  await expect(page.getByRole("group", { name: "活動日 2" }).getByLabel("募集人数")).toHaveValue("3");
  await expect(page.getByText("いまの状態：")).toContainText("審査中");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same form works as plain HTML: a server error keeps what was typed, then the opening is submitted", async ({ page, login }) => {
    const title = `配食のお手伝い（JSなし） ${Date.now()}`;
    await login("owner@example.jp");
    await page.goto("/manage/groups/1/openings/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ボランティア募集を追加する");

    await page.getByLabel("名前（タイトル）").fill(title);
    const first = page.getByRole("group", { name: "活動日 1" });
    await first.getByLabel("日付").fill(tokyoDay(10));
    await first.getByLabel("開始時刻").fill("10:00");
    await first.getByLabel("終了時刻").fill("12:00");
    await first.getByLabel("募集人数").fill("1.5");
    await page.getByRole("button", { name: "審査に出す" }).click();

    // The server answers with the form again: the error is tied to the field and nothing typed is lost.
    const slots = page.getByRole("group", { name: "活動日 1" }).getByLabel("募集人数");
    await expect(slots).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("半角または全角の数字だけで、整数を入力してください")).toBeVisible();
    await expect(page.getByLabel("名前（タイトル）")).toHaveValue(title);
    await expect(page.getByRole("group", { name: "活動日 4" })).toBeVisible();
    await slots.fill("２");
    await page.getByRole("button", { name: "審査に出す" }).click();

    await expect(page).toHaveURL(/\/manage\/groups\/1\?saved=pending$/);
    const item = page.getByRole("region", { name: "ボランティア募集" }).getByRole("listitem").filter({ hasText: title });
    await expect(item).toContainText("審査中");
  });
});
