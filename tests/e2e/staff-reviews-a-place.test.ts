import { test, expect } from "./fixtures";
import { waitForEmail } from "./mail";

// Issue 10's journey, in a real browser by accessible names: a group submits a place, staff send it back with a
// reason, the group reads the reason in its workspace and in its email, fixes the place and submits it again, staff
// approve it, and the place is then found by search and listed in the open-data file.
test("a place goes from a group's submission through staff review to search and open data", async ({ page, login, browser, baseURL }) => {
  // Two people's sessions, two reviews and an email round trip: longer than one page's 30 s budget.
  test.setTimeout(90_000);
  const name = `ひだまり審査カフェ ${Date.now()}`;
  const reason = "住所を番地まで書いてください。";

  await login("owner@example.jp");
  await page.goto("/manage/groups/1/places/new");
  await page.getByLabel("居場所の名前").fill(name);
  await page.getByLabel("ふりがな").fill("ひだまりしんさかふぇ");
  await page.getByLabel("種類").selectOption({ index: 1 });
  await page.getByRole("textbox", { name: "住所" }).fill("鶴ヶ島市富士見");
  await page.getByRole("button", { name: "審査に出す" }).click();
  // The first submission after the server starts builds the reading dictionary for search (see organiser-creates-opening).
  await expect(page).toHaveURL(/\/manage\/groups\/1\?saved=pending$/, { timeout: 20_000 });

  // Staff, in their own browser session.
  const staffContext = await browser.newContext({ baseURL });
  await login("staff@example.jp", { context: staffContext });
  const staff = await staffContext.newPage();
  await staff.goto("/staff");
  await staff.getByRole("navigation", { name: "職員メニュー" }).getByRole("link", { name: /審査/ }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("審査");
  await staff.getByRole("link", { name, exact: true }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(staff.getByText("はじめての審査です。")).toBeVisible();
  // Sending back without a reason is refused, and says why.
  await staff.getByRole("button", { name: "差し戻す" }).click();
  await expect(staff.getByText("差し戻すときは理由を書いてください。")).toBeVisible();
  await staff.getByLabel("理由（差し戻すときは必ず書いてください）").fill(reason);
  await staff.getByRole("button", { name: "差し戻す" }).click();
  await expect(staff).toHaveURL(/\/staff\/review\?decided=reject$/);
  await expect(staff.getByRole("status").filter({ hasText: "差し戻しました" })).toBeVisible();

  // The group is told by email, and sees the reason in its workspace.
  const [, emailed] = await waitForEmail("owner@example.jp", /理由：(.+)/);
  expect(emailed).toBe(reason);
  await page.goto("/manage/groups/1");
  await page.getByRole("link", { name, exact: true }).click();
  const notice = page.getByRole("region", { name: "職員からのお知らせ" });
  await expect(notice).toContainText(reason);
  await page.getByRole("textbox", { name: "住所" }).fill("鶴ヶ島市富士見1-2-3");
  await page.getByRole("button", { name: "審査に出す" }).click();
  await expect(page).toHaveURL(/\/manage\/groups\/1\?saved=pending$/);

  // Staff see what changed since they sent it back, and approve.
  await staff.goto("/staff/review");
  await staff.getByRole("link", { name, exact: true }).click();
  const changed = staff.locator(".diff__row--changed");
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("鶴ヶ島市富士見1-2-3");
  await staff.getByRole("button", { name: "承認して公開する" }).click();
  await expect(staff).toHaveURL(/\/staff\/review\?decided=approve$/);
  await staffContext.close();

  // The place is public: search finds it, and the open-data file lists it.
  await page.goto("/search");
  await page.getByRole("searchbox", { name: "キーワードでさがす" }).fill(name);
  await page.getByRole("searchbox", { name: "キーワードでさがす" }).press("Enter");
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  const csv = await (await page.request.get("/opendata/places.csv")).text();
  expect(csv).toContain(name);
});
