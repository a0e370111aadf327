import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { localize, localizeOne } from "~/modules/i18n/localize.server";
import { OPENING_TEXT_FIELDS } from "~/modules/i18n/content-fields";
import { PAGE_SIZE, TIME_BAND_MINUTES, WEEKDAY_CODES, dateRangeOf, type ListingFilters } from "~/modules/listing/filters";
import { splitCodes } from "~/modules/listing/codes";
import { sharedListingWhere } from "~/modules/listing/where.server";
import { PUBLIC_CHECK_SELECT, publicOrNull, publicWhere } from "~/modules/publishing/visibility";
import { PARTICIPATION_MODES } from "./constants";
import { effectiveSort } from "~/modules/listing/url";
import { OPENING_LIST } from "./list-offer";

/** Public openings with the listing filters. */
async function openingWhere(filters: ListingFilters & { mode?: string }, locale: string): Promise<Prisma.OpeningWhereInput> {
  const { conditions } = await sharedListingWhere(filters, locale);
  const and: Prisma.OpeningWhereInput[] = [publicWhere("opening"), ...conditions];
  if (filters.mode && (PARTICIPATION_MODES as readonly string[]).includes(filters.mode)) and.push({ participationMode: filters.mode });
  if (filters.online) and.push({ participationMode: { in: ["online", "at-home"] } });
  const shift: Prisma.ShiftWhereInput[] = [];
  if (filters.day) shift.push({ weekday: WEEKDAY_CODES.indexOf(filters.day) });
  if (filters.time) shift.push({ startMinute: TIME_BAND_MINUTES[filters.time] });
  const range = dateRangeOf(filters);
  if (range) shift.push({ startsAt: { ...(range.from ? { gte: range.from } : {}), ...(range.until ? { lt: range.until } : {}) } });
  if (filters.available) shift.push({ OR: [{ slots: null }, { acceptedCount: { lt: prisma.shift.fields.slots } }] });
  // Ongoing openings (one open-ended shift) fit any day, time or date a resident asks for.
  if (shift.length) and.push({ OR: [{ ongoing: true }, { shifts: { some: { AND: [{ status: "open" }, { startsAt: { gte: new Date() } }, ...shift] } } }] });
  return { AND: and };
}

const cardSelect = {
  id: true,
  title: true,
  summary: true,
  participationMode: true,
  beginnerFriendly: true,
  schoolFriendly: true,
  ongoing: true,
  minAge: true,
  languages: true,
  applyBy: true,
  area: { select: { slug: true } },
  group: { select: { id: true, name: true } },
} satisfies Prisma.OpeningSelect;

type CardRow = Prisma.OpeningGetPayload<{ select: typeof cardSelect }>;

async function toCards(rows: CardRow[], locale: string, now: Date) {
  const localized = await localize("opening", rows, ["title", "summary"] as const, locale);
  // One query for the next open shift of every opening on the page.
  const shifts = await prisma.shift.findMany({
    where: { openingId: { in: rows.map((r) => r.id) }, status: "open", OR: [{ startsAt: { gte: now } }, { endsAt: null }] },
    select: { openingId: true, startsAt: true, endsAt: true, slots: true, acceptedCount: true },
    orderBy: { startsAt: "asc" },
  });
  const byOpening = new Map<number, typeof shifts>();
  for (const s of shifts) byOpening.set(s.openingId, [...(byOpening.get(s.openingId) ?? []), s]);
  return localized.map((row) => {
    const own = byOpening.get(row.id) ?? [];
    const next = own.find((s) => s.endsAt !== null) ?? null;
    const slotsLeft = own.reduce<number | null>(
      (sum, s) => (s.slots == null || sum == null ? null : sum + Math.max(0, s.slots - s.acceptedCount)),
      own.length ? 0 : null,
    );
    return {
      id: row.id,
      title: row.title,
      summary: row.summary,
      fieldLang: row.fieldLang,
      mode: row.participationMode,
      beginnerFriendly: row.beginnerFriendly,
      schoolFriendly: row.schoolFriendly,
      ongoing: row.ongoing,
      minAge: row.minAge,
      languages: splitCodes(row.languages),
      applyBy: row.applyBy?.toISOString() ?? null,
      areaSlug: row.area?.slug ?? null,
      groupName: row.group.name,
      nextShift: next ? { startsAt: next.startsAt.toISOString(), endsAt: next.endsAt?.toISOString() ?? null } : null,
      shiftCount: own.filter((s) => s.endsAt !== null).length,
      slotsLeft,
    };
  });
}

export type OpeningCard = Awaited<ReturnType<typeof toCards>>[number];

