import { Feed } from "feed";
import type { TFunction } from "i18next";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { formatRange } from "~/utils/dates";
import { DEFAULT_LOCALE } from "~/modules/i18n/config";
import { serverI18n } from "~/modules/i18n/i18next.server";
import type { ListingFilters } from "~/modules/listing/filters";
import { findBySlug, getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { localize } from "~/modules/i18n/localize.server";
import { googleCalendarUrl, icsCalendar, originHost, type IcsEvent } from "~/modules/calendar/ics.server";
import { PUBLIC_CHECK_SELECT, publicOrNull, publicWhere } from "~/modules/publishing/visibility";
import { defaultListRange, getPublishedEvent, listEventDates, type EventDetail } from "./queries.server";

// Calendar (iCalendar) and RSS output of the events list, for calendar apps and feed readers (plan Ⅰ-3 ⑰).
// Which dates appear is decided by listEventDates and getPublishedEvent, so a feed never shows what the
// site would not: only public events (publishing/visibility.ts), dates in a paused stretch left out.

/** Enough for four months of a busy city; a feed reader is not the place for more. */
export const FEED_DATE_CAP = 500;

/** The /events filters a feed carries; page and sort order are not (a feed always starts at the next date). */
const FEED_FILTER_KEYS = ["area", "category", "audience", "language", "day", "time", "from", "to", "beginner", "free", "available", "online"] as const;

type FeedDate = {
  dateId: number;
  eventId: number;
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  location: string;
  publishedAt: Date;
};

/** Stable per EventDate, so a calendar app updates (or cancels) the entry it already has instead of adding another. */
export function eventDateUid(dateId: number) {
  return `eventdate-${dateId}@${originHost()}`;
}

export function eventUrl(eventId: number) {
  return `${getEnv().APP_ORIGIN}/events/${eventId}`;
}

/** Query string carrying the list's filters (and a non-default language), for subscribe links and the feeds' own links. */
export function feedQuery(filters: ListingFilters, locale: string) {
  const params = new URLSearchParams();
  for (const key of FEED_FILTER_KEYS) {
    const value = filters[key];
    if (typeof value === "string" && value) params.set(key, value);
    else if (value === true) params.set(key, "1");
  }
  if (locale !== DEFAULT_LOCALE) params.set("lng", locale);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

/** Absolute URLs of the calendar and RSS feeds for a filtered /events list. */
export function eventFeedLinks(filters: ListingFilters, locale: string) {
  const origin = getEnv().APP_ORIGIN;
  const qs = feedQuery(filters, locale);
  const ics = `${origin}/feeds/events.ics${qs}`;
  // webcal:// asks the device's calendar app to subscribe (and refresh) rather than import once.
  return { ics, webcal: ics.replace(/^https?:/, "webcal:"), rss: `${origin}/feeds/events.rss${qs}` };
}

type Venue = { name: string; address: string | null } | null;

/**
 * Where, as one line for calendar apps. A place that shows only its area (e.g. a こども食堂) gives its area,
 * never its address: the same rule as the event page.
 */
function describeLocation(venue: Venue, areaName: string | undefined, online: boolean, t: TFunction) {
  const parts: string[] = [];
  if (venue) {
    parts.push(venue.name);
    if (venue.address) parts.push(venue.address);
    else if (areaName) parts.push(areaName);
  } else {
    if (online) parts.push(t("event.online"));
    if (areaName) parts.push(areaName);
  }
  return parts.filter(Boolean).join(", ");
}

/** RSS readers treat <description> as HTML; summaries are plain text written by groups. */
function plainTextAsHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

async function translatorFor(locale: string) {
  return serverI18n.getFixedT(locale, "common");
}

async function collectFeedDates(filters: ListingFilters, locale: string, now: Date, t: TFunction): Promise<FeedDate[]> {
  const range = defaultListRange(now);
  // One query for the whole feed (soonest first), with the same visibility rules as the /events list.
  const { items: dates } = await listEventDates({ ...filters, sort: undefined, near: undefined, page: 1 }, locale, range, FEED_DATE_CAP);
  if (!dates.length) return [];

  // Venue details the list cards leave out (the address, and whether the place hides it), for the events shown only.
  const eventIds = [...new Set(dates.map((d) => d.eventId))];
  const events = await prisma.event.findMany({
    // The public rule again, not only the ids: the dates above came from the same rule, and this must never widen it.
    where: { id: { in: eventIds }, ...publicWhere("event") },
    select: {
      id: true,
      venueName: true,
      venueAddress: true,
      publishedAt: true,
      createdAt: true,
      place: { select: { id: true, name: true, address: true, showAreaOnly: true, ...PUBLIC_CHECK_SELECT } },
    },
  });
  const publicPlaces = events.flatMap((e) => {
    const place = publicOrNull(e.place);
    return place ? [place] : [];
  });
  const placeNames = new Map((await localize("place", publicPlaces, ["name"] as const, locale)).map((p) => [p.id, p.name]));
  const tax = await getTaxonomy(locale);
  const venueOf = new Map<number, { venue: Venue; publishedAt: Date }>(
    events.map((e) => {
      const place = publicOrNull(e.place);
      const venue: Venue = place
        ? { name: placeNames.get(place.id) ?? place.name, address: place.showAreaOnly ? null : place.address || null }
        : e.venueName
          ? { name: e.venueName, address: e.venueAddress || null }
          : null;
      return [e.id, { venue, publishedAt: e.publishedAt ?? e.createdAt }];
    }),
  );

  return dates.flatMap((d) => {
    const info = venueOf.get(d.eventId);
    if (!info) return [];
    return [
      {
        dateId: d.dateId,
        eventId: d.eventId,
        title: d.title,
        summary: d.summary,
        startsAt: new Date(d.startsAt),
        endsAt: new Date(d.endsAt),
        cancelled: d.status === "cancelled",
        location: describeLocation(info.venue, findBySlug(tax.areas, d.areaSlug)?.name, d.online, t),
        publishedAt: info.publishedAt,
      },
    ];
  });
}

function toIcsEvent(d: FeedDate, t: TFunction): IcsEvent {
  return {
    uid: eventDateUid(d.dateId),
    // Calendar apps differ in how they show STATUS:CANCELLED; the title says it too.
    title: d.cancelled ? t("feeds.cancelledTitle", { title: d.title }) : d.title,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    description: d.summary || undefined,
    location: d.location || undefined,
    url: eventUrl(d.eventId),
    status: d.cancelled ? "CANCELLED" : "CONFIRMED",
  };
}

function renderIcs(dates: FeedDate[], calName: string, locale: string, t: TFunction) {
  return icsCalendar(
    { productId: `-//Tsunagu//${originHost()}//${locale.toUpperCase()}`, calName },
    dates.map((d) => toIcsEvent(d, t)),
  );
}

/** iCalendar of the upcoming dates of the /events list with its filters (a calendar app subscribes to this). */
export async function buildEventsIcs(filters: ListingFilters, locale: string, now = new Date()) {
  const t = await translatorFor(locale);
  const dates = await collectFeedDates(filters, locale, now, t);
  return renderIcs(dates, t("feeds.calendarName", { site: t("site.name") }), locale, t);
}

/** RSS 2.0 of the same dates, one item per date, newest-published first as readers expect. */
export async function buildEventsRss(filters: ListingFilters, locale: string, now = new Date()) {
  const t = await translatorFor(locale);
  const dates = await collectFeedDates(filters, locale, now, t);
  const origin = getEnv().APP_ORIGIN;
  const qs = feedQuery(filters, locale);
  const feed = new Feed({
    title: t("feeds.rssTitle", { site: t("site.name") }),
    description: t("events.lead"),
    id: `${origin}/events${qs}`,
    link: `${origin}/events${qs}`,
    language: locale,
    updated: now,
    generator: "Tsunagu",
    ttl: 5,
    feedLinks: { rss: `${origin}/feeds/events.rss${qs}` },
  });
  for (const d of dates) {
    const title = d.cancelled ? t("feeds.cancelledTitle", { title: d.title }) : d.title;
    feed.addItem({
      title: t("feeds.itemTitle", { title, when: formatRange(d.startsAt, d.endsAt, locale) }),
      id: eventDateUid(d.dateId),
      guid: eventDateUid(d.dateId),
      link: eventUrl(d.eventId),
      date: d.publishedAt,
      description: d.summary ? plainTextAsHtml(d.summary) : undefined,
    });
  }
  return feed.rss2();
}

function detailLocation(event: EventDetail, areaName: string | undefined, t: TFunction) {
  // getPublishedEvent already drops the address of a place that shows only its area.
  return describeLocation(event.venue ? { name: event.venue.name, address: event.venue.address } : null, areaName, Boolean(event.onlineUrl), t);
}

/**
 * iCalendar of one published event: its next dates, or only `dateId` (one of its dates). Null when the event is
 * not public or the date is not one of its (the route answers 404 for both).
 */
export async function buildEventDateIcs(eventId: number, dateId: number | undefined, locale: string, now = new Date()) {
  const event = await getPublishedEvent(eventId, locale, now);
  if (!event) return null;
  const t = await translatorFor(locale);
  let rows: { id: number; startsAt: Date; endsAt: Date; status: string }[];
  if (dateId !== undefined) {
    const row = await prisma.eventDate.findFirst({
      where: { id: dateId, eventId: event.id, status: { not: "paused" } },
      select: { id: true, startsAt: true, endsAt: true, status: true },
    });
    if (!row) return null;
    rows = [row];
  } else {
    rows = event.dates
      .filter((d) => d.status !== "paused")
      .map((d) => ({ id: d.id, startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt), status: d.status }));
  }
  const tax = await getTaxonomy(locale);
  const location = detailLocation(event, findBySlug(tax.areas, event.areaSlug)?.name, t);
  const dates: FeedDate[] = rows.map((r) => ({
    dateId: r.id,
    eventId: event.id,
    title: event.title,
    summary: event.summary,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    cancelled: r.status === "cancelled",
    location,
    publishedAt: now,
  }));
  return { filename: dateId ? `event-${event.id}-${dateId}.ics` : `event-${event.id}.ics`, body: renderIcs(dates, event.title, locale, t) };
}

/** Per upcoming date of an event page: the one-date .ics download and a Google Calendar template link. */
export async function calendarLinksForEvent(event: EventDetail, locale: string) {
  const t = await translatorFor(locale);
  const tax = await getTaxonomy(locale);
  const location = detailLocation(event, findBySlug(tax.areas, event.areaSlug)?.name, t);
  const url = eventUrl(event.id);
  const details = [event.summary, url].filter(Boolean).join("\n\n");
  return event.dates
    .filter((d) => d.status === "scheduled" || d.status === "moved")
    .map((d) => {
      return {
        dateId: d.id,
        ics: `/events/${event.id}/calendar.ics?date=${d.id}`,
        google: googleCalendarUrl({ title: event.title, startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt), details, location }),
      };
    });
}
