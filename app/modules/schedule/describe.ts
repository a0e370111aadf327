import type { TFunction } from "i18next";

// Turns an RRULE into the sentence residents read: 「毎月 第2・第4 水曜日 10:00〜12:00（祝日は休み）」.
// Only the patterns organisers can enter are described; anything else reads as "see the schedule note".

const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
type Weekday = (typeof WEEKDAYS)[number];

export type ParsedRule =
  | { kind: "weekly"; interval: number; days: Weekday[] }
  | { kind: "monthly-nth"; days: { nth: number; day: Weekday }[] }
  | { kind: "monthly-date"; dates: number[] }
  | { kind: "other" };

export function parseRule(rule: string): ParsedRule {
  const parts = Object.fromEntries(
    rule
      .split(";")
      .map((p) => p.split("="))
      .filter((p): p is [string, string] => p.length === 2)
      .map(([k, v]) => [k.toUpperCase(), v.toUpperCase()]),
  );
  const byDay = (parts.BYDAY ?? "").split(",").filter(Boolean);
  if (parts.FREQ === "WEEKLY" && byDay.length > 0 && byDay.every((d) => (WEEKDAYS as readonly string[]).includes(d))) {
    return { kind: "weekly", interval: Number(parts.INTERVAL ?? 1) || 1, days: byDay as Weekday[] };
  }
  if (parts.FREQ === "MONTHLY" && byDay.length > 0) {
    const days = byDay.map((d) => /^(-?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(d));
    if (days.every(Boolean)) {
      return { kind: "monthly-nth", days: days.map((m) => ({ nth: Number(m![1]), day: m![2] as Weekday })) };
    }
  }
  if (parts.FREQ === "MONTHLY" && parts.BYMONTHDAY) {
    return { kind: "monthly-date", dates: parts.BYMONTHDAY.split(",").map(Number) };
  }
  return { kind: "other" };
}

export type ScheduleText = { rule: string; startTime: string; endTime: string; skipHolidays: boolean };

export function describeSchedule(schedule: ScheduleText, t: TFunction): string {
  if (!schedule.rule) return "";
  const parsed = parseRule(schedule.rule);
  const list = (items: string[]) => items.join(t("schedule.listSeparator"));
  let pattern: string;
  switch (parsed.kind) {
    case "weekly":
      pattern = t(parsed.interval === 2 ? "schedule.everyOtherWeek" : "schedule.weekly", {
        days: list(parsed.days.map((d) => t(`weekday.${d}`))),
      });
      break;
    case "monthly-nth": {
      const sameDay = parsed.days.every((d) => d.day === parsed.days[0]!.day);
      pattern = sameDay
        ? t("schedule.monthlyNth", {
            nths: list(parsed.days.map((d) => t(`schedule.nth.${d.nth < 0 ? "last" : d.nth}`))),
            day: t(`weekday.${parsed.days[0]!.day}`),
          })
        : t("schedule.monthlyMixed", {
            days: list(parsed.days.map((d) => `${t(`schedule.nth.${d.nth < 0 ? "last" : d.nth}`)} ${t(`weekday.${d.day}`)}`)),
          });
      break;
    }
    case "monthly-date":
      pattern = t("schedule.monthlyDate", { dates: list(parsed.dates.map((d) => t("schedule.dayOfMonth", { d }))) });
      break;
    default:
      pattern = t("schedule.irregular");
  }
  const time = schedule.startTime && schedule.endTime ? ` ${schedule.startTime}${t("schedule.to")}${schedule.endTime}` : "";
  const holidays = schedule.skipHolidays ? t("schedule.closedOnHolidays") : "";
  return `${pattern}${time}${holidays}`;
}

/** The weekdays a rule meets on (",MO,WE,") and the start minute, stored on a place for the filters. */
export function scheduleSlots(rule: string, startTime: string): { scheduleDays: string; scheduleMinute: number | null } {
  const parsed = parseRule(rule);
  const days =
    parsed.kind === "weekly" ? parsed.days : parsed.kind === "monthly-nth" ? [...new Set(parsed.days.map((d) => d.day))] : [];
  const m = /^(\d{1,2}):(\d{2})$/.exec(startTime);
  return { scheduleDays: days.length ? `,${days.join(",")},` : "", scheduleMinute: m ? Number(m[1]) * 60 + Number(m[2]) : null };
}

export const WEEKDAY_CODES = WEEKDAYS;
