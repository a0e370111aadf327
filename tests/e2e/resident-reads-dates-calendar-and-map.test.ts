import net from "node:net";
import type { BrowserContext } from "@playwright/test";
import { test, expect } from "./fixtures";

// What a newcomer's first hour ran into (issue 15): a multi-day shift shown as one day, labels running into their
// values in English, calendar links too small to tap, no way to subscribe, a month view that cut titles, and a grey
// box where the map should be when no tile could load.

/** The language switcher's cookie (Remix stores its value as base64 JSON: "en" → ImVuIg==). */
const english = (context: BrowserContext, baseURL: string) => context.addCookies([{ name: "lng", value: btoa(JSON.stringify("en")), url: baseURL }]);

/** A port nothing listens on: opened by us, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Opening 36 of the seed has one shift from the day after seeding to 27 days later (3 → 30 December in the trial).
test("a shift of several weeks reads as both days on the opening's page, in Japanese and English", async ({ page, context, baseURL }) => {
  await page.goto("/volunteer/36");
  const shift = page.locator(".date-list li time").first();
  await expect(shift).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日\(.\) 09:00 〜 \d{4}年\d{1,2}月\d{1,2}日\(.\) 17:00$/);
  const [first, last] = (await shift.innerText()).split(" 〜 ");
  expect(first).not.toBe(last);

  await english(context, baseURL!);
  await page.goto("/volunteer/36");
  await expect(page.locator(".date-list li time").first()).toHaveText(/^\w{3}, \w+ \d{1,2}, \d{4} 09:00 – \w{3}, \w+ \d{1,2}, \d{4} 17:00$/);
});

test("in English a card's labels stay clear of their values, on a phone and on a computer", async ({ page, context, baseURL }) => {
  await english(context, baseURL!);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/places");
    const fact = page.locator(".card .fact").filter({ hasText: "Languages" }).first();
    const label = (await fact.locator("dt").boundingBox())!;
    const value = (await fact.locator("dd").boundingBox())!;
    // The label ends before its value begins, on the same row.
    expect(label.x + label.width, `at ${width} px`).toBeLessThanOrEqual(value.x);
    expect(await fact.locator("dt").evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `label not clipped at ${width} px`).toBe(true);
  }
});

test("calendar buttons are at least 44 px, and the events feed can be subscribed to or copied", async ({ page }) => {
  await page.goto("/places/2");
  const add = page.getByRole("link", { name: /^カレンダーに追加（/ }).first();
  const google = page.getByRole("link", { name: /^Googleカレンダーに追加（/ }).first();
  for (const target of [add, google]) {
    const box = (await target.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
  }

  await page.goto("/events?area=fujimi");
  const subscribe = page.getByRole("link", { name: "カレンダーアプリで購読する" });
  const webcal = new URL((await subscribe.getAttribute("href"))!);
  expect(webcal.protocol).toBe("webcal:");
  expect(webcal.pathname).toBe("/feeds/events.ics");
  expect(webcal.searchParams.get("area")).toBe("fujimi");
  const copy = page.getByLabel("購読用のURL（コピーして使えます）");
  await expect(copy).toHaveAttribute("readonly", "");
  const https = new URL(await copy.inputValue());
  expect(`${https.host}${https.pathname}${https.search}`).toBe(`${webcal.host}${webcal.pathname}${webcal.search}`);
  expect(https.protocol).toBe("http:");
  expect((await subscribe.boundingBox())!.height).toBeGreaterThanOrEqual(44);
});

test("the month view shows whole titles on a computer and a day's count that says what it counts", async ({ page, context, baseURL }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/events?view=month");
  const titles = page.locator(".calendar__events a");
  expect(await titles.count()).toBeGreaterThan(0);
  // No title is cut: each link shows all of its text.
  const cut = await titles.evaluateAll((links) => links.filter((a) => a.scrollWidth > a.clientWidth + 1 || a.scrollHeight > a.clientHeight + 1).length);
  expect(cut).toBe(0);
  // A "more" link appears only when a day has more events than it shows, and says so.
  for (const more of await page.locator(".calendar__more:not(.calendar__more--phone)").all()) {
    await expect(more.locator(".calendar__more-wide")).toHaveText(/^ほか\d+件$/);
    await expect(more).toHaveAccessibleName(/の催し \d+件をすべて見る$/);
  }

  await english(context, baseURL!);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/events?view=month");
  const counts = page.locator(".calendar__more .calendar__more-narrow").filter({ visible: true });
  expect(await counts.count()).toBeGreaterThan(0);
  for (const count of await counts.all()) {
    await expect(count).toHaveText(/^\d+ events?$/);
    // Every word fits its cell: "events" is never broken into pieces across lines.
    expect(await count.evaluate((el) => el.scrollWidth <= (el.closest("td") as HTMLElement).clientWidth)).toBe(true);
  }
});

test("with the tile server unreachable the map says so, and the list stays", async ({ page, context, baseURL }) => {
  const port = await closedPort();
  // Every tile request goes to a port nothing listens on, as when the tile server is down.
  await page.route(/\/favicon\.svg\?z=/, (route) => {
    const url = new URL(route.request().url());
    url.port = String(port);
    return route.continue({ url: url.toString() });
  });
  await page.goto("/places?type=kodomo-shokudo");
  await expect(page.getByRole("status").filter({ hasText: "地図を表示できません。一覧をご覧ください。" })).toBeVisible();
  await expect(page.getByRole("region", { name: "地図" })).toBeHidden();
  await expect(page.locator(".card").first()).toBeVisible();

  await english(context, baseURL!);
  await page.goto("/places?type=kodomo-shokudo");
  await expect(page.getByRole("status").filter({ hasText: "The map cannot be shown right now. Please use the list below." })).toBeVisible();
});

test("an English search that finds nothing does not ask for hiragana", async ({ page, context, baseURL }) => {
  await english(context, baseURL!);
  await page.goto("/search?q=zzqqxx");
  const main = page.getByRole("main");
  await expect(main.getByText(/Try fewer or other words/)).toBeVisible();
  await expect(main).not.toContainText(/hiragana/i);
  await page.goto("/search?q=Wakaba");
  await expect(page.getByRole("link", { name: "Wakaba Kodomo Shokudo" }).first()).toBeVisible();
});
