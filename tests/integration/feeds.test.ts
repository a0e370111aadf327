import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import Parser from "rss-parser";
import { prisma } from "~/utils/db.server";
import { formatRange, tokyoParts } from "~/utils/dates";
import { loader as icsFeedLoader } from "~/routes/feeds.events[.]ics";
import { loader as rssFeedLoader } from "~/routes/feeds.events[.]rss";
import { loader as eventCalendarLoader } from "~/routes/events.$id.calendar[.]ics";
import { loader as eventLoader } from "~/routes/events.$id";
import { loader as eventsLoader } from "~/routes/events._index";
import { createEvent } from "../support/factories";
import { callLoader, thrownStatus } from "./helpers";

// Calendar and RSS output (plan Ⅰ-3 ⑰): parsed with real parsers, checked against the database.

const ORIGIN = "http://localhost:3000";
const HOST = "localhost:3000";

type VEvent = { uid: string; summary: string; start: Date; end: Date; status: string | null; url: string; location: string; description: string };

function parseIcs(text: string): VEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
      status: (v.getFirstPropertyValue("status") as string | null) ?? null,
      url: String(v.getFirstPropertyValue("url") ?? ""),
      location: e.location ?? "",
      description: e.description ?? "",
    };
  });
}

async function fetchIcs(query = "", headers: Record<string, string> = {}) {
  const res = (await callLoader(icsFeedLoader, `/feeds/events.ics${query}`, {}, headers)) as Response;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
  expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
  const text = await res.text();
  return { text, events: parseIcs(text) };
}

async function fetchRss(query = "") {
  const res = (await callLoader(rssFeedLoader, `/feeds/events.rss${query}`)) as Response;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
  expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
  const text = await res.text();
  return { text, feed: await new Parser().parseString(text) };
}

const dateIdOf = (uid: string) => Number(/^eventdate-(\d+)@/.exec(uid)?.[1]);
const eventIdOf = (url: string) => Number(/\/events\/(\d+)$/.exec(url)?.[1]);

const visibleDates = { status: { not: "paused" }, event: { status: "published", group: { status: "approved" } } } as const;

/** Events the feeds must never show, created here with dates in the coming days. */
const hidden: { eventId: number; dateId: number; title: string }[] = [];

beforeAll(async () => {
  const approved = await prisma.group.findFirstOrThrow({ where: { status: "approved" }, select: { id: true } });
  const suspended = await prisma.group.findFirstOrThrow({ where: { status: "suspended" }, select: { id: true } });
  const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  const cases = [
    { groupId: approved.id, status: "draft" },
    { groupId: approved.id, status: "pending" },
    { groupId: approved.id, status: "hidden" },
    { groupId: suspended.id, status: "published" },
  ];
  for (const c of cases) {
    const title = `フィード非公開テスト-${c.status}-${c.groupId}`;
    const event = await createEvent({ id: c.groupId }, { title, status: c.status, dates: [{ startsAt: soon, endsAt: new Date(soon.getTime() + 3600_000) }] });
    hidden.push({ eventId: event.id, dateId: event.dateIds[0]!, title });
  }
});

afterAll(async () => {
  await prisma.event.deleteMany({ where: { id: { in: hidden.map((h) => h.eventId) } } });
});

