import type { ActionFunctionArgs } from "@remix-run/node";
import ICAL from "ical.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { forgetEnv } from "~/utils/env.server";
import { readNamespace } from "~/modules/i18n/i18next.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { loader as placesLoader } from "~/routes/places._index";
import { loader as eventsLoader } from "~/routes/events._index";
import { placeDateIcs } from "~/modules/places/calendar.server";
import { getPublishedPlace } from "~/modules/places/queries.server";
import { openDataCsv } from "~/modules/opendata/export.server";
import * as newPlace from "~/routes/manage.groups.$groupId.places.new";
import * as editPlace from "~/routes/manage.groups.$groupId.places.$placeId";
import { tokyoDateKey, addDays } from "~/utils/dates";
import { actionAnswer } from "../support/auth";
import { createEvent, createGroup, createOpening, createPlace, createResident, createSession, daysFromNow } from "../support/factories";
import { callLoader } from "./helpers";
import { renderRoutes } from "../support/render-app";

// Issue 15: a fee is free, paid or partly free (「子ども無料・大人300円」 is no longer shown as 無料), 要予約 places say
// how to book beside their next dates and in their calendar file, the certificate reads in the chosen language, and
// the council's counter is on every page. Pages are rendered from source the way the server renders them.

const ROUTES = ["_index", "places._index", "places.$id", "events.$id", "volunteer.$id", "privacy", "me.certificate", "$"];
const ORIGIN = "http://localhost:3000";
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  ({ handle } = await renderRoutes(ROUTES));
});

async function render(url: string, headers: Record<string, string> = {}) {
  const response = await handle(new Request(new URL(url, ORIGIN), { headers: { "Accept-Language": "ja", ...headers } }));
  const html = await response.text();
  // The page's embedded words (its namespaces' JSON) are not what it shows: drop them before looking for text.
  const body = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, (s) => (s.includes("application/ld+json") ? s : ""));
  return { status: response.status, html: body };
}

/** The text inside the first element with this class (tags removed). */
function textOf(html: string, className: string): string {
  const start = html.search(new RegExp(`class="[^"]*\\b${className}\\b`));
  if (start < 0) return "";
  const from = html.indexOf(">", start) + 1;
  const tag = /<(\w+)/.exec(html.slice(html.lastIndexOf("<", start)))![1]!;
  // Elements of the same tag nested inside are few here; count them to find the matching close.
  let depth = 1;
  const re = new RegExp(`<${tag}\\b|</${tag}>`, "g");
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    depth += m[0].startsWith("</") ? -1 : 1;
    if (depth === 0) return html.slice(from, m.index).replace(/<[^>]+>/g, "").replace(/&amp;/g, "&");
  }
  return "";
}

function jsonLd(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/.exec(html);
  expect(m, "JSON-LD").not.toBeNull();
  return JSON.parse(m![1]!.replace(/\\u003c/g, "<")) as Record<string, unknown>;
}

const wakaba = () => prisma.place.findFirstOrThrow({ where: { name: "わかば こども食堂" }, select: { id: true, feeKind: true, fee: true, feeFreeFor: true, bookingRequired: true, bookingNote: true, contactPhone: true } });

