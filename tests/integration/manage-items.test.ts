import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { interfaceWords } from "~/modules/i18n/i18next.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { searchEverything } from "~/modules/discovery/search.server";
import { NO_FILTERS } from "~/modules/listing/filters";
import { getPublishedPlace } from "~/modules/places/queries.server";
import { addDays, tokyoDateKey, tokyoParts, tokyoSlot } from "~/utils/dates";
import * as workspace from "~/routes/manage.groups.$groupId._index";
import * as newPlace from "~/routes/manage.groups.$groupId.places.new";
import * as editPlace from "~/routes/manage.groups.$groupId.places.$placeId";
import * as newEvent from "~/routes/manage.groups.$groupId.events.new";
import * as editEvent from "~/routes/manage.groups.$groupId.events.$eventId";
import * as newOpening from "~/routes/manage.groups.$groupId.openings.new";
import * as editOpening from "~/routes/manage.groups.$groupId.openings.$openingId";
import { actionAnswer } from "../support/auth";
import { createResident, createSession, createStaff } from "../support/factories";
import { decide } from "~/modules/moderation/decisions.server";

// The organiser workspace, called the way Remix calls it: loaders and actions with real requests against the
// per-worker SQLite copy of the seed. Group 1 belongs to owner@example.jp, group 2 to owner2@example.jp.

type Fields = Record<string, string | string[]>;
type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;
type Reply = { result?: { status?: string; error?: Record<string, string[] | null> } };

const ORIGIN = "http://localhost:3000";
let ipCounter = 0;

/** POSTs a form (repeated names for lists) to an action; a thrown or returned Response comes back as `response`. */
async function submit(action: Action, url: string, params: Record<string, string>, fields: Fields, cookie?: string) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  ipCounter += 1;
  headers.set(CLIENT_IP_HEADER, `10.77.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`);
  if (cookie) headers.set("Cookie", cookie);
  try {
    const out = await action({ request: new Request(`${ORIGIN}${url}`, { method: "POST", headers, body }), params, context: {} });
    if (out instanceof Response) return { response: out, data: undefined, status: out.status };
    const answer = actionAnswer(out);
    return { response: undefined, data: answer.data as Reply, status: answer.status };
  } catch (error) {
    if (error instanceof Response) return { response: error, data: undefined, status: error.status };
    throw error;
  }
}

async function load(loader: Loader, url: string, params: Record<string, string>, cookie?: string) {
  const headers = new Headers(cookie ? { Cookie: cookie } : {});
  try {
    return { data: (await loader({ request: new Request(`${ORIGIN}${url}`, { headers }), params, context: {} })) as Record<string, unknown>, status: 200 };
  } catch (error) {
    if (error instanceof Response) return { data: undefined, status: error.status, location: error.headers.get("Location") };
    throw error;
  }
}

function errorsOf(out: { data?: Reply }): Record<string, string[]> {
  const error = out.data?.result?.error ?? {};
  return Object.fromEntries(Object.entries(error).map(([k, v]) => [k, v ?? []]));
}

function locationOf(out: { response?: Response }): string {
  if (!out.response) throw new Error("expected a redirect");
  return out.response.headers.get("Location") ?? "";
}

const idFrom = (location: string, kind: string) => Number(new RegExp(`/${kind}/(\\d+)`).exec(location)?.[1]);

const day = (n: number) => tokyoDateKey(addDays(new Date(), n));
const G1 = { groupId: "1" };

let ownerA = "";
let ownerB = "";
let resident = "";

beforeAll(async () => {
  const a = await prisma.user.findUniqueOrThrow({ where: { email: "owner@example.jp" }, select: { id: true } });
  const b = await prisma.user.findUniqueOrThrow({ where: { email: "owner2@example.jp" }, select: { id: true } });
  ownerA = await createSession(a);
  ownerB = await createSession(b);
  resident = await createSession(await createResident());
  expect(await prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: 1, userId: a.id } }, select: { role: true } })).toEqual({ role: "owner" });
});

async function ids() {
  const [type, area, category, audience] = await Promise.all([
    prisma.placeType.findFirstOrThrow({ select: { id: true } }),
    prisma.area.findFirstOrThrow({ select: { id: true } }),
    prisma.category.findFirstOrThrow({ select: { id: true } }),
    prisma.audience.findFirstOrThrow({ select: { id: true } }),
  ]);
  return { typeId: String(type.id), areaId: String(area.id), categoryId: String(category.id), audienceId: String(audience.id) };
}

async function placeFields(extra: Fields = {}): Promise<Fields> {
  const t = await ids();
  return {
    intent: "save",
    name: "ふじみ 試験サロン",
    nameKana: "フジミ シケンサロン",
    typeId: t.typeId,
    areaId: t.areaId,
    summary: "お茶を飲みながらおしゃべり",
    repeat: "monthly",
    weekdays: "WE",
    nths: ["2", "4"],
    scheduleStart: "10:00",
    scheduleEnd: "12:00",
    fee: "100",
    languages: ["ja", "en"],
    categoryIds: t.categoryId,
    audienceIds: t.audienceId,
    ...extra,
  };
}

