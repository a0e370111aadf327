import type { TFunction } from "i18next";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { splitCodes } from "~/modules/listing/codes";
import { sharedListingWhere } from "~/modules/listing/where.server";
import { localize, localizeOne } from "~/modules/i18n/localize.server";
import { PLACE_TEXT_FIELDS } from "~/modules/i18n/content-fields";
import { expandSchedule, nextOccurrences } from "~/modules/schedule/recurrence";
import { describeSchedule } from "~/modules/schedule/describe";
import { fromTokyo } from "~/utils/dates";
import { PAGE_SIZE, TIME_BAND_MINUTES, type ListingFilters } from "~/modules/listing/filters";
import { areasByDistance, getTaxonomy, findBySlug } from "~/modules/taxonomy/taxonomy.server";
import { safeHttpUrl } from "~/utils/url";
import { publicWhere } from "~/modules/publishing/visibility";
import { effectiveSort } from "~/modules/listing/url";
import { PLACE_LIST } from "./list-offer";
import { feeOf, freeForEveryoneWhere } from "~/modules/fees/fee";

/** The public filter → Prisma where, with the public rule always applied. */
async function placeWhere(filters: ListingFilters, locale: string): Promise<Prisma.PlaceWhereInput> {
  const { taxonomy: tax, conditions } = await sharedListingWhere(filters, locale);
  const and: Prisma.PlaceWhereInput[] = [publicWhere("place"), ...conditions];
  const type = findBySlug(tax.placeTypes, filters.type ?? null);
  if (type) and.push({ typeId: type.id });
  if (filters.free) and.push(freeForEveryoneWhere);
  if (filters.barrierFree) and.push({ wheelchairAccess: true });
  if (filters.day) and.push({ scheduleDays: { contains: `,${filters.day},` } });
  if (filters.time) and.push({ scheduleMinute: TIME_BAND_MINUTES[filters.time] });
  return { AND: and };
}

const cardSelect = {
  id: true,
  name: true,
  nameKana: true,
  summary: true,
  feeKind: true,
  fee: true,
  feeFreeFor: true,
  languages: true,
  beginnerFriendly: true,
  wheelchairAccess: true,
  mealsProvided: true,
  bookingRequired: true,
  scheduleRule: true,
  scheduleStart: true,
  scheduleEnd: true,
  skipHolidays: true,
  lastConfirmedAt: true,
  type: { select: { slug: true } },
  area: { select: { slug: true } },
  audiences: { select: { slug: true } },
} satisfies Prisma.PlaceSelect;

type CardRow = Prisma.PlaceGetPayload<{ select: typeof cardSelect }>;