describe("the fee model", () => {
  it("the seed's こども食堂 is partly free (children free, adults ¥300), not free", async () => {
    expect(await wakaba()).toMatchObject({ feeKind: "partlyFree", fee: 300, feeFreeFor: "children", bookingRequired: true });
  });

  it("「無料」 means free for everyone: a partly free place or event is not returned by the free filter", async () => {
    const group = await createGroup();
    const free = await createPlace(group, { name: "無料だけの試験サロン", feeKind: "free", fee: 0 });
    const partly = await createPlace(group, { name: "一部無料の試験食堂", feeKind: "partlyFree", fee: 300, feeFreeFor: "children" });
    const seen: number[] = [];
    for (let page = 1; page < 20; page++) {
      const data = await callLoader(placesLoader, `/places?free=1&page=${page}`);
      seen.push(...data.items.map((p) => p.id));
      if (seen.length >= data.total) break;
    }
    expect(seen).toContain(free.id);
    expect(seen).not.toContain(partly.id);
    expect(seen).not.toContain((await wakaba()).id);
    expect(seen.length).toBe(await prisma.place.count({ where: { status: "published", group: { status: "approved" }, feeKind: "free" } }));

    const freeEvent = await createEvent(group, { title: "無料の試験講座", feeKind: "free", fee: 0 });
    const partlyEvent = await createEvent(group, { title: "一部無料の試験講座", feeKind: "partlyFree", fee: 500, feeFreeFor: "students" });
    const events = await callLoader(eventsLoader, "/events?free=1&view=list");
    const eventIds = JSON.stringify(events);
    expect(eventIds).toContain(freeEvent.title);
    expect(eventIds).not.toContain(partlyEvent.title);
  });

  it("the detail page says 「子ども無料・大人300円」 in Japanese and its English, and JSON-LD is not free, with offers", async () => {
    const { id } = await wakaba();
    const ja = await render(`/places/${id}`);
    expect(ja.status).toBe(200);
    const jaFacts = textOf(ja.html, "detail__side");
    expect(jaFacts).toContain("子ども無料・大人300円");
    expect(jaFacts).not.toMatch(/参加費無料(?!・)/);
    const ld = jsonLd(ja.html);
    expect(ld.isAccessibleForFree).toBe(false);
    expect(ld.offers).toEqual([
      { "@type": "Offer", price: 300, priceCurrency: "JPY", description: "子ども無料・大人300円" },
      { "@type": "Offer", price: 0, priceCurrency: "JPY", description: "子ども無料・大人300円" },
    ]);

    const en = await render(`/places/${id}?lng=en`, { "Accept-Language": "en" });
    expect(textOf(en.html, "detail__side")).toContain("Free for children, adults ¥300");
    expect(jsonLd(en.html).isAccessibleForFree).toBe(false);
  });

  it("the card says the same through the same formatter", async () => {
    const group = await createGroup();
    await createPlace(group, { name: "カード確認 子ども食堂", feeKind: "partlyFree", fee: 300, feeFreeFor: "children" });
    const page = await render(`/places?q=${encodeURIComponent("カード確認")}`);
    const cards = page.html.split('<article class="card"').slice(1).filter((c) => c.includes("カード確認 子ども食堂"));
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain("子ども無料・大人300円");
  });

  it("a free place says 無料 and tells search engines it is free", async () => {
    const group = await createGroup();
    const place = await createPlace(group, { name: "無料の試験サロン", feeKind: "free", fee: 0 });
    const page = await render(`/places/${place.id}`);
    expect(textOf(page.html, "detail__side")).toContain("無料");
    expect(jsonLd(page.html)).toMatchObject({ isAccessibleForFree: true });
    expect(jsonLd(page.html).offers).toBeUndefined();
  });

  it("open data words the fee as the portal does", async () => {
    const csv = await openDataCsv("places");
    const line = csv.split("\r\n").find((l) => l.includes("わかば こども食堂"));
    expect(line).toContain("参加費 子ども無料・大人300円");
  });
});