function eventFields(extra: Fields = {}): Fields {
  return { intent: "save", title: "試験の体操教室", kind: "once", date: day(10), startTime: "10:00", endTime: "12:00", capacity: "20", languages: "ja", ...extra };
}

function openingFields(extra: Fields = {}): Fields {
  return {
    intent: "save",
    title: "試験の配膳ボランティア",
    participationMode: "in-person",
    "shifts[0].date": day(7),
    "shifts[0].start": "09:00",
    "shifts[0].end": "12:00",
    "shifts[0].slots": "3",
    "shifts[1].date": day(14),
    "shifts[1].start": "13:00",
    "shifts[1].end": "15:30",
    "shifts[1].slots": "２",
    ...extra,
  };
}

describe("places", () => {
  it("a member creates a draft place with a monthly schedule, edits it, and submits it for review", async () => {
    const created = await submit(newPlace.action, "/manage/groups/1/places/new", G1, await placeFields(), ownerA);
    const location = locationOf(created);
    expect(location).toMatch(/^\/manage\/groups\/1\/places\/\d+\?saved=1$/);
    const id = idFrom(location, "places");
    const row = await prisma.place.findUniqueOrThrow({ where: { id }, include: { categories: true, audiences: true } });
    expect(row).toMatchObject({
      groupId: 1,
      status: "draft",
      nameKana: "ふじみ しけんさろん",
      scheduleRule: "FREQ=MONTHLY;BYDAY=2WE,4WE",
      scheduleDays: ",WE,",
      scheduleMinute: 600,
      fee: 100,
      languages: ",ja,en,",
    });
    expect(row.categories).toHaveLength(1);
    expect(row.audiences).toHaveLength(1);

    const page = await load(editPlace.loader, `/manage/groups/1/places/${id}`, { ...G1, placeId: String(id) }, ownerA);
    expect(page.status).toBe(200);
    expect((page.data as { defaults: Record<string, unknown> }).defaults).toMatchObject({ repeat: "monthly", weekdays: ["WE"], nths: ["2", "4"], name: "ふじみ 試験サロン" });

    const submitted = await submit(
      editPlace.action,
      `/manage/groups/1/places/${id}`,
      { ...G1, placeId: String(id) },
      await placeFields({ intent: "submit", name: "ふじみ 試験サロン（改）", repeat: "weekly", weekdays: ["TU", "FR"], nths: [], scheduleStart: "13:30", scheduleEnd: "15:00" }),
      ownerA,
    );
    expect(locationOf(submitted)).toBe("/manage/groups/1?saved=pending");
    expect(await prisma.place.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "pending",
      name: "ふじみ 試験サロン（改）",
      scheduleRule: "FREQ=WEEKLY;BYDAY=TU,FR",
      scheduleDays: ",TU,FR,",
      scheduleMinute: 810,
    });

    // The workspace lists it with its status; archiving takes it off.
    const home = await load(workspace.loader, "/manage/groups/1", G1, ownerA);
    expect((home.data as { places: { id: number; status: string }[] }).places).toContainEqual(expect.objectContaining({ id, status: "pending" }));
    await submit(editPlace.action, `/manage/groups/1/places/${id}`, { ...G1, placeId: String(id) }, { intent: "archive" }, ownerA);
    expect((await prisma.place.findUniqueOrThrow({ where: { id } })).status).toBe("archived");
  });

  it("an edit of a published place's words reaches its own pages, search and the home page, and a change of type every list of places", async () => {
    const place = await prisma.place.findFirstOrThrow({ where: { groupId: 1, status: "published" }, orderBy: { id: "desc" }, select: { id: true, typeId: true } });
    const page = await load(editPlace.loader, `/manage/groups/1/places/${place.id}`, { ...G1, placeId: String(place.id) }, ownerA);
    const fields = Object.fromEntries(Object.entries((page.data as { defaults: Fields }).defaults).filter(([, v]) => v !== undefined)) as Fields;
    // The marks the page cache reads (app/utils/cache.server.ts): which writes came after which epoch.
    const mark = (tag: string) => globalThis.__tsunaguTouched?.get(tag) ?? 0;
    const save = async (changes: Fields) => {
      const out = await submit(editPlace.action, `/manage/groups/1/places/${place.id}`, { ...G1, placeId: String(place.id) }, { ...fields, ...changes, intent: "save" }, ownerA);
      expect(locationOf(out)).toBe(`/manage/groups/1/places/${place.id}?saved=1`);
    };

    let before = globalThis.__tsunaguCacheEpoch ?? 0;
    const listsBefore = mark("lists:place");
    await save({ summary: "毎週水曜の午後、お茶とおしゃべり（更新）" });
    expect(mark(`place:${place.id}`)).toBeGreaterThan(before);
    expect(mark("text:place")).toBeGreaterThan(before);
    expect(mark("lists:place")).toBe(listsBefore); // the lists of places hold the same places in the same order

    before = globalThis.__tsunaguCacheEpoch ?? 0;
    // (A new area waits for staff, edit-policy.ts; a place's type does not.)
    const type = await prisma.placeType.findFirstOrThrow({ where: { id: { not: place.typeId } }, select: { id: true } });
    await save({ typeId: String(type.id) });
    expect(mark("lists:place")).toBeGreaterThan(before); // now it belongs in another type's list
  });

  it("renaming a published place waits for staff; once approved, search finds the new name and no longer the old one", async () => {
    const place = await prisma.place.findFirstOrThrow({ where: { groupId: 1, status: "published" }, select: { id: true, name: true, scheduleRule: true } });
    const before = await searchEverything(place.name, "ja", NO_FILTERS);
    expect(before.places.map((p) => p.id)).toContain(place.id);
    const page = await load(editPlace.loader, `/manage/groups/1/places/${place.id}`, { ...G1, placeId: String(place.id) }, ownerA);
    const defaults = (page.data as { defaults: Fields }).defaults;
    const fields: Fields = Object.fromEntries(Object.entries(defaults).filter(([, v]) => v !== undefined)) as Fields;
    const out = await submit(editPlace.action, `/manage/groups/1/places/${place.id}`, { ...G1, placeId: String(place.id) }, { ...fields, intent: "save", name: "ひだまりテスト喫茶室" }, ownerA);
    expect(locationOf(out)).toBe(`/manage/groups/1/places/${place.id}?saved=1`);
    // The name is a reviewed field (publishing/edit-policy.ts): the public keeps the old one until staff approve.
    expect(await prisma.place.findUniqueOrThrow({ where: { id: place.id }, select: { status: true, name: true, scheduleRule: true } })).toEqual({
      status: "published",
      name: place.name,
      scheduleRule: place.scheduleRule,
    });
    expect((await searchEverything("ひだまりテスト喫茶室", "ja", NO_FILTERS)).places).toEqual([]);
    const revision = await prisma.revision.findFirstOrThrow({ where: { entityType: "place", entityId: place.id, status: "pending" }, select: { id: true } });
    const staff = await createStaff();
    expect((await decide({ kind: "revision", id: revision.id }, "approve", { staffId: staff.id })).ok).toBe(true);
    // Approved, the place stays published with its schedule untouched.
    expect(await prisma.place.findUniqueOrThrow({ where: { id: place.id }, select: { status: true, name: true, scheduleRule: true } })).toEqual({
      status: "published",
      name: "ひだまりテスト喫茶室",
      scheduleRule: place.scheduleRule,
    });
    const after = await searchEverything("ひだまりテスト喫茶室", "ja", NO_FILTERS);
    expect(after.places.map((p) => p.id)).toEqual([place.id]);
    expect((await prisma.searchDocument.findUniqueOrThrow({ where: { entityType_entityId: { entityType: "place", entityId: place.id } } })).title).toBe("ひだまりテスト喫茶室");
  });
});