function toCard(row: CardRow & { fieldLang: Record<string, string> }, now: Date) {
  const schedule = {
    rule: row.scheduleRule,
    startTime: row.scheduleStart,
    endTime: row.scheduleEnd,
    skipHolidays: row.skipHolidays,
  };
  return {
    id: row.id,
    name: row.name,
    nameKana: row.nameKana,
    summary: row.summary,
    fieldLang: row.fieldLang,
    fee: feeOf(row),
    languages: splitCodes(row.languages),
    beginnerFriendly: row.beginnerFriendly,
    wheelchairAccess: row.wheelchairAccess,
    mealsProvided: row.mealsProvided,
    bookingRequired: row.bookingRequired,
    typeSlug: row.type.slug,
    areaSlug: row.area?.slug ?? null,
    audienceSlugs: row.audiences.map((a) => a.slug),
    schedule,
    nextDates: nextOccurrences(schedule, now, 2).map((o) => ({ startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
  };
}

export type PlaceCard = ReturnType<typeof toCard>;

/**
 * Cards with their regular schedule in words (「毎週 水曜日 10:00〜12:00」), for PlaceCardView. Worked out by the
 * loader in the reader's language rather than by the card in the browser: the home page and the places list then
 * do not ship the RRULE reading of schedule/describe.ts to every visitor. Kept out of the cached cards, which are
 * shared by loaders that do not show the sentence.
 */
export function withScheduleText<T extends PlaceCard>(cards: readonly T[], t: TFunction): (T & { scheduleText: string })[] {
  return cards.map((card) => ({ ...card, scheduleText: card.schedule.rule ? describeSchedule(card.schedule, t) : "" }));
}

/** At most this many places are read for a month's open days (a printed list, not a page of results). */
export const MONTH_PLACE_LIMIT = 300;

/**
 * The days the public places matching `filters` are open in a Tokyo month, from their regular schedules, in date
 * order: the printed monthly list of an area. Places without a schedule ("ask for dates") have no days.
 */
export async function listMonthPlaceDays(filters: ListingFilters, locale: string, year: number, month: number) {
  const from = fromTokyo(year, month, 1);
  const until = month === 12 ? fromTokyo(year + 1, 1, 1) : fromTokyo(year, month + 1, 1);
  const where = await placeWhere(filters, locale);
  const rows = await prisma.place.findMany({ where, select: cardSelect, orderBy: [{ nameKana: "asc" }, { id: "asc" }], take: MONTH_PLACE_LIMIT });
  const localized = await localize("place", rows.filter((r) => r.scheduleRule), ["name"] as const, locale);
  const days = localized.flatMap((r) => {
    const card = toCard(r, from);
    return expandSchedule(card.schedule, from, until).map((o) => ({
      placeId: card.id,
      name: card.name,
      lang: card.fieldLang.name ?? "ja",
      bookingRequired: card.bookingRequired,
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
    }));
  });
  return days.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

export async function listPublishedPlaces(filters: ListingFilters, locale: string, now = new Date()) {
  const where = await placeWhere(filters, locale);
  const sort = effectiveSort(PLACE_LIST, filters);
  if (sort === "near" && filters.near) {
    // Nearest areas first: order the matching ids in memory (a few thousand small rows at most), then page.
    const order = areasByDistance((await getTaxonomy(locale)).areas, filters.near);
    const rank = new Map(order.map((slug, i) => [slug, i]));
    const all = await prisma.place.findMany({ where, select: { id: true, nameKana: true, area: { select: { slug: true } } } });
    all.sort((a, b) => (rank.get(a.area?.slug ?? "") ?? 99) - (rank.get(b.area?.slug ?? "") ?? 99) || a.nameKana.localeCompare(b.nameKana, "ja"));
    const pageIds = all.slice((filters.page - 1) * PAGE_SIZE, filters.page * PAGE_SIZE).map((p) => p.id);
    return { total: all.length, items: await placeCardsByIds(pageIds, filters, locale, now) };
  }
  const orderBy: Prisma.PlaceOrderByWithRelationInput[] =
    sort === "newest" ? [{ publishedAt: "desc" }, { id: "desc" }] : [{ nameKana: "asc" }, { id: "asc" }];
  const [total, rows] = await Promise.all([
    prisma.place.count({ where }),
    prisma.place.findMany({ where, select: cardSelect, orderBy, skip: (filters.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  const localized = await localize("place", rows, ["name", "summary"] as const, locale);
  return { total, items: localized.map((r) => toCard(r, now)) };
}

/** Recently confirmed places for the home page, spread across types. */
export async function listFeaturedPlaces(locale: string, count = 6, now = new Date()) {
  const rows = await prisma.place.findMany({
    where: publicWhere("place"),
    select: cardSelect,
    orderBy: [{ lastConfirmedAt: "desc" }, { id: "asc" }],
    take: 40,
  });
  const seenTypes = new Set<string>();
  const picked: CardRow[] = [];
  for (const row of rows) {
    if (picked.length >= count) break;
    if (seenTypes.has(row.type.slug)) continue;
    seenTypes.add(row.type.slug);
    picked.push(row);
  }
  for (const row of rows) {
    if (picked.length >= count) break;
    if (!picked.includes(row)) picked.push(row);
  }
  const localized = await localize("place", picked, ["name", "summary"] as const, locale);
  return localized.map((r) => toCard(r, now));
}

const detailSelect = {
  ...cardSelect,
  description: true,
  address: true,
  showAreaOnly: true,
  lat: true,
  lng: true,
  access: true,
  parking: true,
  feeNote: true,
  bookingNote: true,
  transportOffered: true,
  accessibleToilet: true,
  barrierFreeNote: true,
  whatToBring: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  website: true,
  scheduleNote: true,
  updatedAt: true,
  group: { select: { id: true, name: true } },
  categories: { select: { slug: true } },
} satisfies Prisma.PlaceSelect;

/** A published place for its public page; null when missing or not public (the route answers 404 either way). */
export async function getPublishedPlace(id: number, locale: string, now = new Date()) {
  const row = await prisma.place.findFirst({
    where: { id, ...publicWhere("place") },
    select: detailSelect,
  });
  if (!row) return null;
  const place = await localizeOne(
    "place",
    row,
    PLACE_TEXT_FIELDS,
    locale,
  );
  const [group] = await localize("group", [row.group], ["name"] as const, locale);
  const card = toCard(place, now);
  const photos = await prisma.photo.findMany({
    where: { entityType: "place", entityId: id },
    select: { fileName: true, width: true, height: true, alt: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  const upcoming = await prisma.eventDate.findMany({
    // Only public events: an event of a suspended group (or a draft) never shows through its place's page.
    // One filter on the event (public and held here), so SQLite starts from the place's few events (Event.placeId).
    where: { startsAt: { gte: now }, status: { not: "cancelled" }, event: { ...publicWhere("event"), placeId: id } },
    select: { id: true, startsAt: true, endsAt: true, event: { select: { id: true, title: true } } },
    orderBy: { startsAt: "asc" },
    take: 5,
  });
  return {
    ...card,
    nextDates: nextOccurrences(card.schedule, now, 5).map((o) => ({ startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
    description: place.description,
    // Stigma-sensitive places never send their address or exact position to the browser.
    address: row.showAreaOnly ? null : row.address,
    lat: row.showAreaOnly ? null : row.lat,
    lng: row.showAreaOnly ? null : row.lng,
    showAreaOnly: row.showAreaOnly,
    access: place.access,
    parking: place.parking,
    feeNote: place.feeNote,
    bookingNote: place.bookingNote,
    transportOffered: row.transportOffered,
    accessibleToilet: row.accessibleToilet,
    barrierFreeNote: place.barrierFreeNote,
    whatToBring: place.whatToBring,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    website: safeHttpUrl(row.website),
    scheduleNote: place.scheduleNote,
    lastConfirmedAt: row.lastConfirmedAt?.toISOString() ?? null,
    categorySlugs: row.categories.map((c) => c.slug),
    // Shown at most 320 px on the longer side (fits a phone screen), full file for high-density screens.
    photos: photos.map((p) => {
      const scale = Math.min(1, 320 / Math.max(p.width, p.height, 1));
      return { src: `/photos/${p.fileName}`, alt: p.alt, displayWidth: Math.round(p.width * scale), displayHeight: Math.round(p.height * scale) };
    }),
    group: { id: group!.id, name: group!.name, lang: group!.fieldLang.name ?? "ja" },
    events: (await localize("event", upcoming.map((u) => ({ ...u.event, dateId: u.id, startsAt: u.startsAt, endsAt: u.endsAt })), ["title"] as const, locale)).map((e) => ({
      id: e.id,
      title: e.title,
      lang: e.fieldLang.title ?? "ja",
      startsAt: e.startsAt.toISOString(),
      endsAt: e.endsAt.toISOString(),
    })),
  };
}

export type PlaceDetail = NonNullable<Awaited<ReturnType<typeof getPublishedPlace>>>;

/** Cards for the given place ids, kept in the given (ranked) order, with the listing filters applied. */
export async function placeCardsByIds(ids: number[], filters: ListingFilters, locale: string, now = new Date(), take = Infinity) {
  if (!ids.length) return [];
  const where = await placeWhere(filters, locale);
  const rows = await prisma.place.findMany({ where: { AND: [where, { id: { in: ids } }] }, select: cardSelect });
  const rank = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  // Cards (next dates, translations) only for the rows that will be shown.
  const localized = await localize("place", rows.slice(0, take), ["name", "summary"] as const, locale);
  return localized.map((r) => toCard(r, now));
}

export const MAP_POINT_LIMIT = 1000;

/**
 * Points for the map of the places matching `filters`. An "area only" place is placed at its area's centre and
 * flagged, so the browser never receives its real position.
 */
export async function listPlaceMapPoints(filters: ListingFilters, locale: string) {
  const where = await placeWhere(filters, locale);
  const rows = await prisma.place.findMany({
    where,
    select: { id: true, name: true, lat: true, lng: true, showAreaOnly: true, area: { select: { lat: true, lng: true } } },
    orderBy: { id: "asc" },
    take: MAP_POINT_LIMIT,
  });
  const localized = await localize("place", rows, ["name"] as const, locale);
  return localized.flatMap((p) => {
    const lat = p.showAreaOnly ? p.area?.lat : p.lat;
    const lng = p.showAreaOnly ? p.area?.lng : p.lng;
    if (lat == null || lng == null) return [];
    return [{ id: p.id, name: p.name, lat, lng, href: `/places/${p.id}`, areaOnly: p.showAreaOnly }];
  });
}

/** Other places of the same kind, nearest area first: "you might also like". */
export async function listRelatedPlaces(place: { id: number; typeSlug: string; areaSlug: string | null }, locale: string, take = 3) {
  const rows = await prisma.place.findMany({
    where: { ...publicWhere("place"), id: { not: place.id }, type: { slug: place.typeSlug } },
    select: { id: true, name: true, area: { select: { slug: true } } },
    take: 50,
  });
  const order = place.areaSlug ? areasByDistance((await getTaxonomy(locale)).areas, place.areaSlug) : [];
  const rank = (slug?: string) => (slug ? order.indexOf(slug) : 99);
  rows.sort((a, b) => rank(a.area?.slug) - rank(b.area?.slug) || a.id - b.id);
  const localized = await localize("place", rows.slice(0, take), ["name"] as const, locale);
  return localized.map((p) => ({ id: p.id, name: p.name, lang: p.fieldLang.name ?? "ja", areaSlug: p.area?.slug ?? null }));
}

/** The area of the chosen place when the organiser left the area blank, so area filters still find the event or opening. */
export async function areaOrPlaceArea(groupId: number, areaId: number | null, placeId: number | null) {
  if (areaId || !placeId) return areaId;
  const place = await prisma.place.findFirst({ where: { id: placeId, groupId }, select: { areaId: true } });
  return place?.areaId ?? null;
}
