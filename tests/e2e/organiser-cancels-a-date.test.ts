import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3101);
const DB = path.resolve("tests/.artifacts", `e2e-${PORT}.db`);
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** An event of group 1 with two dates, each with two registrations (a party of two and one person). */
function eventWithRegistrants(title: string) {
  const db = new Database(DB);
  const now = new Date();
  const event = db
    .prepare(`INSERT INTO "Event" ("groupId", title, status, "registrationRequired", "createdAt", "updatedAt") VALUES (1, ?, 'published', 1, ?, ?)`)
    .run(title, iso(now), iso(now));
  const eventId = Number(event.lastInsertRowid);
  const dateIds = [5, 12].map((days, d) => {
    const startsAt = new Date(now.getTime() + days * 86_400_000);
    const date = db
      .prepare(`INSERT INTO "EventDate" ("eventId", "startsAt", "endsAt", status, "registeredCount") VALUES (?, ?, ?, 'scheduled', 3)`)
      .run(eventId, iso(startsAt), iso(new Date(startsAt.getTime() + 2 * 3_600_000)));
    const dateId = Number(date.lastInsertRowid);
    [2, 1].forEach((partySize, i) => {
      const user = db
        .prepare(`INSERT INTO "User" (email, name, locale, status, "emailVerifiedAt", "createdAt", "updatedAt") VALUES (?, ?, 'ja', 'active', ?, ?, ?)`)
        .run(`cancel-${now.getTime()}-${d}-${i}@example.jp`, `参加 ${d}${i}`, iso(now), iso(now), iso(now));
      db.prepare(`INSERT INTO "Registration" ("eventDateId", "userId", status, "partySize", "consentToShareContact", "queuedAt", "createdAt", "updatedAt") VALUES (?, ?, 'accepted', ?, 1, ?, ?, ?)`).run(
        dateId,
        Number(user.lastInsertRowid),
        partySize,
        iso(now),
        iso(now),
        iso(now),
      );
    });
    return dateId;
  });
  db.close();
  return { eventId, dateIds };
}

function dateStatus(id: number): string {
  const db = new Database(DB, { readonly: true });
  const row = db.prepare(`SELECT status FROM "EventDate" WHERE id = ?`).get(id) as { status: string };
  db.close();
  return row.status;
}


/** 「この日を中止する」 on the date's section, the confirmation with the count, a reason, and the one button that cancels. */
async function cancelWithConfirmation(page: Page, dateId: number, reason: string) {
  const section = page.locator("section").filter({ has: page.locator(`#date-${dateId}`) });
  await section.getByRole("link", { name: "この日を中止する…" }).click();
  const confirm = page.getByRole("form", { name: "この日を中止しますか？" });
  await expect(confirm.getByTestId("cancel-told")).toHaveText(/2 件（3 名）/);
  // Seeing the confirmation changed nothing.
  expect(dateStatus(dateId)).toBe("scheduled");
  await confirm.getByLabel(/中止の理由/).fill(reason);
  await confirm.getByRole("button", { name: "中止してお知らせを送る" }).click();
  await expect(page.getByRole("status")).toContainText("2 件の方にメールでお知らせします");
  expect(dateStatus(dateId)).toBe("cancelled");
}

test("an organiser cancels a date only after a confirmation that says how many will be told, with or without JavaScript", async ({ page, context, browser, login }) => {
  test.setTimeout(180_000);
  const { eventId, dateIds } = eventWithRegistrants(`中止のテスト ${Date.now()}`);
  const registrations = `/manage/groups/1/events/${eventId}/registrations`;

  // Signed in by a session row (fixtures.ts): the sign-in form has its own test.
  await login("owner@example.jp", { context });
  await page.goto(registrations);
  // Changing one's mind leaves the date as it was.
  await page.locator("section").filter({ has: page.locator(`#date-${dateIds[0]}`) }).getByRole("link", { name: "この日を中止する…" }).click();
  await page.getByRole("link", { name: "やめる（中止しない）" }).click();
  await expect(page.getByRole("form", { name: "この日を中止しますか？" })).toHaveCount(0);
  expect(dateStatus(dateIds[0]!)).toBe("scheduled");
  await cancelWithConfirmation(page, dateIds[0]!, "講師の体調不良のため");

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await login("owner@example.jp", { context: noScript });
  const plain = await noScript.newPage();
  await plain.goto(registrations);
  await cancelWithConfirmation(plain, dateIds[1]!, "会場の都合により");
});