export async function listPublishedOpenings(filters: ListingFilters & { mode?: string }, locale: string, now = new Date()) {
  const where = await openingWhere(filters, locale);
  const sort = effectiveSort(OPENING_LIST, filters);
  if (sort === "soonest") {
    // The next open shift of each matching opening, in one grouped query; the order is made in memory (the public
    // openings are a few thousand small rows at most), then one page of cards is read.
    const [all, next] = await Promise.all([
      prisma.opening.findMany({ where, select: { id: true }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }] }),
      // Every opening's first coming shift, read along the shifts' date index without joining the openings: only
      // the ids of `all` (the openings that match) are looked up in it, so the filters need not be applied twice.
      prisma.shift.groupBy({
        by: ["openingId"],
        where: { status: "open", startsAt: { gte: now }, endsAt: { not: null } },
        _min: { startsAt: true },
      }),
    ]);
    const firstShift = new Map(next.map((n) => [n.openingId, n._min.startsAt!.getTime()]));
    // Openings with a dated shift by that date; ongoing ones (no date to keep) after them, newest first.
    const ids = all
      .map((o, i) => ({ id: o.id, at: firstShift.get(o.id) ?? Infinity, i }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((o) => o.id);
    const pageIds = ids.slice((filters.page - 1) * PAGE_SIZE, filters.page * PAGE_SIZE);
    return { total: ids.length, items: await openingCardsByIds(pageIds, filters, locale, now) };
  }
  const orderBy: Prisma.OpeningOrderByWithRelationInput[] =
    sort === "name" ? [{ titleKana: "asc" }, { title: "asc" }, { id: "asc" }] : [{ publishedAt: "desc" }, { id: "desc" }];
  const [total, rows] = await Promise.all([
    prisma.opening.count({ where }),
    prisma.opening.findMany({
      where,
      select: cardSelect,
      orderBy,
      skip: (filters.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);
  return { total, items: await toCards(rows, locale, now) };
}

export async function getPublishedOpening(id: number, locale: string, now = new Date()) {
  const row = await prisma.opening.findFirst({
    where: { id, ...publicWhere("opening") },
    select: {
      ...cardSelect,
      titleKana: true,
      description: true,
      purpose: true,
      venueName: true,
      venueAddress: true,
      skills: true,
      insuranceRequired: true,
      needsApproval: true,
      whatToBring: true,
      contactName: true,
      contactPhone: true,
      contactEmail: true,
      categories: { select: { slug: true } },
      audiences: { select: { slug: true } },
      place: { select: { id: true, name: true, address: true, showAreaOnly: true, ...PUBLIC_CHECK_SELECT } },
      shifts: {
        where: { OR: [{ startsAt: { gte: now } }, { endsAt: null }] },
        select: { id: true, startsAt: true, endsAt: true, slots: true, acceptedCount: true, status: true, note: true },
        orderBy: { startsAt: "asc" },
        take: 30,
      },
    },
  });
  if (!row) return null;
  const o = await localizeOne("opening", row, OPENING_TEXT_FIELDS, locale);
  const [group] = await localize("group", [row.group], ["name"] as const, locale);
  const publicPlace = publicOrNull(row.place);
  const [place] = publicPlace ? await localize("place", [publicPlace], ["name"] as const, locale) : [];
  return {
    id: row.id,
    title: o.title,
    summary: o.summary,
    description: o.description,
    purpose: o.purpose,
    fieldLang: o.fieldLang,
    mode: row.participationMode,
    skills: o.skills.split("、").map((s) => s.trim()).filter(Boolean),
    minAge: row.minAge,
    insuranceRequired: row.insuranceRequired,
    needsApproval: row.needsApproval,
    beginnerFriendly: row.beginnerFriendly,
    schoolFriendly: row.schoolFriendly,
    ongoing: row.ongoing,
    languages: splitCodes(row.languages),
    whatToBring: o.whatToBring,
    applyBy: row.applyBy?.toISOString() ?? null,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    areaSlug: row.area?.slug ?? null,
    categorySlugs: row.categories.map((c) => c.slug),
    audienceSlugs: row.audiences.map((a) => a.slug),
    group: { id: group!.id, name: group!.name, lang: group!.fieldLang.name ?? "ja" },
    venue: place
      ? { placeId: place.id, name: place.name, lang: place.fieldLang.name ?? "ja", address: place.showAreaOnly ? null : place.address }
      : row.venueName
        ? { placeId: null, name: row.venueName, lang: "ja", address: row.venueAddress || null }
        : null,
    shifts: row.shifts.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt?.toISOString() ?? null,
      slots: s.slots,
      slotsLeft: s.slots == null ? null : Math.max(0, s.slots - s.acceptedCount),
      status: s.status,
      note: s.note,
    })),
  };
}

/** Cards for the given opening ids, in the given (ranked) order, with the listing filters applied. */
export async function openingCardsByIds(ids: number[], filters: ListingFilters & { mode?: string }, locale: string, now = new Date(), take = Infinity) {
  if (!ids.length) return [];
  const where = await openingWhere(filters, locale);
  const rows = await prisma.opening.findMany({ where: { AND: [where, { id: { in: ids } }] }, select: cardSelect });
  const rank = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return toCards(rows.slice(0, take), locale, now);
}
