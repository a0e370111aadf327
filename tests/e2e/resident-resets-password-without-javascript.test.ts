import { test, expect } from "./fixtures";
import { waitForEmail } from "./mail";

// The emailed reset link opens a page that must work as plain HTML: its referrer policy keeps the token on this
// site without making the browser post the form with `Origin: null` (which the request guard refuses).
test.use({ javaScriptEnabled: false });

test("a resident resets a forgotten password without JavaScript, then signs in with it", async ({ page }) => {
  const email = "kobayashi.yu@example.jp";
  await page.goto("/forgot-password");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "再設定のメールを送る" }).click();
  await expect(page.getByRole("status")).toContainText("再設定用のリンクを送りました");
  const [link] = await waitForEmail(email, /http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[A-Za-z0-9_-]+/);
  await page.goto(link!);
  const newPassword = "ひだまり の パスフレーズ 2027";
  await page.getByLabel("新しいパスワード").fill(newPassword);
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "ログインする", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
});
