import type { Locator, Page } from "@playwright/test";
import { test, expect, waitForHydration } from "./fixtures";
import { waitForEmail } from "./mail";

// Issue 11: a resident who uses only the keyboard finds a place, reads it in Vietnamese, turns furigana on, and
// applies to an opening — every step reached by focus and worked with Enter, Space and typing, never a click.

// The first page with furigana in each server process waits for the reading dictionary to load.
test.setTimeout(150_000);

/**
 * Moves focus to a control (as Tab would land there) and activates it with the key a keyboard user presses. After a
 * move to another page the site puts focus on the new page's heading; focusing again until it holds keeps the test
 * from racing that.
 */
async function press(page: Page, target: Locator, key: "Enter" | "Space" = "Enter") {
  await expect(async () => {
    await target.focus();
    await expect(target).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press(key);
}

test("a keyboard user finds a place, reads it in Vietnamese, turns furigana on and applies to an opening", async ({ page }) => {
  // Find: the home page's search, typed and sent with Enter; the first result opened with Enter.
  await page.goto("/");
  await waitForHydration(page, "main form[action='/search'] input[name='q']");
  const search = page.locator("main form[action='/search'] input[name='q']").first();
  await search.focus();
  await page.keyboard.type("こども食堂");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  const firstPlace = page.locator("main a[href^='/places/']").first();
  await press(page, firstPlace);
  await expect(page).toHaveURL(/\/places\/\d+$/);
  const place = new URL(page.url()).pathname;
  // Focus follows the move to the new page (its heading), so a screen reader reads where the person is.
  await expect(page.locator("h1")).toBeFocused();

  // Vietnamese, from the header's language menu.
  await waitForHydration(page, ".lang-switcher summary");
  await press(page, page.locator(".lang-switcher summary"));
  await press(page, page.getByRole("link", { name: "Tiếng Việt" }));
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page).toHaveURL(new RegExp(`${place}`));
  // The place's own Japanese text is marked as Japanese, and the interface is Vietnamese.
  await expect(page.locator("h1")).toHaveAttribute("lang", "ja");
  await expect(page.getByText("Bản gốc (tiếng Nhật)").first()).toBeVisible();
  await expect(page.locator(".main-nav")).toContainText("Tình nguyện");

  // Back to Japanese, then furigana on from 表示の設定, all with the keyboard.
  await press(page, page.locator(".lang-switcher summary"));
  await press(page, page.getByRole("link", { name: "日本語", exact: true }));
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await waitForHydration(page, ".display-settings summary");
  await press(page, page.locator(".display-settings summary"));
  const panel = page.locator(".display-settings__panel");
  await press(page, panel.getByRole("radio", { name: "表示する" }), "Space");
  await expect(panel.getByRole("radio", { name: "表示する" })).toBeChecked();
  await press(page, panel.getByRole("button", { name: "この設定にする" }));
  await expect(page.locator("main ruby").first()).toBeVisible();
  await expect(page.locator(".main-nav ruby rt").first()).toHaveText("いばしょ");

  // Apply to an opening: the volunteer list from the main navigation, the first opening, the quick-join form.
  await waitForHydration(page, ".main-nav a[href='/volunteer']");
  await press(page, page.locator(".main-nav a[href='/volunteer']"));
  await expect(page).toHaveURL(/\/volunteer$/);
  await expect(page.locator("h1")).toBeFocused();
  await press(page, page.locator(".card__title a[href^='/volunteer/']").first());
  await expect(page).toHaveURL(/\/volunteer\/\d+$/);
  await expect(page.locator("h1")).toBeFocused();
  await waitForHydration(page, "#quick-join-apply");
  const form = page.locator("#quick-join-apply");
  const email = "keyboard.user@example.jp";
  await form.locator("input[name='name']").focus();
  await page.keyboard.type("鶴ヶ島 キー子");
  await page.keyboard.press("Tab");
  await expect(form.locator("input[name='email']")).toBeFocused();
  await page.keyboard.type(email);
  await press(page, form.locator("input[name='consent']"), "Space");
  await expect(form.locator("input[name='consent']")).toBeChecked();
  await press(page, form.locator("button[type='submit']"));

  const code = page.locator("input[name='code']");
  await expect(code).toBeVisible();
  const [, sent] = await waitForEmail(email, /確認コード：(\d{6})/);
  await code.focus();
  await page.keyboard.type(sent!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/volunteer\/\d+\?applied=\d+$/);
  await expect(page.getByRole("status").filter({ hasText: /応募|申し込み|順番待ち/ }).first()).toBeVisible();
  // Furigana stayed on through all of it.
  await expect(page.locator("main ruby").first()).toBeVisible();
});
