import fs from "node:fs";
import ICAL from "ical.js";
import { test, expect, firstCardHref } from "./fixtures";

/** "20261203T010000Z" for an instant given as ISO 8601 with an offset. */
const utcStamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

test("a resident adds an event date to their calendar, or to Google Calendar", async ({ page, request }) => {
  const href = await firstCardHref(page, "/events");
  await page.goto(href);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();

  const addName = /^カレンダーに追加（/;
  const date = page.locator(".date-list li").filter({ has: page.getByRole("link", { name: addName }) }).first();
  const add = date.getByRole("link", { name: addName });
  const startsAt = (await date.locator("time").first().getAttribute("datetime"))!;
  // The date is part of the link's name, so several "add" links on one page are told apart.
  await expect(add).toHaveText("カレンダーに追加");
  await expect(add).toHaveAccessibleName(/^カレンダーに追加（\d+月\d+日/);

  // A plain link: the browser downloads the file, no JavaScript involved.
  const [download] = await Promise.all([page.waitForEvent("download"), add.click()]);
  expect(download.suggestedFilename()).toMatch(/^event-\d+-\d+\.ics$/);
  const vevent = new ICAL.Component(ICAL.parse(fs.readFileSync((await download.path())!, "utf8"))).getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  expect(event.summary).toBe(title);
  expect(event.startDate.toJSDate().toISOString()).toBe(new Date(startsAt).toISOString());

  const res = await request.get((await add.getAttribute("href"))!);
  expect(res.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const served = new ICAL.Component(ICAL.parse(await res.text())).getFirstSubcomponent("vevent")!;
  expect(served.getFirstPropertyValue("summary")).toBe(title);

  const google = new URL((await date.getByRole("link", { name: /^Googleカレンダーに追加（/ }).getAttribute("href"))!);
  expect(google.origin + google.pathname).toBe("https://calendar.google.com/calendar/render");
  expect(google.searchParams.get("action")).toBe("TEMPLATE");
  expect(google.searchParams.get("text")).toBe(title);
  expect(google.searchParams.get("dates")).toBe(`${utcStamp(startsAt)}/${utcStamp(event.endDate.toJSDate().toISOString())}`);
});