describe("calendar feed /feeds/events.ics", () => {
  it("has every upcoming visible date, each with a stable UID, Tokyo-correct times and a link back", async () => {
    const { text, events } = await fetchIcs();
    expect(events.length).toBeGreaterThan(0);
    const rows = await prisma.eventDate.findMany({
      where: { id: { in: events.map((e) => dateIdOf(e.uid)) } },
      select: { id: true, eventId: true, startsAt: true, endsAt: true, status: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const e of events) {
      expect(e.uid).toMatch(new RegExp(`^eventdate-\\d+@${HOST}$`));
      const row = byId.get(dateIdOf(e.uid));
      expect(row, e.uid).toBeDefined();
      expect(e.start.getTime(), e.uid).toBe(row!.startsAt.getTime());
      expect(e.end.getTime(), e.uid).toBe(row!.endsAt.getTime());
      expect(row!.status).not.toBe("paused");
      expect(e.url).toBe(`${ORIGIN}/events/${row!.eventId}`);
    }
    // Times are absolute (UTC), so a calendar in any zone shows the Tokyo wall clock.
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
    // As many dates as the /events list has in the same range (with no filters).
    const expected = await prisma.eventDate.count({
      where: { ...visibleDates, startsAt: { gte: new Date(Date.now() - 60_000), lt: new Date(Date.now() + 121 * 24 * 3600 * 1000) } },
    });
    expect(events.length).toBeLessThanOrEqual(expected);
    expect(events.length).toBe((await callLoader(eventsLoader, "/events")).total);
  });

  it("shows nothing of draft, pending or hidden events, nor of a suspended group", async () => {
    const { text, events } = await fetchIcs();
    for (const h of hidden) {
      expect(text).not.toContain(h.title);
      expect(events.some((e) => dateIdOf(e.uid) === h.dateId || eventIdOf(e.url) === h.eventId)).toBe(false);
    }
  });

  it("narrows to the list's filters, e.g. ?area=", async () => {
    const area = await prisma.area.findFirstOrThrow({
      where: { events: { some: { status: "published", group: { status: "approved" }, dates: { some: { startsAt: { gt: new Date() } } } } } },
      select: { id: true, slug: true },
    });
    const all = await fetchIcs();
    const { events } = await fetchIcs(`?area=${area.slug}`);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(all.events.length);
    const eventIds = [...new Set(events.map((e) => eventIdOf(e.url)))];
    const areas = await prisma.event.findMany({ where: { id: { in: eventIds } }, select: { areaId: true } });
    expect(areas.every((e) => e.areaId === area.id)).toBe(true);
    expect(events.length).toBe((await callLoader(eventsLoader, `/events?area=${area.slug}`)).total);

    const free = await fetchIcs("?free=1");
    const fees = await prisma.event.findMany({ where: { id: { in: free.events.map((e) => eventIdOf(e.url)) } }, select: { fee: true } });
    expect(fees.every((e) => e.fee === 0)).toBe(true);
  });

  it("marks a cancelled date STATUS:CANCELLED (and says so in the title), others CONFIRMED", async () => {
    const cancelled = await prisma.eventDate.findFirstOrThrow({
      where: { ...visibleDates, status: "cancelled", startsAt: { gt: new Date() } },
      select: { id: true },
    });
    const { events } = await fetchIcs();
    const entry = events.find((e) => e.uid === `eventdate-${cancelled.id}@${HOST}`);
    expect(entry).toBeDefined();
    expect(entry!.status).toBe("CANCELLED");
    expect(entry!.summary).toMatch(/^【中止】/);
    expect(events.filter((e) => e !== entry).every((e) => e.status === "CONFIRMED")).toBe(true);

    const en = await fetchIcs("?lng=en");
    expect(en.events.find((e) => e.uid === entry!.uid)!.summary).toMatch(/^\[Cancelled\] /);
  });

  it("gives the area, never the address, of an 'area only' place (e.g. こども食堂)", async () => {
    const places = await prisma.place.findMany({
      where: { showAreaOnly: true, address: { not: "" }, events: { some: { status: "published" } } },
      select: { address: true, name: true, area: { select: { name: true } }, events: { select: { id: true } } },
    });
    expect(places.length).toBeGreaterThan(0);
    const { text, events } = await fetchIcs();
    const rss = await fetchRss();
    const blocks = text.split("BEGIN:VEVENT").slice(1);
    let checked = 0;
    for (const place of places) {
      const ids = new Set(place.events.map((e) => e.id));
      for (const e of events.filter((ev) => ids.has(eventIdOf(ev.url)))) {
        expect(e.location).toBe(`${place.name}, ${place.area!.name}`);
        expect(blocks.find((b) => b.includes(`UID:${e.uid}\r\n`))).not.toContain(place.address);
        checked++;
      }
      // Where the address text shows up at all, it is as the address of another place that does show it.
      for (const block of blocks.filter((b) => b.includes(place.address))) {
        const eventId = eventIdOf(/URL:(\S+)\r\n/.exec(block)![1]!);
        const event = await prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { place: { select: { showAreaOnly: true } } } });
        expect(event.place?.showAreaOnly, `event ${eventId}`).toBe(false);
      }
      for (const item of rss.feed.items.filter((i) => ids.has(eventIdOf(i.link!)))) {
        expect(JSON.stringify(item)).not.toContain(place.address);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("takes the date-level filters too (?day=), and keeps soonest-first whatever ?sort= says", async () => {
    const saturdays = await fetchIcs("?day=SA");
    expect(saturdays.events.length).toBeGreaterThan(0);
    expect(saturdays.events.every((e) => tokyoParts(e.start).weekday === 6)).toBe(true);
    const all = await fetchIcs();
    const newest = await fetchIcs("?sort=newest&page=3");
    expect(newest.events.map((e) => e.uid)).toEqual(all.events.map((e) => e.uid));
  });

  it("answers an empty but valid calendar when nothing matches", async () => {
    const { text, events } = await fetchIcs("?language=xx&free=1&beginner=1");
    expect(events).toEqual([]);
    expect(text).toContain("BEGIN:VCALENDAR");
  });
});

describe("RSS feed /feeds/events.rss", () => {
  it("has one item per visible date, linking to the event on APP_ORIGIN, with its Tokyo time in the title", async () => {
    const { feed } = await fetchRss();
    const ics = await fetchIcs();
    expect(feed.link).toBe(`${ORIGIN}/events`);
    expect(feed.items.length).toBe(ics.events.length);
    const rows = await prisma.eventDate.findMany({
      where: { id: { in: ics.events.map((e) => dateIdOf(e.uid)) } },
      select: { id: true, eventId: true, startsAt: true, endsAt: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const item of feed.items) {
      expect(item.link).toMatch(new RegExp(`^${ORIGIN}/events/\\d+$`));
      const row = byId.get(dateIdOf(String(item.guid)));
      expect(row, item.guid).toBeDefined();
      expect(item.link).toBe(`${ORIGIN}/events/${row!.eventId}`);
      expect(item.title).toContain(`（${formatRange(row!.startsAt, row!.endsAt, "ja")}）`);
    }
  });

  it("shows nothing of draft, pending or hidden events, nor of a suspended group", async () => {
    const { text, feed } = await fetchRss();
    for (const h of hidden) {
      expect(text).not.toContain(h.title);
      expect(feed.items.some((i) => i.link === `${ORIGIN}/events/${h.eventId}`)).toBe(false);
    }
  });

  it("marks cancelled dates in the title and narrows to the filters", async () => {
    const cancelled = await prisma.eventDate.findFirstOrThrow({
      where: { ...visibleDates, status: "cancelled", startsAt: { gt: new Date() } },
      select: { id: true, event: { select: { title: true, areaId: true } } },
    });
    const { feed } = await fetchRss();
    const item = feed.items.find((i) => i.guid === `eventdate-${cancelled.id}@${HOST}`);
    expect(item?.title).toMatch(new RegExp(`^【中止】${cancelled.event.title}`));

    const area = await prisma.area.findUniqueOrThrow({ where: { id: cancelled.event.areaId! }, select: { id: true, slug: true } });
    const filtered = await fetchRss(`?area=${area.slug}`);
    expect(filtered.feed.link).toBe(`${ORIGIN}/events?area=${area.slug}`);
    expect(filtered.feed.items.length).toBeGreaterThan(0);
    expect(filtered.feed.items.length).toBeLessThan(feed.items.length);
    const eventIds = filtered.feed.items.map((i) => eventIdOf(i.link!));
    const rows = await prisma.event.findMany({ where: { id: { in: eventIds } }, select: { areaId: true } });
    expect(rows.every((r) => r.areaId === area.id)).toBe(true);
  });

  it("speaks the ?lng= language", async () => {
    const { feed } = await fetchRss("?lng=en");
    expect(feed.title).toMatch(/^Events – /);
    expect(feed.link).toBe(`${ORIGIN}/events?lng=en`);
  });
});

describe("one event's calendar /events/:id/calendar.ics", () => {
  async function publishedDate() {
    return prisma.eventDate.findFirstOrThrow({
      where: { ...visibleDates, status: "scheduled", startsAt: { gt: new Date() } },
      select: { id: true, eventId: true, startsAt: true, endsAt: true, event: { select: { title: true } } },
      orderBy: { startsAt: "asc" },
    });
  }

  it("downloads one date as a calendar file", async () => {
    const date = await publishedDate();
    const res = (await callLoader(eventCalendarLoader, `/events/${date.eventId}/calendar.ics?date=${date.id}`, { id: String(date.eventId) })) as Response;
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="event-\d+-\d+\.ics"$/);
    const events = parseIcs(await res.text());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ uid: `eventdate-${date.id}@${HOST}`, summary: date.event.title, url: `${ORIGIN}/events/${date.eventId}` });
    expect(events[0]!.start.getTime()).toBe(date.startsAt.getTime());
    expect(events[0]!.end.getTime()).toBe(date.endsAt.getTime());
  });

  it("without ?date= has the event's next dates, paused ones left out", async () => {
    const paused = await prisma.eventDate.findFirstOrThrow({ where: { status: "paused", event: { status: "published" } }, select: { id: true, eventId: true } });
    const res = (await callLoader(eventCalendarLoader, `/events/${paused.eventId}/calendar.ics`, { id: String(paused.eventId) })) as Response;
    const events = parseIcs(await res.text());
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => dateIdOf(e.uid) === paused.id)).toBe(false);
    expect(
      await thrownStatus(() => callLoader(eventCalendarLoader, `/events/${paused.eventId}/calendar.ics?date=${paused.id}`, { id: String(paused.eventId) })),
    ).toBe(404);
  });

  it("answers 404 for a draft, pending or hidden event, a suspended group, another event's date, or a bad id", async () => {
    for (const h of hidden) {
      expect(await thrownStatus(() => callLoader(eventCalendarLoader, `/events/${h.eventId}/calendar.ics`, { id: String(h.eventId) }))).toBe(404);
      expect(
        await thrownStatus(() => callLoader(eventCalendarLoader, `/events/${h.eventId}/calendar.ics?date=${h.dateId}`, { id: String(h.eventId) })),
      ).toBe(404);
    }
    const date = await publishedDate();
    const other = await prisma.eventDate.findFirstOrThrow({ where: { eventId: { not: date.eventId } }, select: { id: true } });
    const id = String(date.eventId);
    expect(await thrownStatus(() => callLoader(eventCalendarLoader, `/events/${id}/calendar.ics?date=${other.id}`, { id }))).toBe(404);
    expect(await thrownStatus(() => callLoader(eventCalendarLoader, `/events/${id}/calendar.ics?date=abc`, { id }))).toBe(404);
    expect(await thrownStatus(() => callLoader(eventCalendarLoader, `/events/x/calendar.ics`, { id: "x" }))).toBe(404);
  });

  it("never puts the address of an 'area only' place in the file or the Google Calendar link", async () => {
    const place = await prisma.place.findFirstOrThrow({
      where: { showAreaOnly: true, status: "published", address: { not: "" }, events: { some: { ...visibleDates.event, dates: { some: { startsAt: { gt: new Date() } } } } } },
      select: { address: true, events: { where: visibleDates.event, select: { id: true }, take: 1 } },
    });
    const id = String(place.events[0]!.id);
    const res = (await callLoader(eventCalendarLoader, `/events/${id}/calendar.ics`, { id })) as Response;
    expect(await res.text()).not.toContain(place.address);
    const page = await callLoader(eventLoader, `/events/${id}`, { id });
    expect(page.calendarLinks.length).toBeGreaterThan(0);
    for (const link of page.calendarLinks) expect(new URL(link.google).searchParams.get("location")).not.toContain(place.address);
  });
});

describe("links on the pages", () => {
  it("/events offers the feeds with the current filters, as absolute APP_ORIGIN URLs", async () => {
    const data = await callLoader(eventsLoader, "/events?area=fujimi&free=1&day=SA&sort=newest&page=2&lng=en");
    expect(data.feeds.ics).toBe(`${ORIGIN}/feeds/events.ics?area=fujimi&day=SA&free=1&lng=en`);
    expect(data.feeds.rss).toBe(`${ORIGIN}/feeds/events.rss?area=fujimi&day=SA&free=1&lng=en`);
  });

  it("/events/:id gives each upcoming date an .ics link and a Google Calendar link with UTC dates", async () => {
    const date = await prisma.eventDate.findFirstOrThrow({
      where: { ...visibleDates, status: "scheduled", startsAt: { gt: new Date() } },
      select: { id: true, eventId: true, startsAt: true, endsAt: true },
      orderBy: { startsAt: "asc" },
    });
    const id = String(date.eventId);
    const data = await callLoader(eventLoader, `/events/${id}`, { id });
    const link = data.calendarLinks.find((l) => l.dateId === date.id);
    expect(link?.ics).toBe(`/events/${id}/calendar.ics?date=${date.id}`);
    const google = new URL(link!.google);
    expect(google.origin + google.pathname).toBe("https://calendar.google.com/calendar/render");
    const utc = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    expect(google.searchParams.get("dates")).toBe(`${utc(date.startsAt)}/${utc(date.endsAt)}`);
    expect(google.searchParams.get("text")).toBe(data.event.title);
    expect(google.searchParams.get("details")).toContain(`${ORIGIN}/events/${id}`);
  });
});
