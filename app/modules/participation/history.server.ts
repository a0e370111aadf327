import { prisma } from "~/utils/db.server";
import { tokyoParts } from "~/utils/dates";
import { localize } from "~/modules/i18n/localize.server";
import { DEFAULT_LOCALE } from "~/modules/i18n/config";
import { APPLICATION_STATUS, REGISTRATION_STATUS } from "./status";

// A resident's own record: what is coming up, what they did, and verified volunteer hours (plan measure ⑥).

/** Japanese fiscal year (年度): April to March. */
export function fiscalYearOf(instant: Date): number {
  const p = tokyoParts(instant);
  return p.month >= 4 ? p.year : p.year - 1;
}

export async function myActivities(userId: number, locale: string, now = new Date()) {
  const [applications, registrations] = await Promise.all([
    prisma.application.findMany({
      where: { userId, status: { not: APPLICATION_STATUS.withdrawn } },
      select: {
        id: true,
        status: true,
        hours: true,
        hoursVerifiedAt: true,
        shift: { select: { startsAt: true, endsAt: true, opening: { select: { id: true, title: true, group: { select: { name: true } } } } } },
      },
      orderBy: { shift: { startsAt: "desc" } },
      take: 200,
    }),
    prisma.registration.findMany({
      where: { userId, status: { not: REGISTRATION_STATUS.withdrawn } },
      select: { id: true, status: true, partySize: true, eventDate: { select: { startsAt: true, endsAt: true, event: { select: { id: true, title: true } } } } },
      orderBy: { eventDate: { startsAt: "desc" } },
      take: 200,
    }),
  ]);
  const openingTitles = await localize("opening", applications.map((a) => ({ id: a.shift.opening.id, title: a.shift.opening.title })), ["title"] as const, locale);
  const eventTitles = await localize("event", registrations.map((r) => ({ id: r.eventDate.event.id, title: r.eventDate.event.title })), ["title"] as const, locale);
  const items = [
    ...applications.map((a, i) => ({
      kind: "application" as const,
      id: a.id,
      href: `/volunteer/${a.shift.opening.id}`,
      title: openingTitles[i]!.title,
      lang: openingTitles[i]!.fieldLang.title ?? "ja",
      group: a.shift.opening.group.name,
      startsAt: a.shift.startsAt.toISOString(),
      endsAt: a.shift.endsAt?.toISOString() ?? null,
      status: a.status,
      hours: a.hoursVerifiedAt ? a.hours : null,
      ongoing: a.shift.endsAt === null,
    })),
    ...registrations.map((r, i) => ({
      kind: "registration" as const,
      id: r.id,
      href: `/events/${r.eventDate.event.id}`,
      title: eventTitles[i]!.title,
      lang: eventTitles[i]!.fieldLang.title ?? "ja",
      group: "",
      startsAt: r.eventDate.startsAt.toISOString(),
      endsAt: r.eventDate.endsAt.toISOString(),
      status: r.status,
      hours: null as number | null,
      ongoing: false,
    })),
  ];
  const isUpcoming = (i: (typeof items)[number]) => i.ongoing || new Date(i.endsAt ?? i.startsAt) >= now;
  const upcoming = items.filter(isUpcoming).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = items.filter((i) => !isUpcoming(i)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const hoursByYear = new Map<number, number>();
  for (const a of applications) {
    if (!a.hoursVerifiedAt || !a.hours) continue;
    const fy = fiscalYearOf(a.shift.startsAt);
    hoursByYear.set(fy, (hoursByYear.get(fy) ?? 0) + a.hours);
  }
  return {
    upcoming,
    past,
    hoursByYear: [...hoursByYear.entries()].sort((a, b) => b[0] - a[0]).map(([year, hours]) => ({ year, hours: Math.round(hours * 10) / 10 })),
  };
}

/** Verified volunteer activities of one fiscal year, for the ボランティア活動証明書. */
/** The verified activities of one fiscal year; activity titles in `locale` where a translation is approved. */
export async function certificateFor(userId: number, fiscalYear: number, locale = DEFAULT_LOCALE as string) {
  const from = new Date(Date.UTC(fiscalYear, 3, 1) - 9 * 3600_000);
  const until = new Date(Date.UTC(fiscalYear + 1, 3, 1) - 9 * 3600_000);
  const [user, rows] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } }),
    prisma.application.findMany({
      where: { userId, status: APPLICATION_STATUS.attended, hoursVerifiedAt: { not: null }, shift: { startsAt: { gte: from, lt: until } } },
      select: { id: true, hours: true, shift: { select: { startsAt: true, opening: { select: { id: true, title: true, group: { select: { name: true } } } } } } },
      orderBy: { shift: { startsAt: "asc" } },
    }),
  ]);
  const openings = new Map((await localize("opening", [...new Map(rows.map((r) => [r.shift.opening.id, r.shift.opening])).values()], ["title"] as const, locale)).map((o) => [o.id, o]));
  const activities = rows.map((r) => ({
    id: r.id,
    date: r.shift.startsAt.toISOString(),
    title: openings.get(r.shift.opening.id)?.title ?? r.shift.opening.title,
    titleLang: openings.get(r.shift.opening.id)?.fieldLang.title ?? DEFAULT_LOCALE,
    group: r.shift.opening.group.name,
    hours: r.hours ?? 0,
  }));
  return { name: user.name, fiscalYear, activities, totalHours: Math.round(activities.reduce((s, a) => s + a.hours, 0) * 10) / 10 };
}