describe("events", () => {
  it("a one-off event gets one date with its Tokyo weekday, start minute and the capacity (full-width digits accepted)", async () => {
    const out = await submit(newEvent.action, "/manage/groups/1/events/new", G1, eventFields({ capacity: "２０" }), ownerA);
    const id = idFrom(locationOf(out), "events");
    expect(await prisma.event.findUniqueOrThrow({ where: { id } })).toMatchObject({ groupId: 1, status: "draft", capacity: 20, recurrenceRule: "" });
    const dates = await prisma.eventDate.findMany({ where: { eventId: id } });
    expect(dates).toHaveLength(1);
    const d = dates[0]!;
    expect(tokyoDateKey(d.startsAt)).toBe(day(10));
    expect(tokyoParts(d.startsAt)).toMatchObject({ hour: 10, minute: 0 });
    expect(d.endsAt.getTime() - d.startsAt.getTime()).toBe(2 * 3_600_000);
    expect({ weekday: d.weekday, startMinute: d.startMinute, capacity: d.capacity }).toEqual({ ...tokyoSlot(d.startsAt), capacity: 20 });
  });

  it("a weekly series materialises six months of dates on the chosen weekdays; editing the rule keeps dates people registered for", async () => {
    const fields = eventFields({ kind: "series", date: "", repeat: "weekly", weekdays: ["MO", "TH"], seriesStart: day(0), startTime: "18:30", endTime: "20:00", capacity: "12" });
    const out = await submit(newEvent.action, "/manage/groups/1/events/new", G1, fields, ownerA);
    const id = idFrom(locationOf(out), "events");
    const event = await prisma.event.findUniqueOrThrow({ where: { id } });
    expect(event).toMatchObject({ recurrenceRule: "FREQ=WEEKLY;BYDAY=MO,TH", recurrenceStart: day(0), recurrenceEnd: "" });
    const dates = await prisma.eventDate.findMany({ where: { eventId: id }, orderBy: { startsAt: "asc" } });
    expect(dates.length).toBeGreaterThanOrEqual(50);
    expect(dates.length).toBeLessThanOrEqual(54);
    const horizon = addDays(new Date(), 186);
    for (const d of dates) {
      expect([0, 3]).toContain(d.weekday);
      expect(d.startMinute).toBe(18 * 60 + 30);
      expect(d).toMatchObject({ ...tokyoSlot(d.startsAt), capacity: 12, status: "scheduled" });
      expect(d.startsAt.getTime()).toBeLessThan(horizon.getTime());
    }

    // Someone registers for the first Thursday; then the organiser moves the series to Tuesdays only.
    const thursday = dates.find((d) => d.weekday === 3)!;
    const user = await createResident();
    await prisma.registration.create({ data: { eventDateId: thursday.id, userId: user.id, status: "accepted" } });
    await submit(editEvent.action, `/manage/groups/1/events/${id}`, { ...G1, eventId: String(id) }, { ...fields, weekdays: "TU" }, ownerA);
    const after = await prisma.eventDate.findMany({ where: { eventId: id }, orderBy: { startsAt: "asc" } });
    const kept = after.find((d) => d.id === thursday.id);
    expect(kept?.status).toBe("cancelled");
    expect(after.filter((d) => d.status === "scheduled").every((d) => d.weekday === 1)).toBe(true);
    expect(after.filter((d) => d.weekday === 0)).toHaveLength(0);
    const audit = await prisma.auditLog.findFirst({ where: { action: "event.dates-changed", entityId: id } });
    expect(JSON.parse(audit!.detail)).toEqual({ dateIds: [thursday.id] });
  });

  it("a monthly series on the 2nd and 4th Wednesday lands on Wednesdays only", async () => {
    const out = await submit(
      newEvent.action,
      "/manage/groups/1/events/new",
      G1,
      eventFields({ kind: "series", repeat: "monthly", weekdays: "WE", nths: ["2", "4"], seriesStart: day(1), skipHolidays: "on" }),
      ownerA,
    );
    const id = idFrom(locationOf(out), "events");
    const dates = await prisma.eventDate.findMany({ where: { eventId: id } });
    expect(dates.length).toBeGreaterThanOrEqual(10);
    expect(dates.length).toBeLessThanOrEqual(13);
    for (const d of dates) {
      expect(d.weekday).toBe(2);
      const dom = tokyoParts(d.startsAt).day;
      expect((dom >= 8 && dom <= 14) || (dom >= 22 && dom <= 28)).toBe(true);
    }
  });

  it("moving a one-off that has a registration keeps the row (moved, with its original time)", async () => {
    const out = await submit(newEvent.action, "/manage/groups/1/events/new", G1, eventFields(), ownerA);
    const id = idFrom(locationOf(out), "events");
    const date = await prisma.eventDate.findFirstOrThrow({ where: { eventId: id } });
    const user = await createResident();
    await prisma.registration.create({ data: { eventDateId: date.id, userId: user.id, status: "accepted" } });
    await submit(editEvent.action, `/manage/groups/1/events/${id}`, { ...G1, eventId: String(id) }, eventFields({ date: day(11), venueName: "新しい会場" }), ownerA);
    // Both changes are recorded for the participation module, which tells the registrants.
    const audits = await prisma.auditLog.findMany({ where: { entityType: "event", entityId: id }, select: { action: true } });
    expect(audits.map((a) => a.action).sort()).toEqual(["event.dates-changed", "event.venue-changed"]);
    const moved = await prisma.eventDate.findMany({ where: { eventId: id } });
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ id: date.id, status: "moved", originalStartsAt: date.startsAt });
    expect(tokyoDateKey(moved[0]!.startsAt)).toBe(day(11));
    expect(await prisma.registration.count({ where: { eventDateId: date.id } })).toBe(1);
  });

  it("duplicating copies the event as a draft one month later", async () => {
    // January 31st next year → the last day of February (28th or 29th).
    const year = tokyoParts(new Date()).year + 1;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const src = await submit(newEvent.action, "/manage/groups/1/events/new", G1, eventFields({ intent: "submit", date: `${year}-01-31`, categoryIds: (await ids()).categoryId }), ownerA);
    expect(locationOf(src)).toBe("/manage/groups/1?saved=pending");
    const source = await prisma.event.findFirstOrThrow({ where: { groupId: 1, title: "試験の体操教室", status: "pending" }, orderBy: { id: "desc" } });
    const out = await submit(editEvent.action, `/manage/groups/1/events/${source.id}`, { ...G1, eventId: String(source.id) }, { intent: "duplicate" }, ownerA);
    const copyId = idFrom(locationOf(out), "events");
    expect(copyId).not.toBe(source.id);
    const copy = await prisma.event.findUniqueOrThrow({ where: { id: copyId }, include: { dates: true, categories: true } });
    expect(copy).toMatchObject({ groupId: 1, status: "draft", title: source.title, capacity: 20 });
    expect(copy.categories).toHaveLength(1);
    expect(copy.dates.map((d) => tokyoDateKey(d.startsAt))).toEqual([`${year}-02-${leap ? 29 : 28}`]);
  });
});

