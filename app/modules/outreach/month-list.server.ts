import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { getTaxonomy, findBySlug } from "~/modules/taxonomy/taxonomy.server";
import { listMonthEventDates, parseMonth } from "~/modules/events/queries.server";
import { listMonthPlaceDays } from "~/modules/places/queries.server";
import { NO_FILTERS } from "~/modules/listing/filters";
import { fromTokyo, tokyoDateKey } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { qrSvg } from "./qr.server";

// The large-print monthly list of one area (地区): every public event date and every regular opening day of a
// public place in a Tokyo month, by date, for 回覧板 (the neighbourhood circular) and 社協だより. An area and a month
// are chosen with a GET form, so the page works without JavaScript and a printed address can be typed again.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type MonthEntry = {
  kind: "event" | "place";
  id: number;
  title: string;
  lang: string;
  startsAt: string;
  endsAt: string;
  where: { name: string; lang: string } | null;
  /** Interface key of a note to print beside the entry (booking needed, registration needed). */
  noteKey: string | null;
};

/** The month "YYYY-MM" of a year and month. */
export const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

export async function loadMonthList(request: Request) {
  const url = new URL(request.url);
  const { locale, t } = await getRequestI18n(request);
  const taxonomy = await getTaxonomy(locale);
  const areaParam = url.searchParams.get("area");
  const monthParam = url.searchParams.get("month");
  const current = parseMonth(null);
  const areas = taxonomy.areas.map((a) => ({ slug: a.slug, name: a.name }));
  const meta = { title: t("printMonth.title"), description: t("printMonth.lead"), siteName: t("site.name") };

  const area = areaParam ? findBySlug(taxonomy.areas, areaParam) : undefined;
  const m = monthParam ? MONTH.exec(monthParam) : null;
  const year = m ? Number(m[1]) : null;
  const validMonth = m && year! >= 2000 && year! <= 2100 ? { year: year!, month: Number(m[2]) } : null;
  // Only what was asked for and is wrong is an error; a visit without a choice gets the form.
  const errors = [
    ...(areaParam !== null && !area ? ["printMonth.badArea"] : []),
    ...(monthParam !== null && !validMonth ? ["printMonth.badMonth"] : []),
  ];
  const values = { area: area?.slug ?? "", month: validMonth ? monthKey(validMonth.year, validMonth.month) : monthKey(current.year, current.month) };
  const base = { areas, values, errors, meta };
  if (errors.length || !area || !validMonth) return { ...base, list: null, status: errors.length ? 400 : 200 };

  const filters = { ...NO_FILTERS, area: area.slug };
  const [eventDates, placeDays] = await Promise.all([
    listMonthEventDates(filters, locale, validMonth.year, validMonth.month),
    listMonthPlaceDays(filters, locale, validMonth.year, validMonth.month),
  ]);
  // A place's regular hours that an event at that place already fills (the salon's session and the event the
  // group made for it) are listed once, as the event, which says what happens.
  const heldAsEvent = new Set(eventDates.filter((d) => d.placeId !== null && d.status !== "cancelled").map((d) => `${d.placeId}|${d.startsAt}`));
  const entries: MonthEntry[] = [
    // Cancelled and paused dates are left out: a printed list cannot be corrected later.
    ...eventDates
      .filter((d) => d.status !== "cancelled" && d.status !== "paused")
      .map((d) => ({
        kind: "event" as const,
        id: d.eventId,
        title: d.title,
        lang: d.fieldLang.title ?? "ja",
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        where: d.venue,
        noteKey: d.registrationRequired ? "flyer.registerFirst" : null,
      })),
    ...placeDays
      .filter((p) => !heldAsEvent.has(`${p.placeId}|${p.startsAt}`))
      .map((p) => ({
      kind: "place" as const,
      id: p.placeId,
      title: p.name,
      lang: p.lang,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      where: null,
      noteKey: p.bookingRequired ? "booking.required" : null,
    })),
  ].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title, "ja"));

  const days = new Map<string, MonthEntry[]>();
  for (const entry of entries) {
    const key = tokyoDateKey(new Date(entry.startsAt));
    days.set(key, [...(days.get(key) ?? []), entry]);
  }
  const listPath = `/events?area=${encodeURIComponent(area.slug)}&view=month&month=${values.month}`;
  const listUrl = `${getEnv().APP_ORIGIN}${listPath}`;
  return {
    ...base,
    status: 200,
    list: {
      area: { slug: area.slug, name: area.name },
      monthStart: fromTokyo(validMonth.year, validMonth.month, 1).toISOString(),
      days: [...days.entries()].map(([key, items]) => ({ key, at: items[0]!.startsAt, items })),
      listUrl,
      qrSvg: await qrSvg(listUrl),
    },
  };
}
