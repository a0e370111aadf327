import jsQR from "jsqr";
import { PNG } from "pngjs";
import { test, expect, firstCardHref } from "./fixtures";

// A resident (or a 民生委員 preparing the 回覧板) prints a flyer from a detail page: the sheet is A4, the site's
// header, navigation and footer do not print, and the QR code on paper leads back to the page.

test("a resident prints an event's flyer on A4 and its QR code opens the event's page", async ({ page, baseURL }) => {
  const href = await firstCardHref(page, "/events");
  await page.goto(href);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await expect(page.getByRole("link", { name: "チラシを印刷" })).toHaveAttribute("href", `${href}/flyer`);
  await page.goto(`${href}/flyer`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  // With JavaScript the button opens the browser's print dialog (stubbed here: a dialog would block the test).
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => void w.printed++;
  });
  await page.getByRole("button", { name: "印刷する" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // A4 at 96 dpi, as the print preview lays it out.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator(".site-footer")).toBeHidden();
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "印刷する" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const qr = page.getByRole("img", { name: /^このページのQRコード/ });
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(`${baseURL}${href}`);

  // The whole flyer fits on one A4 sheet.
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(1);
});

test("without JavaScript the flyer is complete and says how to print it", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  const href = await firstCardHref(page, "/places");
  await page.goto(`${href}/flyer`);
  await expect(page.getByRole("button", { name: "印刷する" })).toHaveCount(0);
  await expect(page.getByText("ブラウザの「印刷」からも印刷できます")).toBeVisible();
  await expect(page.getByRole("img", { name: /^このページのQRコード/ })).toBeVisible();
  await context.close();
});