describe("openings", () => {
  it("a member creates an opening with two shifts and submits it; shifts carry weekday, start minute and slots", async () => {
    const out = await submit(newOpening.action, "/manage/groups/1/openings/new", G1, openingFields({ intent: "submit" }), ownerA);
    expect(locationOf(out)).toBe("/manage/groups/1?saved=pending");
    const opening = await prisma.opening.findFirstOrThrow({ where: { groupId: 1, title: "試験の配膳ボランティア" }, include: { shifts: { orderBy: { startsAt: "asc" } } } });
    expect(opening).toMatchObject({ status: "pending", ongoing: false });
    expect(opening.shifts.map((s) => ({ date: tokyoDateKey(s.startsAt), slots: s.slots, startMinute: s.startMinute, weekday: s.weekday }))).toEqual([
      { date: day(7), slots: 3, startMinute: 540, weekday: tokyoSlot(opening.shifts[0]!.startsAt).weekday },
      { date: day(14), slots: 2, startMinute: 780, weekday: tokyoSlot(opening.shifts[1]!.startsAt).weekday },
    ]);

    // Edit: the first shift had an application, so removing it cancels it; the second changes; a third is added.
    const [first, second] = opening.shifts;
    const user = await createResident();
    await prisma.application.create({ data: { shiftId: first!.id, userId: user.id, status: "applied" } });
    const params = { ...G1, openingId: String(opening.id) };
    const edited = await submit(
      editOpening.action,
      `/manage/groups/1/openings/${opening.id}`,
      params,
      {
        intent: "save",
        title: "試験の配膳ボランティア",
        participationMode: "in-person",
        "shifts[0].id": String(first!.id),
        "shifts[0].date": day(7),
        "shifts[0].start": "09:00",
        "shifts[0].end": "12:00",
        "shifts[0].remove": "on",
        "shifts[1].id": String(second!.id),
        "shifts[1].date": day(15),
        "shifts[1].start": "13:00",
        "shifts[1].end": "16:00",
        "shifts[1].slots": "5",
        "shifts[2].date": day(21),
        "shifts[2].start": "10:00",
        "shifts[2].end": "11:00",
      },
      ownerA,
    );
    expect(locationOf(edited)).toBe(`/manage/groups/1/openings/${opening.id}?saved=1`);
    const shifts = await prisma.shift.findMany({ where: { openingId: opening.id }, orderBy: { startsAt: "asc" } });
    expect(shifts.map((s) => [tokyoDateKey(s.startsAt), s.status, s.slots])).toEqual([
      [day(7), "cancelled", 3],
      [day(15), "open", 5],
      [day(21), "open", null],
    ]);
    expect((await prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).status).toBe("pending");
  });

  it("an ongoing opening has one open-ended shift", async () => {
    const out = await submit(newOpening.action, "/manage/groups/1/openings/new", G1, { intent: "save", title: "いつでも見守り", participationMode: "at-home", ongoing: "on", ongoingSlots: "10" }, ownerA);
    const id = idFrom(locationOf(out), "openings");
    const shifts = await prisma.shift.findMany({ where: { openingId: id } });
    expect(shifts).toHaveLength(1);
    expect(shifts[0]).toMatchObject({ endsAt: null, slots: 10, status: "open" });
    expect(await prisma.opening.findUniqueOrThrow({ where: { id } })).toMatchObject({ ongoing: true, participationMode: "at-home" });
  });

  it("a shift id of another opening in a hidden field is refused and nothing changes", async () => {
    const foreign = await prisma.shift.findFirstOrThrow({ where: { opening: { groupId: 2 } }, select: { id: true, startsAt: true, slots: true } });
    const own = await submit(newOpening.action, "/manage/groups/1/openings/new", G1, openingFields({ title: "よそのシフト" }), ownerA);
    const id = idFrom(locationOf(own), "openings");
    const out = await submit(
      editOpening.action,
      `/manage/groups/1/openings/${id}`,
      { ...G1, openingId: String(id) },
      openingFields({ "shifts[0].id": String(foreign.id), "shifts[0].slots": "99" }),
      ownerA,
    );
    expect(errorsOf(out)["shifts[0].date"]).toEqual(["errors.invalidChoice"]);
    expect(await prisma.shift.findUniqueOrThrow({ where: { id: foreign.id }, select: { id: true, startsAt: true, slots: true } })).toEqual(foreign);
  });
});

