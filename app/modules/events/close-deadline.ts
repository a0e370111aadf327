import { parseTime, parseTokyoDate } from "~/utils/dates";

// The registration deadline as organisers think of it ("the day before", "3 hours before", "until 20 May 17:00"),
// stored as it always was: whole hours before each date starts (Event.registrationCloseHours). A plain module: the
// form, the schema and the edit page's defaults all use it.

export const CLOSE_MODES = ["start", "dayBefore", "hoursBefore", "at"] as const;
export type CloseMode = (typeof CLOSE_MODES)[number];

const minutesOf = (time: string) => {
  const t = parseTime(time);
  return t ? t.hour * 60 + t.minute : null;
};

/** "The day before": closing at midnight before the start, i.e. the start's time of day, rounded up to an hour. */
export function dayBeforeHours(startTime: string): number | null {
  const minutes = minutesOf(startTime);
  return minutes === null ? null : Math.max(1, Math.ceil(minutes / 60));
}

/**
 * Hours before the start for a deadline given as a date and time (one-off events). Rounded up, so registration
 * never closes later than the organiser wrote. Null when a part is missing or not a date/time.
 */
export function hoursBeforeStart(start: { date: string; time: string }, close: { date: string; time: string }): number | null {
  const [startDay, closeDay] = [parseTokyoDate(start.date), parseTokyoDate(close.date)];
  const [startMinutes, closeMinutes] = [minutesOf(start.time), minutesOf(close.time)];
  if (!startDay || !closeDay || startMinutes === null || closeMinutes === null) return null;
  const gap = startDay.getTime() + startMinutes * 60_000 - (closeDay.getTime() + closeMinutes * 60_000);
  // A deadline after the start stays negative however close it is (the schema refuses it).
  return gap < 0 ? -Math.ceil(-gap / 3_600_000) : Math.ceil(gap / 3_600_000);
}

/** The form's choice for stored hours: what an organiser most likely chose, so editing shows it back that way. */
export function closeModeOf(hours: number, startTime: string): CloseMode {
  if (hours === 0) return "start";
  if (hours === dayBeforeHours(startTime)) return "dayBefore";
  return "hoursBefore";
}
