import path from "node:path";
import Database from "better-sqlite3";
import { E2E_DATABASE as DB, test, expect } from "./fixtures";

const tokyoDay = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The whole participation loop: a group owner creates an opening with two shifts; a resident applies; the owner
 * accepts and, after the activity, records 3 hours; the resident sees the hours and prints the certificate.
 * Two steps that belong to other parts of the system are done directly in the database, as those parts would:
 * the council's approval of the opening (staff moderation) and time passing until the shift has happened.
 */
test("an opening with two shifts: apply, accept, record 3 hours, see them on the certificate", async ({ browser, login }) => {
  test.setTimeout(120_000);
  const title = `図書館の本の整理 ${Date.now()}`;
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await login("owner@example.jp", { context: ownerContext });
  await owner.goto("/manage/groups/1/openings/new");
  await owner.getByLabel("名前（タイトル）").fill(title);
  await owner.getByLabel("ひとことで紹介").fill("返ってきた本を棚に戻すお手伝いです");
  await owner.getByLabel("活動内容").fill("本を分類ごとに棚へ戻します。");
  await owner.getByLabel("応募ごとに団体が参加を決める（先着順にしない）").check();
  const first = owner.getByRole("group", { name: "活動日 1" });
  await first.getByLabel("日付").fill(tokyoDay(5));
  await first.getByLabel("開始時刻").fill("10:00");
  await first.getByLabel("終了時刻").fill("13:00");
  await first.getByLabel("募集人数").fill("3");
  const second = owner.getByRole("group", { name: "活動日 2" });
  await second.getByLabel("日付").fill(tokyoDay(12));
  await second.getByLabel("開始時刻").fill("10:00");
  await second.getByLabel("終了時刻").fill("12:00");
  await second.getByLabel("募集人数").fill("3");
  await owner.getByRole("button", { name: "審査に出す" }).click();
  await expect(owner).toHaveURL(/\/manage\/groups\/1\?saved=pending$/);

  // The council approves it (staff moderation).
  const db = new Database(DB);
  const { id: openingId } = db.prepare(`SELECT id FROM "Opening" WHERE title = ?`).get(title) as { id: number };
  db.prepare(`UPDATE "Opening" SET status = 'published', "publishedAt" = ? WHERE id = ?`).run(new Date().toISOString(), openingId);

  // A resident applies to the first shift, consenting to share contact details with the group.
  const residentContext = await browser.newContext();
  const resident = await residentContext.newPage();
  await login("resident@example.jp", { context: residentContext });
  await resident.goto(`/volunteer/${openingId}`);
  await expect(resident.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(resident.getByRole("button", { name: "この日に応募する" })).toHaveCount(2);
  const form = resident.locator("form.shift-action").first();
  await form.getByLabel("団体へのひとこと（任意）").fill("よろしくお願いします");
  await form.getByLabel(/これに同意します/).check();
  await form.getByRole("button", { name: "この日に応募する" }).click();
  await expect(resident.getByRole("status")).toContainText("団体が確認してからお知らせします");
  await expect(resident.getByText("確認待ち")).toBeVisible();

  // The owner accepts from the applicants page; the resident's contact details are visible (consent given).
  await owner.goto("/manage/groups/1");
  await owner.getByRole("link", { name: `応募者を見る （${title}）` }).click();
  await expect(owner.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(owner.getByText("resident@example.jp")).toBeVisible();
  await owner.getByRole("button", { name: "参加を決める" }).click();
  await expect(owner.getByRole("status")).toContainText("参加を決めました");

  // Time passes: the shift has taken place (moved to yesterday, 10:00–13:00 Tokyo).
  const yesterday = tokyoDay(-1);
  const startsAt = new Date(`${yesterday}T01:00:00.000Z`);
  const shift = db.prepare(`SELECT "shiftId" FROM "Application" WHERE id = (SELECT max(id) FROM "Application")`).get() as { shiftId: number };
  db.prepare(`UPDATE "Shift" SET "startsAt" = ?, "endsAt" = ? WHERE id = ?`).run(startsAt.toISOString().replace("Z", "+00:00"), new Date(startsAt.getTime() + 3 * 3_600_000).toISOString().replace("Z", "+00:00"), shift.shiftId);
  db.close();

  await owner.reload();
  await owner.getByLabel("活動時間").first().fill("3");
  await owner.getByRole("button", { name: "参加を記録" }).first().click();
  await expect(owner.getByRole("status")).toContainText("参加と活動時間を記録しました");

  // The resident sees the verified hours and the certificate lists the activity.
  await resident.goto("/me");
  await expect(resident.getByRole("region", { name: "これまでの活動" })).toContainText(title);
  await resident.getByRole("link", { name: "活動証明書を表示" }).first().click();
  await expect(resident.getByRole("heading", { level: 1 })).toHaveText("ボランティア活動証明書");
  await expect(resident.locator(".certificate__table")).toContainText(title);
  await expect(resident.locator(".certificate__table")).toContainText("3時間");
  await resident.emulateMedia({ media: "print" });
  await resident.screenshot({ path: path.resolve("tests/.artifacts/certificate-print.png"), fullPage: true });
  await residentContext.close();
});