// ───────────── Authorisation: IDOR and non-members ─────────────

async function snapshotGroup1() {
  const [places, events, openings, dates, shifts] = await Promise.all([
    prisma.place.findMany({ where: { groupId: 1 }, orderBy: { id: "asc" } }),
    prisma.event.findMany({ where: { groupId: 1 }, orderBy: { id: "asc" } }),
    prisma.opening.findMany({ where: { groupId: 1 }, orderBy: { id: "asc" } }),
    prisma.eventDate.findMany({ where: { event: { groupId: 1 } }, orderBy: { id: "asc" } }),
    prisma.shift.findMany({ where: { opening: { groupId: 1 } }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ places, events, openings, dates, shifts });
}

describe("another group's owner and non-members get 404 and change nothing (SECURITY.md rows 21–22)", () => {
  it("IDOR table: group B's owner on group A's workspace and items, by URL and by swapped ids", async () => {
    const place = await prisma.place.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } });
    const event = await prisma.event.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } });
    const opening = await prisma.opening.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } });
    const P = String(place.id);
    const E = String(event.id);
    const O = String(opening.id);
    const before = await snapshotGroup1();
    type Row = [string, Loader | undefined, Action, string, Record<string, string>, Fields];
    const table: Row[] = [
      ["workspace home of group A", workspace.loader, workspace.action, "/manage/groups/1", G1, { intent: "leave" }],
      ["new place in group A", newPlace.loader, newPlace.action, "/manage/groups/1/places/new", G1, await placeFields()],
      ["group A's place", editPlace.loader, editPlace.action, `/manage/groups/1/places/${P}`, { ...G1, placeId: P }, await placeFields()],
      ["group A's place through group B's URL", editPlace.loader, editPlace.action, `/manage/groups/2/places/${P}`, { groupId: "2", placeId: P }, await placeFields()],
      ["archive group A's place through group B's URL", undefined, editPlace.action, `/manage/groups/2/places/${P}`, { groupId: "2", placeId: P }, { intent: "archive" }],
      ["new event in group A", newEvent.loader, newEvent.action, "/manage/groups/1/events/new", G1, eventFields()],
      ["group A's event", editEvent.loader, editEvent.action, `/manage/groups/1/events/${E}`, { ...G1, eventId: E }, eventFields()],
      ["group A's event through group B's URL", editEvent.loader, editEvent.action, `/manage/groups/2/events/${E}`, { groupId: "2", eventId: E }, eventFields()],
      ["duplicate group A's event through group B's URL", undefined, editEvent.action, `/manage/groups/2/events/${E}`, { groupId: "2", eventId: E }, { intent: "duplicate" }],
      ["new opening in group A", newOpening.loader, newOpening.action, "/manage/groups/1/openings/new", G1, openingFields()],
      ["group A's opening", editOpening.loader, editOpening.action, `/manage/groups/1/openings/${O}`, { ...G1, openingId: O }, openingFields()],
      ["group A's opening through group B's URL", editOpening.loader, editOpening.action, `/manage/groups/2/openings/${O}`, { groupId: "2", openingId: O }, openingFields()],
    ];
    for (const [what, loader, action, url, params, fields] of table) {
      for (const [who, cookie] of [
        ["group B's owner", ownerB],
        ["a resident", resident],
      ] as const) {
        if (loader) expect((await load(loader, url, params, cookie)).status, `${who} GET ${what}`).toBe(404);
        const out = await submit(action, url, params, { ...fields, intent: String(fields.intent ?? "save") }, cookie);
        expect(out.response?.status, `${who} POST ${what}`).toBe(404);
      }
    }
    // A 404 for a real foreign id reads exactly like one for an id that does not exist (no oracle).
    const missing = await load(editPlace.loader, "/manage/groups/2/places/999999", { groupId: "2", placeId: "999999" }, ownerB);
    expect(missing.status).toBe(404);
    expect(await snapshotGroup1()).toBe(before);
  });

  it("choosing another group's place for an event is refused", async () => {
    const foreignPlace = await prisma.place.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } });
    const before = await prisma.event.count({ where: { groupId: 2 } });
    const out = await submit(newEvent.action, "/manage/groups/2/events/new", { groupId: "2" }, eventFields({ placeId: String(foreignPlace.id) }), ownerB);
    expect(errorsOf(out).placeId).toEqual(["errors.invalidChoice"]);
    expect(await prisma.event.count({ where: { groupId: 2 } })).toBe(before);
  });

  it("visitors are sent to log in first", async () => {
    const page = await load(newPlace.loader, "/manage/groups/1/places/new", G1);
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("mass assignment is ignored (row 23)", () => {
  it("status, groupId and createdById sent with a form are dropped", async () => {
    const extra = { status: "published", groupId: "2", createdById: "1", publishedAt: "2020-01-01", registeredCount: "99" };
    const place = await submit(newPlace.action, "/manage/groups/1/places/new", G1, await placeFields({ ...extra, name: "勝手に公開サロン" }), ownerA);
    const placeRow = await prisma.place.findUniqueOrThrow({ where: { id: idFrom(locationOf(place), "places") } });
    expect(placeRow).toMatchObject({ groupId: 1, status: "draft", publishedAt: null });

    const event = await submit(newEvent.action, "/manage/groups/1/events/new", G1, eventFields(extra), ownerA);
    expect(await prisma.event.findUniqueOrThrow({ where: { id: idFrom(locationOf(event), "events") } })).toMatchObject({ groupId: 1, status: "draft", publishedAt: null });

    const opening = await submit(newOpening.action, "/manage/groups/1/openings/new", G1, openingFields({ ...extra, "shifts[0].acceptedCount": "50" }), ownerA);
    const openingRow = await prisma.opening.findUniqueOrThrow({ where: { id: idFrom(locationOf(opening), "openings") }, include: { shifts: true } });
    expect(openingRow).toMatchObject({ groupId: 1, status: "draft" });
    expect(openingRow.shifts.every((s) => s.acceptedCount === 0)).toBe(true);

    // Editing a published item with status=draft in the form does not unpublish it either.
    const published = await prisma.place.findFirstOrThrow({ where: { groupId: 1, status: "published" }, select: { id: true } });
    const page = await load(editPlace.loader, `/manage/groups/1/places/${published.id}`, { ...G1, placeId: String(published.id) }, ownerA);
    const defaults = Object.fromEntries(Object.entries((page.data as { defaults: Fields }).defaults).filter(([, v]) => v !== undefined)) as Fields;
    await submit(editPlace.action, `/manage/groups/1/places/${published.id}`, { ...G1, placeId: String(published.id) }, { ...defaults, intent: "save", status: "draft", groupId: "2" }, ownerA);
    expect(await prisma.place.findUniqueOrThrow({ where: { id: published.id }, select: { status: true, groupId: true } })).toEqual({ status: "published", groupId: 1 });
  });
});

// ───────────── Bad inputs (SECURITY.md row 26, §3 items 4, 10–12) ─────────────

const LOCALES = Object.fromEntries(["ja", "en"].map((l) => [l, interfaceWords(l) as Record<string, unknown>]));

function translated(key: string, locale: string): string | undefined {
  const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), LOCALES[locale]);
  return typeof value === "string" ? value : undefined;
}

