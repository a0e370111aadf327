import fs from "node:fs";
import path from "node:path";
import { test, expect, waitForHydration } from "./fixtures";

// A page carries only its own namespaces; moving on in the browser fetches the next page's. Whatever the path,
// every text is there in words, never as a raw key, and hydration stays clean (the fixture fails on any error).

type Dict = { [key: string]: unknown };
const leaves = (dict: Dict, prefix = ""): string[] =>
  Object.entries(dict).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? leaves(v as Dict, `${prefix}${k}.`) : [`${prefix}${k}`]));
const dir = path.resolve("public/locales/ja");
const KEYS = fs
  .readdirSync(dir)
  .flatMap((file) => leaves(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Dict))
  .map((key) => key.replace(/_(zero|one|two|few|many|other)$/, ""));

async function expectNoRawKeys(page: import("@playwright/test").Page) {
  const text = await page.locator("body").innerText();
  expect(KEYS.filter((key) => text.includes(key)), page.url()).toEqual([]);
}

test("a resident goes from the home page to a place, an event and sign-in without a reload, and reads words all the way", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    const match = /\/locales\/(\w[\w-]*)\/(\w+)\.json$/.exec(request.url());
    if (match) fetched.push(`${match[1]}/${match[2]}`);
  });
  await page.goto("/");
  await waitForHydration(page, ".main-nav a[href='/places']");
  // Hydration needed no request: the home page's words came inside it.
  expect(fetched).toEqual([]);
  await expectNoRawKeys(page);

  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "居場所" }).click();
  await expect(page).toHaveURL(/\/places$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("居場所をさがす");
  await expect.poll(() => fetched).toContain("ja/places");
  await expectNoRawKeys(page);

  await page.locator(".card__title a").first().click();
  await expect(page).toHaveURL(/\/places\/\d+$/);
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
  await expect.poll(() => fetched).toContain("ja/detail");
  await expectNoRawKeys(page);

  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "催し" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await page.locator(".card__title a").first().click();
  await expect(page).toHaveURL(/\/events\/\d+$/);
  await expect.poll(() => fetched).toContain("ja/participation");
  await expectNoRawKeys(page);

  await page.getByRole("link", { name: "ログイン" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(() => fetched).toContain("ja/account");
  await expectNoRawKeys(page);
  // Each namespace was fetched once, and none of the organiser workspace's.
  expect(fetched.length).toBe(new Set(fetched).size);
  expect(fetched).not.toContain("ja/manage");
});
