import { stringify } from "csv-stringify/sync";
import { prisma } from "~/utils/db.server";
import { fromTokyo, intlLocale, TIME_ZONE } from "~/utils/dates";
import { localize } from "~/modules/i18n/localize.server";
import { fiscalYearOf, type Dashboard } from "./figures.server";
import { measureMark, NO_AREA, yearScope } from "./plan";

// What the staff dashboard and its CSV add to the figures: the plan measures as rows, the choice of fiscal year,
// and one flat CSV of every number for the 地域福祉審議会's yearly report (one row per figure and month, area or
// category, so it can be pivoted in Excel without retyping).

/** The oldest fiscal year offered: the portal's first account, at most ten years back. */
export async function fiscalYearChoices(now = new Date()): Promise<number[]> {
  const current = fiscalYearOf(now);
  const first = await prisma.user.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  const oldest = Math.max(current - 10, first ? Math.min(fiscalYearOf(first.createdAt), current) : current);
  return Array.from({ length: current - oldest + 1 }, (_, i) => current - i);
}

/**
 * The fiscal year a `fy` query parameter names: blank → the current one; anything but a year on offer → null
 * (the page says so with a 400, rather than guessing).
 */
export function parseFiscalYear(value: string | null, choices: number[]): number | null {
  if (value === null || value.trim() === "") return choices[0]!;
  const trimmed = value.normalize("NFKC").trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return choices.includes(year) ? year : null;
}

export type PlanMeasureRow = { number: number; code: string; title: string; lang: string };

/** The welfare plan's measures ⑥–⑰ in order, titles in the staff's language where translated. */
export async function listPlanMeasures(locale: string): Promise<PlanMeasureRow[]> {
  const rows = await prisma.planMeasure.findMany({ orderBy: { number: "asc" }, select: { id: true, number: true, code: true, title: true } });
  return (await localize("plan-measure", rows, ["title"], locale)).map((m) => ({ number: m.number, code: m.code, title: m.title, lang: m.fieldLang.title ?? "ja" }));
}

/** "4月" / "Apr" for each "YYYY-MM" key of the year. */
export function monthLabels(months: string[], locale: string): string[] {
  const format = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, month: "short" });
  return months.map((key) => format.format(fromTokyo(Number(key.slice(0, 4)), Number(key.slice(5)), 15)));
}

/** Excel runs a cell starting with = + - @ (or a tab/CR) as a formula (SECURITY.md row 33); numbers stay numbers. */
function cell(value: string | number): string {
  if (typeof value === "number") return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Slug → name, in the reader's language, of the areas and audiences the figures are keyed by. */
export type DashboardNames = { areas: Record<string, string>; audiences: Record<string, string> };

/**
 * Every figure of the year as CSV (UTF-8 with BOM, for Excel): for each figure its twelve months, every area (and
 * "no area"), then the year's figure (the sum, or for a stock the latest); then the breakdowns.
 */
export function dashboardCsv(dashboard: Dashboard, t: Translate, names: DashboardNames, locale: string): string {
  const labels = monthLabels(dashboard.months, locale);
  const header = ["fiscalYear", "measures", "figureCode", "figure", "scope", "key", "label", "value"].map((k) => t(`insight.dashboard.csv.${k}`));
  const rows: (string | number)[][] = [];
  const fy = dashboard.fiscalYear;
  const areaKeys = [...dashboard.areas.map((a) => a.slug), NO_AREA];
  for (const figure of dashboard.figures) {
    const base = [fy, figure.measures.map(measureMark).join("・"), figure.id, t(`insight.dashboard.figure.${figure.id}`)];
    dashboard.months.forEach((month, i) => rows.push([...base, t("insight.dashboard.scope.month"), month, labels[i]!, figure.byMonth[i]!]));
    for (const area of areaKeys) rows.push([...base, t("insight.dashboard.scope.area"), area, areaLabel(area, names.areas, t), figure.byArea[area] ?? 0]);
    rows.push([...base, t(`insight.dashboard.scope.${yearScope(figure)}`), String(fy), t("insight.dashboard.fiscalYearLabel", { year: fy }), figure.total]);
  }
  for (const breakdown of dashboard.breakdowns) {
    for (const [key, value] of breakdownEntries(breakdown)) {
      rows.push([fy, "", breakdown.id, t(`insight.dashboard.breakdown.${breakdown.id}`), t(`insight.dashboard.scope.${breakdown.id}`), key, breakdownLabel(breakdown.id, key, t, names), value]);
    }
  }
  const body = stringify([header, ...rows].map((r) => r.map(cell)), { record_delimiter: "\r\n" });
  return `\uFEFF${body}`;
}

/** A breakdown's rows in a stable order: audiences in their own order, languages and ways of taking part by code. */
export function breakdownEntries(breakdown: Dashboard["breakdowns"][number]): [string, number][] {
  const entries = Object.entries(breakdown.counts);
  return breakdown.id === "itemsByAudience" ? entries : entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function areaLabel(slug: string, areaNames: Record<string, string>, t: Translate): string {
  return slug === NO_AREA ? t("insight.dashboard.noArea") : (areaNames[slug] ?? slug);
}

export function breakdownLabel(id: Dashboard["breakdowns"][number]["id"], key: string, t: Translate, names: DashboardNames): string {
  if (id === "usersByLanguage") return t(`language.${key}`, { defaultValue: key });
  if (id === "openingsByMode") return t(`mode.${key}`, { defaultValue: key });
  return names.audiences[key] ?? key;
}