describe("bad inputs give translated errors and change nothing", () => {
  async function expectRejected(fields: Fields, field: string, message: string) {
    const before = await prisma.event.count();
    const out = await submit(newEvent.action, "/manage/groups/1/events/new", G1, eventFields(fields), ownerA);
    expect(out.response, `${JSON.stringify(fields)} should not save`).toBeUndefined();
    expect(out.status, `${JSON.stringify(fields)} answers 400`).toBe(400);
    expect(errorsOf(out)[field], JSON.stringify(fields)).toEqual([message]);
    expect(translated(message, "ja"), message).toBeTruthy();
    expect(translated(message, "en"), message).toBeTruthy();
    expect(await prisma.event.count()).toBe(before);
  }

  it.each([
    ["-1", "manage.errors.wholeNumber"],
    ["1.5", "manage.errors.wholeNumber"],
    ["1e9", "manage.errors.wholeNumber"],
    ["NaN", "manage.errors.wholeNumber"],
    ["0x10", "manage.errors.wholeNumber"],
    ["0", "manage.errors.outOfRange"],
    ["1000000000", "manage.errors.outOfRange"],
    ["9007199254740993", "manage.errors.outOfRange"],
  ])("capacity %j is refused", async (capacity, message) => {
    await expectRejected({ capacity }, "capacity", message);
  });

  it.each([
    [" 5 ", 5],
    ["２０", 20],
    ["", null],
  ])("capacity %j is read as %j", async (capacity, stored) => {
    const out = await submit(newEvent.action, "/manage/groups/1/events/new", G1, eventFields({ capacity }), ownerA);
    const id = idFrom(locationOf(out), "events");
    expect((await prisma.event.findUniqueOrThrow({ where: { id } })).capacity).toBe(stored);
  });

  it.each(["2025-02-30", "2025-13-01", "2025-02-29", "3000-01-01", "2026/04/01", "tomorrow"])("date %j is refused", async (date) => {
    await expectRejected({ date }, "date", "manage.errors.date");
  });

  it("a date in the past is refused for a new event, and end before start is refused", async () => {
    await expectRejected({ date: day(-1) }, "date", "manage.errors.past");
    await expectRejected({ startTime: "12:00", endTime: "10:00" }, "endTime", "manage.errors.endBeforeStart");
    await expectRejected({ startTime: "25:00" }, "startTime", "manage.errors.time");
    await expectRejected({ kind: "series", repeat: "weekly", seriesStart: day(0), weekdays: [] }, "weekdays", "manage.errors.chooseWeekday");
    await expectRejected({ kind: "series", repeat: "weekly", weekdays: "MO", seriesStart: day(10), seriesEnd: day(5) }, "seriesEnd", "manage.errors.endBeforeStart");
  });

  it.each(["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "&#x6A;avascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example", "ftp://example.jp"])(
    "online URL %j is refused",
    async (onlineUrl) => {
      await expectRejected({ onlineUrl }, "onlineUrl", "manage.errors.url");
    },
  );

  it("lengths count code points: 100 × 𠮷 is fine, 101 is too long; unknown choices are refused", async () => {
    await expectRejected({ title: "𠮷".repeat(101) }, "title", "errors.tooLong");
    const ok = await submit(newEvent.action, "/manage/groups/1/events/new", G1, eventFields({ title: "𠮷".repeat(100) }), ownerA);
    expect(locationOf(ok)).toMatch(/\/events\/\d+/);
    await expectRejected({ kind: "weekly" }, "kind", "errors.invalidChoice");
    await expectRejected({ languages: "xx" }, "languages", "errors.invalidChoice");
    await expectRejected({ areaId: "999999" }, "areaId", "errors.invalidChoice");
  });

  it("a place with a javascript: website, a bad phone or an end before its start is refused", async () => {
    const before = await prisma.place.count();
    const out = await submit(
      newPlace.action,
      "/manage/groups/1/places/new",
      G1,
      await placeFields({ website: "javascript:alert(1)", contactPhone: "call me", scheduleStart: "12:00", scheduleEnd: "11:00" }),
      ownerA,
    );
    const errors = errorsOf(out);
    expect(out.status).toBe(400);
    expect(errors.website).toEqual(["manage.errors.url"]);
    expect(errors.contactPhone).toEqual(["manage.errors.phone"]);
    expect(errors.scheduleEnd).toEqual(["manage.errors.endBeforeStart"]);
    expect(await prisma.place.count()).toBe(before);
  });

  it("an opening needs at least one shift; shift slots and dates are checked per row", async () => {
    const before = await prisma.opening.count();
    const none = await submit(newOpening.action, "/manage/groups/1/openings/new", G1, { intent: "save", title: "日程なし", participationMode: "in-person" }, ownerA);
    expect(errorsOf(none).shifts).toEqual(["manage.errors.shiftsRequired"]);
    expect(none.status).toBe(400);
    const bad = await submit(newOpening.action, "/manage/groups/1/openings/new", G1, openingFields({ "shifts[0].slots": "1.5", "shifts[1].date": "2025-02-30" }), ownerA);
    expect(errorsOf(bad)["shifts[0].slots"]).toEqual(["manage.errors.wholeNumber"]);
    expect(errorsOf(bad)["shifts[1].date"]).toEqual(["manage.errors.date"]);
    expect(bad.status).toBe(400);
    expect(await prisma.opening.count()).toBe(before);
  });
});

// ───────────── A pending group publishes nothing ─────────────

describe("a pending group's items stay invisible (row 25)", () => {
  it("even an item whose status says published is in no public list, detail or search until the group is approved", async () => {
    const pendingGroup = await prisma.group.findFirstOrThrow({ where: { status: "pending" }, select: { id: true, members: { where: { role: "owner" }, select: { userId: true } } } });
    const owner = await createSession({ id: pendingGroup.members[0]!.userId });
    const params = { groupId: String(pendingGroup.id) };
    const out = await submit(newPlace.action, `/manage/groups/${pendingGroup.id}/places/new`, params, await placeFields({ intent: "submit", name: "まちかどソラマメ食堂" }), owner);
    expect(locationOf(out)).toBe(`/manage/groups/${pendingGroup.id}?saved=pending`);
    const place = await prisma.place.findFirstOrThrow({ where: { groupId: pendingGroup.id, name: "まちかどソラマメ食堂" }, select: { id: true, status: true } });
    expect(place.status).toBe("pending");

    // Staff publish the item, but the group itself is still pending.
    await prisma.place.update({ where: { id: place.id }, data: { status: "published" } });
    const page = await load(editPlace.loader, `/manage/groups/${pendingGroup.id}/places/${place.id}`, { ...params, placeId: String(place.id) }, owner);
    const defaults = Object.fromEntries(Object.entries((page.data as { defaults: Fields }).defaults).filter(([, v]) => v !== undefined)) as Fields;
    await submit(editPlace.action, `/manage/groups/${pendingGroup.id}/places/${place.id}`, { ...params, placeId: String(place.id) }, { ...defaults, intent: "save" }, owner);
    expect(await getPublishedPlace(place.id, "ja")).toBeNull();
    expect((await searchEverything("ソラマメ", "ja", NO_FILTERS)).places).toEqual([]);
    expect(await prisma.searchDocument.count({ where: { entityType: "place", entityId: place.id } })).toBe(0);
    const { loader: placesLoader } = await import("~/routes/places._index");
    const list = (await load(placesLoader, "/places", {})).data as { places?: { items?: { id: number }[] } } & Record<string, unknown>;
    expect(JSON.stringify(list)).not.toContain("ソラマメ");
  });
});

describe("more places let the waitlist in", () => {
  it("raising a shift's slots accepts the people waiting longest and emails them", async () => {
    const out = await submit(newOpening.action, "/manage/groups/1/openings/new", G1, openingFields({ intent: "save", title: "増員テストの募集" }), ownerA);
    expect(locationOf(out)).toMatch(/^\/manage\/groups\/1\//);
    const opening = await prisma.opening.findFirstOrThrow({ where: { groupId: 1, title: "増員テストの募集" }, include: { shifts: { orderBy: { startsAt: "asc" } } } });
    const [first, second] = opening.shifts;
    const waiting = [await createResident(), await createResident()];
    const accepted = await Promise.all(Array.from({ length: first!.slots! }, () => createResident()));
    for (const u of accepted) await prisma.application.create({ data: { shiftId: first!.id, userId: u.id, status: "accepted" } });
    await prisma.shift.update({ where: { id: first!.id }, data: { acceptedCount: first!.slots! } });
    for (const u of waiting) await prisma.application.create({ data: { shiftId: first!.id, userId: u.id, status: "waitlisted" } });

    const edited = await submit(
      editOpening.action,
      `/manage/groups/1/openings/${opening.id}`,
      { ...G1, openingId: String(opening.id) },
      {
        intent: "save",
        title: "増員テストの募集",
        participationMode: "in-person",
        "shifts[0].id": String(first!.id),
        "shifts[0].date": tokyoDateKey(first!.startsAt),
        "shifts[0].start": "09:00",
        "shifts[0].end": "12:00",
        "shifts[0].slots": String(first!.slots! + 1),
        "shifts[1].id": String(second!.id),
        "shifts[1].date": tokyoDateKey(second!.startsAt),
        "shifts[1].start": "13:00",
        "shifts[1].end": "15:00",
        "shifts[1].slots": String(second!.slots),
      },
      ownerA,
    );
    expect(locationOf(edited)).toBe(`/manage/groups/1/openings/${opening.id}?saved=1`);
    const statuses = await prisma.application.findMany({ where: { shiftId: first!.id, userId: { in: waiting.map((w) => w.id) } }, orderBy: { id: "asc" }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["accepted", "waitlisted"]);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: first!.id } })).acceptedCount).toBe(first!.slots! + 1);
    expect(await prisma.emailOutbox.count({ where: { toAddress: waiting[0]!.email, template: "waitlist-promoted" } })).toBe(1);
  });
});
