import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { addDays, fromTokyo, startOfTokyoDay, startOfTokyoWeek, tokyoParts } from "~/utils/dates";
import { safeHttpUrl } from "~/utils/url";
import { localize, localizeOne } from "~/modules/i18n/localize.server";
import { EVENT_TEXT_FIELDS } from "~/modules/i18n/content-fields";
import { NO_FILTERS, PAGE_SIZE, TIME_BAND_MINUTES, WEEKDAY_CODES, dateRangeOf, type ListingFilters } from "~/modules/listing/filters";
import { splitCodes } from "~/modules/listing/codes";
import { sharedListingWhere } from "~/modules/listing/where.server";
import { feeOf, freeForEveryoneWhere } from "~/modules/fees/fee";
import { PUBLIC_CHECK_SELECT, publicOrNull, publicWhere } from "~/modules/publishing/visibility";
import { effectiveSort } from "~/modules/listing/url";
import { EVENT_LIST } from "./list-offer";

/** Public events with the listing filters. */
async function eventWhere(filters: ListingFilters, locale: string): Promise<Prisma.EventWhereInput> {
  const { conditions } = await sharedListingWhere(filters, locale);
  const and: Prisma.EventWhereInput[] = [publicWhere("event"), ...conditions];
  if (filters.free) and.push(freeForEveryoneWhere);
  if (filters.online) and.push({ onlineUrl: { not: "" } });
  return { AND: and };
}

/** Date-level filters: weekday, time of day, places left. */
function dateWhere(filters: ListingFilters): Prisma.EventDateWhereInput[] {
  const and: Prisma.EventDateWhereInput[] = [];
  if (filters.day) and.push({ weekday: WEEKDAY_CODES.indexOf(filters.day) });
  if (filters.time) and.push({ startMinute: TIME_BAND_MINUTES[filters.time] });
  if (filters.available) {
    and.push({ status: { in: ["scheduled", "moved"] } });
    and.push({ OR: [{ capacity: null }, { registeredCount: { lt: prisma.eventDate.fields.capacity } }] });
  }
  return and;
}

const occurrenceSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  originalStartsAt: true,
  note: true,
  capacity: true,
  registeredCount: true,
  event: {
    select: {
      id: true,
      title: true,
      summary: true,
      feeKind: true,
      fee: true,
      feeFreeFor: true,
      capacity: true,
      registrationRequired: true,
      beginnerFriendly: true,
      languages: true,
      onlineUrl: true,
      area: { select: { slug: true } },
      audiences: { select: { slug: true } },
      place: { select: { id: true, name: true, ...PUBLIC_CHECK_SELECT } },
      venueName: true,
    },
  },
} satisfies Prisma.EventDateSelect;

type OccurrenceRow = Prisma.EventDateGetPayload<{ select: typeof occurrenceSelect }>;

async function toOccurrenceCards(rows: OccurrenceRow[], locale: string) {
  const events = await localize(
    "event",
    rows.map((r) => ({ id: r.event.id, title: r.event.title, summary: r.event.summary })),
    ["title", "summary"] as const,
    locale,
  );
  const places = await localize(
    "place",
    // Only a public place is named; otherwise the event's own venue text is shown.
    rows.flatMap((r) => {
      const place = publicOrNull(r.event.place);
      return place ? [{ id: place.id, name: place.name }] : [];
    }),
    ["name"] as const,
    locale,
  );
  const placeById = new Map(places.map((p) => [p.id, p]));
  return rows.map((row, i) => {
    const ev = events[i]!;
    const capacity = row.capacity ?? row.event.capacity;
    const place = row.event.place ? placeById.get(row.event.place.id) : undefined;
    return {
      dateId: row.id,
      eventId: row.event.id,
      title: ev.title,
      summary: ev.summary,
      fieldLang: ev.fieldLang,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status: row.status,
      originalStartsAt: row.originalStartsAt?.toISOString() ?? null,
      note: row.note,
      fee: feeOf(row.event),
      registrationRequired: row.event.registrationRequired,
      capacity,
      placesLeft: capacity == null ? null : Math.max(0, capacity - row.registeredCount),
      beginnerFriendly: row.event.beginnerFriendly,
      languages: splitCodes(row.event.languages),
      online: Boolean(row.event.onlineUrl),
      areaSlug: row.event.area?.slug ?? null,
      audienceSlugs: row.event.audiences.map((a) => a.slug),
      /** The public place it happens at, if any (lists that also show the place's own hours drop the duplicate). */
      placeId: place?.id ?? null,
      venue: place ? { name: place.name, lang: place.fieldLang.name ?? "ja" } : row.event.venueName ? { name: row.event.venueName, lang: "ja" } : null,
    };
  });
}

export type OccurrenceCard = Awaited<ReturnType<typeof toOccurrenceCards>>[number];

export type DateRange = { from: Date; until: Date };

/**
 * Upcoming dates. Cancelled ones stay listed, marked, so nobody travels to a date they saw elsewhere;
 * dates inside a paused stretch of a series (status "paused") are left out.
 */
