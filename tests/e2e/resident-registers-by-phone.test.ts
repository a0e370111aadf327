import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { test, expect, E2E_DATABASE, waitForHydration } from "./fixtures";

// Issue 15: a resident with no email address registers for an event whose organiser allows it, with a name and a
// phone number, on a phone-sized screen; the organiser then sees the number marked 「電話で連絡」. Once with
// JavaScript, once without (the disclosure and the form are plain HTML).

test.use({ viewport: { width: 390, height: 844 } });

function eventId(title: string): number {
  const db = new Database(E2E_DATABASE, { readonly: true });
  try {
    const row = db.prepare(`SELECT id FROM "Event" WHERE title = ? AND "phoneRegistration" = 1`).get(title) as { id: number } | undefined;
    if (!row) throw new Error(`no event ${title} taking phone registrations`);
    return row.id;
  } finally {
    db.close();
  }
}

async function registerByPhone(page: Page, name: string, phone: string, { scripted }: { scripted: boolean }) {
  const id = eventId("認知症サポーター養成講座");
  await page.goto(`/events/${id}`);
  // With JavaScript, typing before React has taken over the form would be lost to hydration.
  if (scripted) await waitForHydration(page, "#quick-join-phone");
  const join = page.getByRole("region", { name: /お名前とメールアドレスで申し込む/ });
  await join.getByText("メールアドレスがない方は、電話番号で申し込めます").click();
  const form = join.locator("form").filter({ has: page.getByRole("button", { name: "電話番号で申し込む" }) });
  // A number too short first: the error is on the field, and nothing is made.
  await form.getByRole("textbox", { name: "お名前", exact: true }).fill(name);
  await form.getByRole("textbox", { name: "電話番号" }).fill("049-12");
  // Leaving the field shows its error at once with JavaScript (the layout moves), so the next tap comes after it.
  await form.getByRole("textbox", { name: "電話番号" }).press("Tab");
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: "電話番号で申し込む" }).click();
  await expect(page.getByText("電話番号は、数字とハイフンで9〜15桁で入力してください", { exact: false })).toBeVisible();
  const again = join.locator("form").filter({ has: page.getByRole("button", { name: "電話番号で申し込む" }) });
  await again.getByRole("textbox", { name: "お名前", exact: true }).fill(name);
  await again.getByRole("textbox", { name: "電話番号" }).fill(phone);
  await again.getByRole("textbox", { name: "電話番号" }).press("Tab");
  await again.getByRole("checkbox").check();
  await again.getByRole("button", { name: "電話番号で申し込む" }).click();
  await expect(page.getByText("申し込みを受け付けました。主催者から電話で確認の連絡があります。")).toBeVisible();
  return id;
}

async function organiserSeesTheNumber(page: Page, id: number, name: string, phone: string) {
  const db = new Database(E2E_DATABASE, { readonly: true });
  const groupId = (db.prepare(`SELECT "groupId" FROM "Event" WHERE id = ?`).get(id) as { groupId: number }).groupId;
  db.close();
  await page.goto(`/manage/groups/${groupId}/events/${id}/registrations`);
  const row = page.getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText("電話で連絡");
  await expect(row.getByRole("link", { name: phone })).toHaveAttribute("href", `tel:${phone.replace(/-/g, "")}`);
}

test("a resident without email registers for an event by phone, and the organiser sees the number to call back", async ({ page, login }) => {
  const id = await registerByPhone(page, "松ヶ丘 ハナ", "049-286-0001", { scripted: true });
  await login("takahashi.emi@example.jp");
  await organiserSeesTheNumber(page, id, "松ヶ丘 ハナ", "049-286-0001");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the disclosure and the phone form work as plain HTML", async ({ page, login }) => {
    const id = await registerByPhone(page, "松ヶ丘 タロウ", "049-286-0002", { scripted: false });
    await login("takahashi.emi@example.jp");
    await organiserSeesTheNumber(page, id, "松ヶ丘 タロウ", "049-286-0002");
  });
});