describe("the organiser's fee", () => {
  type Reply = { result?: { error?: Record<string, string[] | null> } };
  let owner = "";
  let ip = 0;
  beforeAll(async () => {
    const a = await prisma.user.findUniqueOrThrow({ where: { email: "owner@example.jp" }, select: { id: true } });
    owner = await createSession(a);
  });

  async function post(action: (args: ActionFunctionArgs) => unknown, url: string, params: Record<string, string>, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    ip += 1;
    const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: owner, [CLIENT_IP_HEADER]: `10.88.0.${ip}` });
    try {
      const out = await action({ request: new Request(`${ORIGIN}${url}`, { method: "POST", headers, body }), params, context: {} });
      if (out instanceof Response) return { status: out.status, location: out.headers.get("Location") ?? "", data: undefined };
      const answer = actionAnswer(out);
      return { status: answer.status, location: "", data: answer.data as Reply };
    } catch (error) {
      if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") ?? "", data: undefined };
      throw error;
    }
  }

  async function fields(extra: Record<string, string | string[]>) {
    const type = await prisma.placeType.findFirstOrThrow({ select: { id: true } });
    return { intent: "save", name: "料金の試験食堂", nameKana: "りょうきんのしけんしょくどう", typeId: String(type.id), repeat: "none", languages: ["ja"], ...extra };
  }

  it("saves 一部無料 (children free, adults ¥300) with its kind and shows it back in the form", async () => {
    const out = await post(newPlace.action, "/manage/groups/1/places/new", { groupId: "1" }, await fields({ feeKind: "partlyFree", fee: "３００", feeFreeFor: "children", feeNote: "材料費として" }));
    expect(out.location).toMatch(/^\/manage\/groups\/1\/places\/\d+\?saved=1$/);
    const id = Number(/places\/(\d+)/.exec(out.location)![1]);
    expect(await prisma.place.findUniqueOrThrow({ where: { id }, select: { feeKind: true, fee: true, feeFreeFor: true, feeNote: true } })).toEqual({
      feeKind: "partlyFree",
      fee: 300,
      feeFreeFor: "children",
      feeNote: "材料費として",
    });
    const page = (await callLoader(editPlace.loader, `/manage/groups/1/places/${id}`, { groupId: "1", placeId: String(id) }, { Cookie: owner })) as { defaults: Record<string, unknown> };
    expect(page.defaults).toMatchObject({ feeKind: "partlyFree", fee: "300", feeFreeFor: "children" });

    // Changing to free drops the amount and who goes free, whatever was typed.
    await post(editPlace.action, `/manage/groups/1/places/${id}`, { groupId: "1", placeId: String(id) }, await fields({ feeKind: "free", fee: "300", feeFreeFor: "children" }));
    expect(await prisma.place.findUniqueOrThrow({ where: { id }, select: { feeKind: true, fee: true, feeFreeFor: true } })).toEqual({ feeKind: "free", fee: 0, feeFreeFor: "" });
  });

  it("refuses paid or partly free without an amount with a translated error, and saves nothing", async () => {
    const before = await prisma.place.count();
    for (const kind of ["paid", "partlyFree"]) {
      const out = await post(newPlace.action, "/manage/groups/1/places/new", { groupId: "1" }, await fields({ feeKind: kind, fee: "" }));
      expect(out.status).toBe(400);
      expect(out.data?.result?.error?.fee).toEqual(["manage.errors.feeAmountRequired"]);
    }
    const zero = await post(newPlace.action, "/manage/groups/1/places/new", { groupId: "1" }, await fields({ feeKind: "paid", fee: "0" }));
    expect(zero.data?.result?.error?.fee).toEqual(["manage.errors.feeAmountZero"]);
    const bogus = await post(newPlace.action, "/manage/groups/1/places/new", { groupId: "1" }, await fields({ feeKind: "sometimes", fee: "100" }));
    expect(bogus.status).toBe(400);
    expect(bogus.data?.result?.error?.feeKind).toEqual(["errors.invalidChoice"]);
    expect(await prisma.place.count()).toBe(before);
    for (const lng of ["ja", "en"]) {
      const errors = (readNamespace(lng, "manage").manage as { errors: Record<string, string> }).errors;
      expect(errors.feeAmountRequired, lng).toBeTruthy();
      expect(errors.feeAmountZero, lng).toBeTruthy();
    }
  });
});

describe("booking (要予約)", () => {
  it("shows how to book beside the next dates, before the list of dates, with a tel: link and the note", async () => {
    const place = await wakaba();
    const page = await render(`/places/${place.id}`);
    const when = page.html.indexOf('id="when-h"');
    const booking = page.html.indexOf('class="booking"');
    const dates = page.html.indexOf('class="date-list"');
    const about = page.html.indexOf('id="about-h"');
    expect(when).toBeGreaterThan(0);
    expect(booking).toBeGreaterThan(when);
    expect(dates).toBeGreaterThan(booking);
    expect(about).toBeGreaterThan(dates);
    const block = textOf(page.html, "booking");
    expect(block).toContain("予約が必要です");
    expect(block).toContain(place.bookingNote);
    expect(block).toContain(place.contactPhone);
    expect(page.html).toContain(`href="tel:${place.contactPhone.replace(/-/g, "")}"`);

    const en = await render(`/places/${place.id}?lng=en`, { "Accept-Language": "en" });
    expect(textOf(en.html, "booking")).toContain("Booking needed");
  });

  it("a place without booking has no booking block", async () => {
    const group = await createGroup();
    const place = await createPlace(group, { name: "予約不要の試験サロン", scheduleRule: "FREQ=WEEKLY;BYDAY=MO", scheduleStart: "10:00", scheduleEnd: "12:00" });
    const page = await render(`/places/${place.id}`);
    expect(page.html).not.toContain('class="booking"');
  });

  it("puts the booking note and phone into the calendar file's description", async () => {
    const place = await wakaba();
    const detail = await getPublishedPlace(place.id, "ja");
    const next = detail!.nextDates[0]!;
    const file = await placeDateIcs(place.id, tokyoDateKey(new Date(next.startsAt)), "ja");
    expect(file).not.toBeNull();
    const calendar = new ICAL.Component(ICAL.parse(file!.body));
    const [event] = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(event!.summary).toBe("わかば こども食堂");
    expect(event!.description).toContain("予約が必要です");
    expect(event!.description).toContain(place.bookingNote);
    expect(event!.description).toContain(place.contactPhone);

    const en = await placeDateIcs(place.id, tokyoDateKey(new Date(next.startsAt)), "en");
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(en!.body)).getFirstSubcomponent("vevent")!).description).toContain("Booking needed");
  });
});

