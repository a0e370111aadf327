import { prisma } from "~/utils/db.server";
import { fromTokyo, tokyoParts } from "~/utils/dates";
import { ITEM_STATUS } from "~/modules/publishing/visibility";
import { FIGURE_MEASURES, NO_AREA, type FigureId } from "./plan";

// The figures of the staff dashboard (地域福祉計画 ⑥–⑰, PDCA): each one counted per month of a fiscal year
// (April–March, the council's reporting year) and per area (地域支え合い協議会). Every figure says which plan
// measure it evidences, so the yearly report to the 地域福祉審議会 can be read measure by measure.
//
// Counting rules, chosen to be explainable to a committee in one sentence each:
// - a person belongs to the area of their profile (blank: "no area"); an activity to the area of its item;
// - an activity belongs to the month its shift or date starts in (Tokyo), an account to the month it was made;
// - withdrawn, declined and waitlisted participation is never counted as participation;
// - nothing is counted from the future: a date later than `now` is not "held".
//
// Figures are computed in the application from one query per figure: a city's year is tens of thousands of rows,
// far below what needs SQL-side aggregation, and the same code then runs on SQLite and PostgreSQL alike.

// The figures' names and the measures they evidence live in ./plan (the page uses them too).
export { FIGURE_MEASURES, NO_AREA, type FigureId } from "./plan";

export type Figure = {
  id: FigureId;
  /** "count": things that happened (the year's figure is the sum); "stock": what there was (the latest month). */
  kind: "count" | "stock";
  measures: number[];
  /** One number per month, April first. */
  byMonth: number[];
  /** Area slug (or NO_AREA) → the year's total there. */
  byArea: Record<string, number>;
  total: number;
};

export type Breakdown = { id: "usersByLanguage" | "itemsByAudience" | "openingsByMode"; counts: Record<string, number> };

export type Dashboard = { fiscalYear: number; months: string[]; areas: { slug: string; name: string }[]; figures: Figure[]; breakdowns: Breakdown[] };

/** The fiscal year (April–March) an instant falls in, named by the year it starts: 2027-01-15 → 2026. */
export function fiscalYearOf(instant: Date): number {
  const p = tokyoParts(instant);
  return p.month >= 4 ? p.year : p.year - 1;
}

/** The twelve months of a fiscal year as [start, end) instants in Tokyo, with their "YYYY-MM" keys. */
export function fiscalMonths(fiscalYear: number): { key: string; start: Date; end: Date }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((3 + i) % 12) + 1;
    const year = fiscalYear + (3 + i >= 12 ? 1 : 0);
    const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
    return { key: `${year}-${String(month).padStart(2, "0")}`, start: fromTokyo(year, month, 1), end: fromTokyo(next.year, next.month, 1) };
  });
}

type Counted = { at: Date; area: string | null | undefined; weight?: number };

function tally(id: FigureId, months: ReturnType<typeof fiscalMonths>, rows: Counted[]): Figure {
  const byMonth = months.map(() => 0);
  const byArea: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    const index = months.findIndex((m) => row.at >= m.start && row.at < m.end);
    if (index < 0) continue;
    const weight = row.weight ?? 1;
    byMonth[index]! += weight;
    const area = row.area || NO_AREA;
    byArea[area] = (byArea[area] ?? 0) + weight;
    total += weight;
  }
  // Hours are reported to one decimal; counts stay whole.
  const round = (n: number) => Math.round(n * 10) / 10;
  return { id, kind: "count", measures: FIGURE_MEASURES[id], byMonth: byMonth.map(round), byArea: Object.fromEntries(Object.entries(byArea).map(([k, v]) => [k, round(v)])), total: round(total) };
}

const TAKING_PART = ["accepted", "attended"];

/** A stock's months, with the year's figure and areas taken from `latest` (what there is at the end). */
function stock(byMonth: Figure, latest: Figure): Figure {
  return { ...byMonth, kind: "stock", total: latest.total, byArea: latest.byArea };
}

