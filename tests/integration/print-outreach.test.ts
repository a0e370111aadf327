import jsQR from "jsqr";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { fromTokyo } from "~/utils/dates";
import { GROUP_STATUS, ITEM_STATUS } from "~/modules/publishing/visibility";
import { createEvent, createGroup, createOpening, createPlace, daysFromNow } from "../support/factories";
import { renderRoutes } from "../support/render-app";
import { displayCookie } from "~/modules/furigana/display.server";

// Print for outreach: a flyer of any public place, event or opening (and a 404 for anything not public), with a QR
// code that leads to the item's page; and the large-print monthly list of one area, which lists that area's public
// dates of that month and nothing else. Pages are rendered from source the way the server renders them.

const ROUTES = ["places.$id_.flyer", "events.$id_.flyer", "volunteer.$id_.flyer", "print.month"];
let handle: (request: Request) => Promise<Response>;

async function render(url: string, lang = "ja", cookie = "") {
  const response = await handle(new Request(new URL(url, "http://localhost:3000"), { headers: { "Accept-Language": lang, ...(cookie ? { Cookie: cookie } : {}) } }));
  const html = (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
  return { status: response.status, html, text: html.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ") };
}

/** Reads the flyer's QR code the way a phone does: rasterise the SVG and decode the picture. */
async function decodeQr(html: string): Promise<string | null> {
  const svg = /<div class="qr[^"]*" role="img"[^>]*>(<svg[\s\S]*?<\/svg>)/.exec(html)?.[1];
  if (!svg) return null;
  const { data, info } = await sharp(Buffer.from(svg)).resize(400, 400).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

let area: { id: number; slug: string };
let otherArea: { id: number };
let sessionArea: { id: number; slug: string };
const JUNE_2030 = (day: number, hour = 10) => fromTokyo(2030, 6, day, hour);

beforeAll(async () => {
  // A fresh area before the first page is rendered (the taxonomy is cached for a minute), so nothing seeded is in it.
  area = await prisma.area.create({ data: { slug: "print-test-area", name: "印刷テスト地区", nameKana: "いんさつてすとちく", towns: "" }, select: { id: true, slug: true } });
  sessionArea = await prisma.area.create({ data: { slug: "print-session-area", name: "回の地区", nameKana: "かいのちく", towns: "" }, select: { id: true, slug: true } });
  otherArea = await prisma.area.findFirstOrThrow({ where: { slug: { notIn: ["print-test-area", "print-session-area"] } }, select: { id: true } });
  ({ handle } = await renderRoutes(ROUTES));
});

describe("flyers", () => {
  it("prints a published place with its name, fee, contact and a QR code that reads as the place's page", async () => {
    const group = await createGroup({ name: "ちらしの会" });
    const place = await createPlace(group, {
      name: "ちらしサロン",
      fee: 300,
      contactName: "鶴田",
      contactPhone: "049-111-2222",
      areaId: area.id,
      address: "鶴ヶ島市鶴ヶ丘1-2-3",
      scheduleRule: "FREQ=WEEKLY;BYDAY=WE",
      scheduleStart: "10:00",
      scheduleEnd: "12:00",
    });
    const page = await render(`/places/${place.id}/flyer`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("ちらしサロン");
    expect(page.text).toMatch(/300\s*円/);
    expect(page.text).toContain("049-111-2222");
    expect(page.text).toContain("鶴田");
    expect(page.text).toContain("鶴ヶ島市鶴ヶ丘1-2-3");
    expect(page.text).toContain("申し込みはいりません");
    expect(page.html).toContain('name="robots" content="noindex"');
    expect(await decodeQr(page.html)).toBe(`${getEnv().APP_ORIGIN}/places/${place.id}`);
  });

  it("prints an event in English, with its fee, contact, how to sign up and a QR code to the event", async () => {
    const group = await createGroup({ name: "講座の会" });
    const event = await createEvent(group, { title: "ちらし健康講座", fee: 500, contactPhone: "049-333-4444", registrationRequired: true, dates: [{ startsAt: daysFromNow(9) }] });
    const page = await render(`/events/${event.id}/flyer`, "en");
    expect(page.status).toBe(200);
    expect(page.text).toContain("ちらし健康講座");
    expect(page.text).toContain("500");
    expect(page.text).toContain("049-333-4444");
    expect(page.text).toContain("Please sign up in advance.");
    expect(page.text).toContain("How to join");
    expect(await decodeQr(page.html)).toBe(`${getEnv().APP_ORIGIN}/events/${event.id}`);
  });

  it("prints an opening with a QR code to it", async () => {
    const group = await createGroup({ name: "清掃の会" });
    const opening = await createOpening(group, { title: "ちらし公園清掃", contactEmail: "seisou@example.jp" });
    const page = await render(`/volunteer/${opening.id}/flyer`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("ちらし公園清掃");
    expect(page.text).toContain("seisou@example.jp");
    expect(await decodeQr(page.html)).toBe(`${getEnv().APP_ORIGIN}/volunteer/${opening.id}`);
  });

  it("carries furigana when the reader chose them, with the council's reading of a place name", async () => {
    await prisma.readingCorrection.upsert({ where: { surface: "脚折" }, create: { surface: "脚折", reading: "すねおり" }, update: { reading: "すねおり" } });
    const group = await createGroup({ name: "ふりがなの会" });
    const event = await createEvent(group, { title: "脚折の健康体操", summary: "だれでも参加できます", dates: [{ startsAt: daysFromNow(10) }] });
    const plain = await render(`/events/${event.id}/flyer`);
    expect(plain.html).not.toContain("<ruby>");
    const cookie = (await displayCookie.serialize({ furigana: "on", textSize: "large", highContrast: false })).split(";")[0]!;
    const withFurigana = await render(`/events/${event.id}/flyer`, "ja", cookie);
    expect(withFurigana.status).toBe(200);
    // The title with the corrected reading, and the flyer's own words (「日時」 and the like) with theirs.
    expect(withFurigana.html).toMatch(/<ruby>脚折<rt>すねおり<\/rt><\/ruby>の<ruby>健康<rt>けんこう<\/rt><\/ruby>/);
    expect(withFurigana.html).toContain("<rt>にちじ</rt>");
    expect(await decodeQr(withFurigana.html)).toBe(`${getEnv().APP_ORIGIN}/events/${event.id}`);
  });

  it("answers 404 for a draft, a hidden item or an item of a suspended group, as their pages do", async () => {
    const group = await createGroup();
    const suspended = await createGroup({ status: GROUP_STATUS.suspended });
    const draft = await createPlace(group, { name: "下書きの居場所", status: ITEM_STATUS.draft });
    const hidden = await createEvent(group, { title: "非表示の催し", status: ITEM_STATUS.hidden });
    const ofSuspended = await createOpening(suspended, { title: "停止中の団体の募集" });
    for (const url of [`/places/${draft.id}/flyer`, `/events/${hidden.id}/flyer`, `/volunteer/${ofSuspended.id}/flyer`, "/places/abc/flyer"]) {
      const page = await render(url);
      expect({ url, status: page.status }).toEqual({ url, status: 404 });
      expect(page.text).not.toMatch(/下書きの居場所|非表示の催し|停止中の団体の募集/);
    }
  });
});

describe("the large-print monthly list of an area", () => {
  let listed: { eventTitle: string; placeName: string };

  beforeAll(async () => {
    const group = await createGroup({ name: "地区の会" });
    const otherGroup = await createGroup({ name: "よその会" });
    await createEvent(group, { title: "六月の体操教室", areaId: area.id, dates: [{ startsAt: JUNE_2030(10) }, { startsAt: JUNE_2030(20, 14) }] });
    await createEvent(group, { title: "七月の体操教室", areaId: area.id, dates: [{ startsAt: fromTokyo(2030, 7, 1, 10) }] });
    await createEvent(group, { title: "下書きの六月の催し", areaId: area.id, status: ITEM_STATUS.draft, dates: [{ startsAt: JUNE_2030(11) }] });
    await createEvent(group, { title: "中止の回だけの催し", areaId: area.id, dates: [{ startsAt: JUNE_2030(12), status: "cancelled" }] });
    await createEvent(otherGroup, { title: "よその地区の六月の催し", areaId: otherArea.id, dates: [{ startsAt: JUNE_2030(10) }] });
    // Wednesdays of June 2030: the 5th, 12th, 19th and 26th.
    const schedule = { scheduleRule: "FREQ=WEEKLY;BYDAY=WE", scheduleStart: "13:00", scheduleEnd: "15:00" };
    await createPlace(group, { name: "水曜のたまり場", areaId: area.id, ...schedule });
    await createPlace(group, { name: "非公開のたまり場", areaId: area.id, status: ITEM_STATUS.hidden, ...schedule });
    await createPlace(otherGroup, { name: "よその地区のたまり場", areaId: otherArea.id, ...schedule });
    listed = { eventTitle: "六月の体操教室", placeName: "水曜のたまり場" };
  });

  it("lists the area's public event dates and places' open days of that month, by date, and nothing else", async () => {
    const page = await render(`/print/month?area=${area.slug}&month=2030-06`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("印刷テスト地区の予定");
    expect(page.text.match(new RegExp(listed.eventTitle, "g"))).toHaveLength(2);
    expect(page.text.match(new RegExp(listed.placeName, "g"))).toHaveLength(4);
    for (const absent of ["七月の体操教室", "下書きの六月の催し", "中止の回だけの催し", "よその地区の六月の催し", "非公開のたまり場", "よその地区のたまり場"]) {
      expect(page.text, absent).not.toContain(absent);
    }
    const days = [...page.html.matchAll(/<time dateTime="(2030-\d\d-\d\d)">/g)].map((m) => m[1]);
    expect(days).toEqual(["2030-06-05", "2030-06-10", "2030-06-12", "2030-06-19", "2030-06-20", "2030-06-26"]);
    expect(await decodeQr(page.html)).toBe(`${getEnv().APP_ORIGIN}/events?area=${area.slug}&view=month&month=2030-06`);
  });

  it("shows only the chooser, prefilled, when no area is chosen yet", async () => {
    const page = await render("/print/month?month=2030-06");
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="2030-06"');
    expect(page.text).not.toContain(listed.placeName);
  });

  it("answers a malformed month or an unknown area with a 400 that says what to fix, in the reader's language", async () => {
    const badMonth = await render(`/print/month?area=${area.slug}&month=2030-13`);
    expect(badMonth.status).toBe(400);
    expect(badMonth.text).toContain("月は「2026-12」のように、年と月で指定してください。");
    expect(badMonth.text).not.toContain(listed.placeName);
    const badArea = await render("/print/month?area=no-such-area&month=2030-06", "en");
    expect(badArea.status).toBe(400);
    expect(badArea.text).toContain("We could not find that area. Please choose one from the list.");
    expect(badArea.text).not.toContain(listed.eventTitle);
  });
});

describe("a place's regular session that an event at that place fills", () => {
  it("is listed once, as the event, on that day; the place's other days stay", async () => {
    const group = await createGroup({ name: "金曜の会" });
    // Fridays of September 2030: the 6th, 13th, 20th and 27th, 10:00–12:00.
    const place = await createPlace(group, { name: "金曜のサロン", areaId: sessionArea.id, scheduleRule: "FREQ=WEEKLY;BYDAY=FR", scheduleStart: "10:00", scheduleEnd: "12:00" });
    const event = await createEvent(group, {
      title: "金曜のサロン 敬老のつどい",
      areaId: sessionArea.id,
      placeId: place.id,
      dates: [{ startsAt: fromTokyo(2030, 9, 13, 10), endsAt: fromTokyo(2030, 9, 13, 12) }],
    });
    const page = await render(`/print/month?area=${sessionArea.slug}&month=2030-09`);
    expect(page.status).toBe(200);
    const placeDays = [...page.html.matchAll(new RegExp(`<time dateTime="(2030-09-\\d\\d)T[^"]*"[^>]*>[^<]*</time> <a[^>]*href="/places/${place.id}"`, "g"))].map((m) => m[1]);
    expect(placeDays).toEqual(["2030-09-06", "2030-09-20", "2030-09-27"]);
    expect(page.html.match(new RegExp(`href="/events/${event.id}"`, "g"))).toHaveLength(1);
  });
});