async function eventDateWhere(filters: ListingFilters, locale: string, from: Date, until: Date): Promise<Prisma.EventDateWhereInput> {
  const eventFilter = await eventWhere(filters, locale);
  return { AND: [{ startsAt: { gte: from, lt: until } }, { status: { not: "paused" } }, { event: eventFilter }, ...dateWhere(filters)] };
}

/**
 * A page of upcoming dates with the total, or — with `limit` — the first `limit` dates in one query and no count
 * (feeds take up to 500 at once).
 */
export async function listEventDates(filters: ListingFilters, locale: string, range: DateRange, limit?: number) {
  const asked = dateRangeOf(filters);
  // A date range the resident asked for replaces the default window, but never reaches into the past.
  const from = asked?.from && asked.from > range.from ? asked.from : range.from;
  const until = asked ? (asked.until ?? addDays(from, 366)) : range.until;
  const where = await eventDateWhere(filters, locale, from, until);
  const sort = effectiveSort(EVENT_LIST, filters);
  const orderBy: Prisma.EventDateOrderByWithRelationInput[] =
    sort === "newest"
      ? [{ event: { publishedAt: "desc" } }, { startsAt: "asc" }, { id: "asc" }]
      : sort === "name"
        ? [{ event: { titleKana: "asc" } }, { event: { title: "asc" } }, { startsAt: "asc" }, { id: "asc" }]
        : [{ startsAt: "asc" }, { id: "asc" }];
  if (limit !== undefined) {
    const rows = await prisma.eventDate.findMany({ where, select: occurrenceSelect, orderBy, take: limit });
    return { total: rows.length, items: await toOccurrenceCards(rows, locale) };
  }
  const [total, rows] = await Promise.all([
    prisma.eventDate.count({ where }),
    prisma.eventDate.findMany({
      where,
      select: occurrenceSelect,
      orderBy,
      skip: (filters.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);
  return { total, items: await toOccurrenceCards(rows, locale) };
}

/** From now to the end of this Tokyo week (Sunday night); on Sunday evening, the coming week too. */
export function thisWeekRange(now = new Date()): DateRange {
  const weekEnd = addDays(startOfTokyoWeek(now), 7);
  const until = weekEnd.getTime() - now.getTime() < 24 * 3600 * 1000 ? addDays(weekEnd, 7) : weekEnd;
  return { from: now, until };
}

export function defaultListRange(now = new Date()): DateRange {
  return { from: now, until: addDays(startOfTokyoDay(now), 120) };
}

export async function listThisWeeksEvents(locale: string, now = new Date(), take = 8) {
  const { items } = await listEventDates(NO_FILTERS, locale, thisWeekRange(now));
  return items.filter((i) => i.status !== "cancelled").slice(0, take);
}

export async function getPublishedEvent(id: number, locale: string, now = new Date()) {
  const row = await prisma.event.findFirst({
    where: { id, ...publicWhere("event") },
    select: {
      id: true,
      title: true,
      titleKana: true,
      summary: true,
      description: true,
      venueName: true,
      venueAddress: true,
      onlineUrl: true,
      feeKind: true,
      fee: true,
      feeFreeFor: true,
      feeNote: true,
      capacity: true,
      registrationRequired: true,
      phoneRegistration: true,
      beginnerFriendly: true,
      languages: true,
      whatToBring: true,
      contactName: true,
      contactPhone: true,
      contactEmail: true,
      recurrenceRule: true,
      recurrenceStart: true,
      skipHolidays: true,
      pausedFrom: true,
      pausedUntil: true,
      area: { select: { slug: true } },
      audiences: { select: { slug: true } },
      categories: { select: { slug: true } },
      group: { select: { id: true, name: true } },
      place: { select: { id: true, name: true, address: true, showAreaOnly: true, access: true, ...PUBLIC_CHECK_SELECT } },
      dates: {
        where: { startsAt: { gte: addDays(now, -1) } },
        select: { id: true, startsAt: true, endsAt: true, status: true, originalStartsAt: true, note: true, capacity: true, registeredCount: true },
        orderBy: { startsAt: "asc" },
        take: 12,
      },
    },
  });
  if (!row) return null;
  const ev = await localizeOne("event", row, EVENT_TEXT_FIELDS, locale);
  const [group] = await localize("group", [row.group], ["name"] as const, locale);
  const publicPlace = publicOrNull(row.place);
  const [place] = publicPlace ? await localize("place", [publicPlace], ["name", "access"] as const, locale) : [];
  return {
    id: row.id,
    title: ev.title,
    titleKana: row.titleKana,
    summary: ev.summary,
    description: ev.description,
    fieldLang: ev.fieldLang,
    fee: feeOf(row),
    feeNote: ev.feeNote,
    capacity: row.capacity,
    registrationRequired: row.registrationRequired,
    phoneRegistration: row.registrationRequired && row.phoneRegistration,
    beginnerFriendly: row.beginnerFriendly,
    languages: splitCodes(row.languages),
    whatToBring: ev.whatToBring,
    onlineUrl: safeHttpUrl(row.onlineUrl),
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    isSeries: Boolean(row.recurrenceRule),
    schedule: { rule: row.recurrenceRule, skipHolidays: row.skipHolidays },
    pause:
      row.pausedFrom && row.pausedUntil && row.pausedUntil > now
        ? { from: row.pausedFrom.toISOString(), until: row.pausedUntil.toISOString() }
        : null,
    areaSlug: row.area?.slug ?? null,
    audienceSlugs: row.audiences.map((a) => a.slug),
    categorySlugs: row.categories.map((c) => c.slug),
    group: { id: group!.id, name: group!.name, lang: group!.fieldLang.name ?? "ja" },
    venue: place
      ? {
          placeId: place.id,
          name: place.name,
          lang: place.fieldLang.name ?? "ja",
          address: place.showAreaOnly ? null : place.address,
          access: place.access,
        }
      : row.venueName
        ? { placeId: null, name: row.venueName, lang: "ja", address: row.venueAddress || null, access: "" }
        : null,
    dates: row.dates
      .filter((d) => d.endsAt >= now)
      .map((d) => {
        const capacity = d.capacity ?? row.capacity;
        return {
          id: d.id,
          startsAt: d.startsAt.toISOString(),
          endsAt: d.endsAt.toISOString(),
          status: d.status,
          originalStartsAt: d.originalStartsAt?.toISOString() ?? null,
          note: d.note,
          capacity,
          placesLeft: capacity == null ? null : Math.max(0, capacity - d.registeredCount),
        };
      }),
  };
}

export type EventDetail = NonNullable<Awaited<ReturnType<typeof getPublishedEvent>>>;

/** Search results for events: the event with its next date, in the given (ranked) order, filters applied. */
export async function eventSearchCardsByIds(ids: number[], filters: ListingFilters, locale: string, now = new Date(), take = Infinity) {
  if (!ids.length) return [];
  const where = await eventWhere(filters, locale);
  const rows = await prisma.event.findMany({
    where: { AND: [where, { id: { in: ids } }] },
    select: {
      id: true,
      title: true,
      summary: true,
      area: { select: { slug: true } },
      dates: {
        where: { startsAt: { gte: now }, status: { in: ["scheduled", "moved"] } },
        select: { startsAt: true, endsAt: true },
        orderBy: { startsAt: "asc" },
        take: 1,
      },
    },
  });
  // Events with nothing ahead are no use to someone looking for what to join.
  const upcoming = rows.filter((r) => r.dates.length > 0);
  const rank = new Map(ids.map((id, i) => [id, i]));
  upcoming.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const localized = await localize("event", upcoming.slice(0, take), ["title", "summary"] as const, locale);
  return localized.map((e) => ({
    id: e.id,
    title: e.title,
    summary: e.summary,
    fieldLang: e.fieldLang,
    areaSlug: e.area?.slug ?? null,
    next: { startsAt: e.dates[0]!.startsAt.toISOString(), endsAt: e.dates[0]!.endsAt.toISOString() },
  }));
}

export const MONTH_LIMIT = 800;

/** "YYYY-MM" → the Tokyo month it names, or the current Tokyo month for anything else. */
export function parseMonth(value: string | null, now = new Date()): { year: number; month: number } {
  const m = value ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  const year = m ? Number(m[1]) : tokyoParts(now).year;
  const month = m ? Number(m[2]) : tokyoParts(now).month;
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return { year: tokyoParts(now).year, month: tokyoParts(now).month };
  return { year, month };
}

/** Every date of a Tokyo month (past days too: it is a calendar), with the listing filters, for the month view. */
export async function listMonthEventDates(filters: ListingFilters, locale: string, year: number, month: number) {
  const from = fromTokyo(year, month, 1);
  const until = month === 12 ? fromTokyo(year + 1, 1, 1) : fromTokyo(year, month + 1, 1);
  const where = await eventDateWhere(filters, locale, from, until);
  const rows = await prisma.eventDate.findMany({ where, select: occurrenceSelect, orderBy: [{ startsAt: "asc" }, { id: "asc" }], take: MONTH_LIMIT });
  return toOccurrenceCards(rows, locale);
}

/** Other upcoming events on the same topics: "you might also like". */
export async function listRelatedEvents(event: { id: number; categorySlugs: string[] }, locale: string, now = new Date(), take = 3) {
  if (!event.categorySlugs.length) return [];
  const rows = await prisma.eventDate.findMany({
    where: {
      startsAt: { gte: now },
      status: { in: ["scheduled", "moved"] },
      event: { ...publicWhere("event"), id: { not: event.id }, categories: { some: { slug: { in: event.categorySlugs } } } },
    },
    select: { startsAt: true, endsAt: true, event: { select: { id: true, title: true } } },
    orderBy: { startsAt: "asc" },
    take: 30,
  });
  const seen = new Set<number>();
  const unique = rows.filter((r) => (seen.has(r.event.id) ? false : (seen.add(r.event.id), true))).slice(0, take);
  const localized = await localize("event", unique.map((r) => ({ ...r.event, startsAt: r.startsAt, endsAt: r.endsAt })), ["title"] as const, locale);
  return localized.map((e) => ({ id: e.id, title: e.title, lang: e.fieldLang.title ?? "ja", startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString() }));
}
