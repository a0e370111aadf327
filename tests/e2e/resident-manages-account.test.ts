import { test, expect } from "./fixtures";
import { waitForEmail } from "./mail";

// The whole life of an account, as a resident does it in the browser, reading every code from the email the
// real Resend SDK sent (to the local recorder).
test("a resident signs up, verifies, signs out, signs in with a code, resets the password, exports data and deletes the account", async ({ page }) => {
  test.setTimeout(90_000);
  const email = `e2e-${Date.now()}@example.jp`;
  const password = "つるがしまで ボランティア 2026";

  await page.goto("/signup");
  await page.getByLabel("お名前").fill("試験 はなこ");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(password);
  await page.getByLabel(/を読み、同意します/).check();
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("メールアドレスの確認");

  const [, code] = await waitForEmail(email, /確認コード：(\d{8})/);
  await page.getByLabel("確認コード（8けた）").fill(code!);
  await page.getByRole("button", { name: "ログインする", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("マイページ");
  await expect(page.getByText(email)).toBeVisible();

  await page.getByRole("button", { name: "ログアウト", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "ログイン", exact: true })).toBeVisible();

  // Sign in with an emailed one-time code instead of the password.
  await page.getByRole("link", { name: "ログイン", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ログイン");
  await page.getByRole("link", { name: /メールのコードでログイン/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("メールのコードでログイン");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "コードを送る" }).click();
  const [, loginCode] = await waitForEmail(email, /ログインコード：(\d{8})/);
  await page.getByLabel("確認コード（8けた）").fill(loginCode!);
  await page.getByRole("button", { name: "ログインする", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.getByRole("button", { name: "ログアウト", exact: true }).click();

  // Forgot the password: reset it from the emailed link, then sign in with the new one.
  await page.goto("/forgot-password");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "再設定のメールを送る" }).click();
  await expect(page.getByRole("status")).toContainText("再設定用のリンクを送りました");
  const [link] = await waitForEmail(email, /http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[A-Za-z0-9_-]+/);
  await page.goto(link!);
  const newPassword = "あたらしい パスフレーズ 2027";
  await page.getByLabel("新しいパスワード").fill(newPassword);
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "ログインする", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);

  // Download my data (APPI disclosure).
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "自分のデータをダウンロード（JSON）" }).click();
  const download = await downloadPromise;
  const exported = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8")));
  expect(exported.email).toBe(email);
  expect(JSON.stringify(exported)).not.toMatch(/argon2|hash/i);

  // Delete the account; signing in no longer works.
  await page.getByRole("link", { name: "アカウントを削除する" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("アカウントの削除");
  // Ticking the box is not enough: the password proves it is the resident.
  await page.getByLabel("内容を理解し、アカウントを削除します").check();
  await page.getByRole("button", { name: "削除する", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("アカウントの削除");
  await page.getByLabel("今のパスワード（本人確認のため）").fill(newPassword);
  await page.getByLabel("内容を理解し、アカウントを削除します").check();
  await page.getByRole("button", { name: "削除する", exact: true }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "ログインする", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("メールアドレスかパスワードが違います");
});

test("signing out on all devices in one browser ends the session in another", async ({ browser, login }) => {
  // Two browsers' worth of pages: more than one page's 30 s on a busy 2-core machine.
  test.setTimeout(60_000);
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  for (const [context, page] of [[a, pageA], [b, pageB]] as const) {
    await login("editor@example.jp", { context });
    await page.goto("/me");
    await expect(page).toHaveURL(/\/me$/);
  }
  await pageA.getByRole("button", { name: "すべての端末でログアウト" }).click();
  await expect(pageA).toHaveURL(/\/login$/);
  await pageB.goto("/me");
  await expect(pageB).toHaveURL(/\/login\?redirectTo=%2Fme$/);
  await a.close();
  await b.close();
});