export async function computeDashboard(fiscalYear: number, now = new Date()): Promise<Dashboard> {
  const months = fiscalMonths(fiscalYear);
  const from = months[0]!.start;
  const until = new Date(Math.min(months[11]!.end.getTime(), now.getTime()));
  const inYear = { gte: from, lt: until };
  const staffRole = { roles: { some: { role: { name: { in: ["staff", "admin"] } } } } };

  const [areas, residents, applications, registrations, places, eventDates, firstApplications, firstRegistrations, openings, audiences] = await Promise.all([
    prisma.area.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true } }),
    prisma.user.findMany({
      where: { createdAt: inYear, status: { not: "deleted" }, NOT: staffRole },
      select: { createdAt: true, locale: true, registeredById: true, profile: { select: { area: { select: { slug: true } } } } },
    }),
    prisma.application.findMany({
      where: { shift: { startsAt: inYear } },
      select: { status: true, userId: true, hours: true, hoursVerifiedAt: true, createdAt: true, shift: { select: { startsAt: true, opening: { select: { area: { select: { slug: true } } } } } } },
    }),
    prisma.registration.findMany({
      where: { status: { in: TAKING_PART }, eventDate: { startsAt: inYear } },
      select: { partySize: true, eventDate: { select: { startsAt: true, event: { select: { area: { select: { slug: true } } } } } } },
    }),
    prisma.place.findMany({ where: { status: ITEM_STATUS.published, publishedAt: { lt: until } }, select: { publishedAt: true, area: { select: { slug: true } } } }),
    prisma.eventDate.findMany({
      where: { startsAt: inYear, status: { in: ["scheduled", "moved"] }, event: { status: { in: [ITEM_STATUS.published, ITEM_STATUS.closed, ITEM_STATUS.archived] } } },
      select: { startsAt: true, event: { select: { area: { select: { slug: true } } } } },
    }),
    // Everyone's first time taking part, over all time: "first-time" means never before, not "first this year".
    prisma.application.findMany({
      where: { status: { in: TAKING_PART }, userId: { not: null } },
      select: { userId: true, shift: { select: { startsAt: true, opening: { select: { area: { select: { slug: true } } } } } } },
    }),
    prisma.registration.findMany({
      where: { status: { in: TAKING_PART }, userId: { not: null } },
      select: { userId: true, eventDate: { select: { startsAt: true, event: { select: { area: { select: { slug: true } } } } } } },
    }),
    prisma.opening.findMany({ where: { status: ITEM_STATUS.published }, select: { participationMode: true } }),
    prisma.audience.findMany({
      orderBy: { sortOrder: "asc" },
      select: {
        slug: true,
        _count: { select: { places: { where: { status: ITEM_STATUS.published } }, events: { where: { status: ITEM_STATUS.published } }, openings: { where: { status: ITEM_STATUS.published } } } },
      },
    }),
  ]);

  const residentArea = (r: (typeof residents)[number]) => r.profile?.area?.slug;
  // A first time counts in the area of that first activity (like every activity), not of some other one.
  const firstTime = new Map<number, { at: Date; area: string | undefined }>();
  for (const row of [
    ...firstApplications.map((a) => ({ userId: a.userId!, at: a.shift.startsAt, area: a.shift.opening.area?.slug })),
    ...firstRegistrations.map((r) => ({ userId: r.userId!, at: r.eventDate.startsAt, area: r.eventDate.event.area?.slug })),
  ]) {
    if (row.at > now) continue;
    const seen = firstTime.get(row.userId);
    if (!seen || row.at < seen.at) firstTime.set(row.userId, { at: row.at, area: row.area });
  }
  // A volunteer is new in the month of their first application that was not withdrawn.
  const firstApplied = new Map<number, { at: Date; area: string | undefined }>();
  for (const a of applications) {
    if (a.userId === null || a.status === "withdrawn") continue;
    const seen = firstApplied.get(a.userId);
    if (!seen || a.createdAt < seen.at) firstApplied.set(a.userId, { at: a.createdAt, area: a.shift.opening.area?.slug });
  }
  const earlierVolunteers = new Set(
    (await prisma.application.findMany({ where: { createdAt: { lt: from }, status: { not: "withdrawn" }, userId: { not: null } }, select: { userId: true }, distinct: ["userId"] })).map((a) => a.userId),
  );

  const held = (at: Date) => at <= now;
  const figures: Figure[] = [
    tally("newResidents", months, residents.map((r) => ({ at: r.createdAt, area: residentArea(r) }))),
    tally("newVolunteers", months, [...firstApplied.entries()].filter(([userId]) => !earlierVolunteers.has(userId)).map(([, v]) => v)),
    tally("proxyRegistered", months, residents.filter((r) => r.registeredById !== null).map((r) => ({ at: r.createdAt, area: residentArea(r) }))),
    tally("applications", months, applications.filter((a) => a.status !== "withdrawn").map((a) => ({ at: a.shift.startsAt, area: a.shift.opening.area?.slug }))),
    tally("attendance", months, applications.filter((a) => a.status === "attended" && held(a.shift.startsAt)).map((a) => ({ at: a.shift.startsAt, area: a.shift.opening.area?.slug }))),
    tally(
      "volunteerHours",
      months,
      applications.filter((a) => a.hoursVerifiedAt !== null && a.hours !== null).map((a) => ({ at: a.shift.startsAt, area: a.shift.opening.area?.slug, weight: a.hours! })),
    ),
    tally("firstTimeParticipants", months, [...firstTime.values()]),
    // A place counts in every month it was listed (from the month it was published); the year's figure is how many
    // are listed now (or at the end of the year), per area likewise.
    stock(
      tally("activePlaces", months, places.flatMap((p) => months.filter((m) => p.publishedAt! < m.end && m.start <= until).map((m) => ({ at: m.start, area: p.area?.slug })))),
      tally("activePlaces", [{ key: "now", start: new Date(0), end: until }], places.map((p) => ({ at: p.publishedAt!, area: p.area?.slug }))),
    ),
    tally("eventsHeld", months, eventDates.filter((d) => held(d.startsAt)).map((d) => ({ at: d.startsAt, area: d.event.area?.slug }))),
    tally("eventParticipants", months, registrations.filter((r) => held(r.eventDate.startsAt)).map((r) => ({ at: r.eventDate.startsAt, area: r.eventDate.event.area?.slug, weight: r.partySize }))),
  ];

  const count = <T,>(items: T[], key: (item: T) => string) => {
    const counts: Record<string, number> = {};
    for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  };
  const breakdowns: Breakdown[] = [
    { id: "usersByLanguage", counts: count(residents, (r) => r.locale) },
    { id: "itemsByAudience", counts: Object.fromEntries(audiences.map((a) => [a.slug, a._count.places + a._count.events + a._count.openings])) },
    { id: "openingsByMode", counts: count(openings, (o) => o.participationMode) },
  ];
  return { fiscalYear, months: months.map((m) => m.key), areas, figures, breakdowns };
}