describe("the certificate in the chosen language", () => {
  it("in English: translated title and row labels, dates in English, the group's name as written", async () => {
    const resident = await createResident({ name: "鶴島 花子" });
    const group = await createGroup({ name: "ふじみ 配食の会" });
    const opening = await createOpening(group, { title: "配食ボランティア", shifts: [{ startsAt: addDays(new Date(), -3) }] });
    const shift = await prisma.shift.findFirstOrThrow({ where: { openingId: opening.id }, select: { id: true } });
    await prisma.application.create({ data: { shiftId: shift.id, userId: resident.id, status: "attended", hours: 2.5, hoursVerifiedAt: new Date() } });
    const cookie = await createSession(resident);

    const en = await render("/me/certificate?lng=en", { Cookie: cookie, "Accept-Language": "en" });
    expect(en.status).toBe(200);
    const sheet = textOf(en.html, "certificate__sheet");
    expect(sheet).toContain("Certificate of Volunteer Activity");
    for (const label of ["Date", "Activity", "Group", "Hours", "Total"]) expect(sheet).toContain(label);
    for (const label of ["日付", "活動", "団体", "合計"]) expect(sheet).not.toContain(label);
    expect(sheet).toContain("2.5 h");
    expect(sheet).toContain("ふじみ 配食の会");
    expect(en.html).toMatch(/<span lang="ja">ふじみ 配食の会<\/span>/);
    // Without JavaScript the page itself says to use the browser's print.
    expect(textOf(en.html, "certificate__sheet")).not.toContain("browser's print");
    expect(en.html.replace(/&#x27;/g, "'")).toContain("use your browser's print command");

    const ja = await render("/me/certificate", { Cookie: cookie });
    const jaSheet = textOf(ja.html, "certificate__sheet");
    expect(jaSheet).toContain("ボランティア活動証明書");
    expect(jaSheet).toContain("日付");
    expect(jaSheet).toContain("2.5時間");
  });
});

describe("the council's counter on every page", () => {
  afterEach(() => {
    delete process.env.COUNCIL_PHONE;
    delete process.env.COUNCIL_HOURS;
    forgetEnv();
  });

  it("the footer gives the council's name, phone (tel:), address and hours on several pages", async () => {
    const { id } = await wakaba();
    for (const url of ["/", "/places", `/places/${id}`, "/privacy", "/no-such-page"]) {
      const page = await render(url);
      const footer = textOf(page.html, "site-footer");
      expect(footer, url).toContain("鶴ヶ島市社会福祉協議会");
      expect(footer, url).toContain("049-271-1111");
      expect(footer, url).toContain("8:30〜17:15");
      expect(page.html, url).toContain('href="tel:0492711111"');
    }
    const en = await render("/?lng=en", { "Accept-Language": "en" });
    expect(textOf(en.html, "site-footer")).toContain("Tsurugashima Social Welfare Council");
    expect(textOf(en.html, "site-footer")).toContain("Mon–Fri 8:30–17:15");
  });

  it("comes from configuration: another phone and hours show everywhere, the apply blocks too", async () => {
    process.env.COUNCIL_PHONE = "049-299-0000";
    process.env.COUNCIL_HOURS = "月〜土 9:00〜17:00";
    forgetEnv();
    const group = await createGroup();
    const opening = await createOpening(group, { shifts: [{ startsAt: daysFromNow(9) }] });
    const event = await createEvent(group, { registrationRequired: true, capacity: 10 });
    for (const url of ["/", `/volunteer/${opening.id}`, `/events/${event.id}`, `/places/${(await wakaba()).id}`]) {
      const page = await render(url);
      expect(textOf(page.html, "site-footer"), url).toContain("049-299-0000");
      expect(textOf(page.html, "site-footer"), url).toContain("月〜土 9:00〜17:00");
      expect(page.html, url).not.toContain("049-271-1111");
    }
    // Beside "how to apply": the opening's shifts, the event's dates, the place's booking.
    for (const url of [`/volunteer/${opening.id}`, `/events/${event.id}`, `/places/${(await wakaba()).id}`]) {
      const page = await render(url);
      const note = textOf(page.html, "council-note");
      expect(note, url).toContain("049-299-0000");
      expect(note, url).toContain("月〜土 9:00〜17:00");
    }
  });

  it("the root loader sends only the public contact (no other settings)", async () => {
    const { loader } = await import("~/root");
    const data = (await callLoader(loader, "/")) as unknown as { data: { councilContact: Record<string, string> } };
    const contact = (data.data ?? data).councilContact;
    expect(Object.keys(contact).sort()).toEqual(["address", "hours", "name", "phone"]);
  });
});
