import rrulePkg from "rrule";
import holidayJp from "@holiday-jp/holiday_jp";
import { addDays, fromTokyo, parseTime, parseTokyoDate, tokyoDateKey, tokyoParts } from "~/utils/dates";

// rrule ships CommonJS; pick the class from either module shape.
const { RRule } = ((rrulePkg as unknown as { RRule?: unknown }).RRule ? rrulePkg : (rrulePkg as unknown as { default: typeof rrulePkg }).default) as typeof rrulePkg;

/**
 * A recurring schedule in the organiser's words: an RFC 5545 RRULE (without DTSTART) evaluated on the
 * Tokyo calendar, wall-clock start/end times, and whether 祝日 are skipped.
 */
export type Schedule = {
  /** e.g. "FREQ=MONTHLY;BYDAY=2WE,4WE" */
  rule: string;
  /** "HH:MM" Asia/Tokyo */
  startTime: string;
  endTime: string;
  skipHolidays: boolean;
  /** First day the schedule applies ("YYYY-MM-DD"); defaults to the window start. */
  startDate?: string;
  /** Last day ("YYYY-MM-DD"), inclusive. */
  endDate?: string;
};

export type Occurrence = { startsAt: Date; endsAt: Date };

const holidays = new Map<string, boolean>();
export function isJapaneseHoliday(instant: Date): boolean {
  const p = tokyoParts(instant);
  const day = `${p.year}-${p.month}-${p.day}`;
  let holiday = holidays.get(day);
  if (holiday === undefined) {
    // holiday_jp compares calendar days; give it a plain date for the Tokyo day.
    holiday = holidayJp.isHoliday(new Date(p.year, p.month - 1, p.day));
    if (holidays.size > 5000) holidays.clear();
    holidays.set(day, holiday);
  }
  return holiday;
}

/**
 * Expands a schedule into occurrences whose start falls in [from, until).
 * RRULE is evaluated in "floating" UTC where each UTC calendar day stands for a Tokyo calendar day,
 * so month edges and nth-weekday rules follow the Tokyo calendar exactly.
 */
export function expandSchedule(schedule: Schedule, from: Date, until: Date, limit = 500): Occurrence[] {
  const start = parseTime(schedule.startTime);
  const end = parseTime(schedule.endTime);
  if (!schedule.rule || !start || !end) return [];
  const floating = (instant: Date) => {
    const p = tokyoParts(instant);
    return new Date(Date.UTC(p.year, p.month - 1, p.day));
  };
  const firstDay = schedule.startDate ? parseTokyoDate(schedule.startDate) : null;
  const lastDay = schedule.endDate ? parseTokyoDate(schedule.endDate) : null;
  const windowStart = firstDay && firstDay > from ? firstDay : from;
  let rule: InstanceType<typeof RRule>;
  try {
    // A rule an organiser saved long ago must never take a page down: unreadable rules expand to nothing.
    rule = new RRule({
      ...RRule.parseString(schedule.rule),
      dtstart: floating(firstDay ?? addDays(from, -1)),
      until: lastDay ? floating(lastDay) : null,
    });
  } catch {
    return [];
  }
  const result: Occurrence[] = [];
  // The iterator stops rrule as soon as enough dates are found: a card needs two dates, not a year of them.
  rule.between(floating(addDays(windowStart, -1)), floating(addDays(until, 1)), true, (day) => {
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    const startsAt = fromTokyo(y, m, d, start.hour, start.minute);
    let endsAt = fromTokyo(y, m, d, end.hour, end.minute);
    if (endsAt <= startsAt) endsAt = addDays(endsAt, 1);
    if (startsAt < from || startsAt >= until) return startsAt < until;
    if (schedule.skipHolidays && isJapaneseHoliday(startsAt)) return true;
    result.push({ startsAt, endsAt });
    return result.length < limit;
  });
  return result;
}

const upcoming = new Map<string, Occurrence[]>();

/**
 * The next `count` occurrences from `now`. Every card of a list asks this of its place's schedule on every request,
 * and rrule's expansion is the costliest part of a card, so answers are kept per schedule and minute: expanded once
 * from the minute's start with one date to spare, then the dates already begun by `now` are dropped (a schedule
 * starts at most once a day, so at most one date falls between the minute's start and `now`).
 */
export function nextOccurrences(schedule: Schedule, now: Date, count: number, horizonDays = 400): Occurrence[] {
  const minute = new Date(now.getTime() - (now.getTime() % 60_000));
  const key = `${schedule.rule}|${schedule.startTime}|${schedule.endTime}|${schedule.skipHolidays}|${schedule.startDate ?? ""}|${schedule.endDate ?? ""}|${count}|${horizonDays}|${minute.getTime()}`;
  let dates = upcoming.get(key);
  if (!dates) {
    dates = expandSchedule(schedule, minute, new Date(addDays(minute, horizonDays).getTime() + 60_000), count + 1);
    if (upcoming.size >= 5000) upcoming.delete(upcoming.keys().next().value!);
    upcoming.set(key, dates);
  }
  const until = addDays(now, horizonDays);
  return dates.filter((d) => d.startsAt >= now && d.startsAt < until).slice(0, count);
}

export { tokyoDateKey };
