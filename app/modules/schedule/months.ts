import { fromTokyo, parseTokyoDate, tokyoDateKey, tokyoParts } from "~/utils/dates";

// Calendar-month arithmetic on the Tokyo calendar (the one date helper has days, not months).

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same wall-clock time `months` calendar months later; the 31st becomes the month's last day when needed. */
export function addTokyoMonths(instant: Date, months: number): Date {
  const p = tokyoParts(instant);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromTokyo(year, month, Math.min(p.day, daysInMonth(year, month)), p.hour, p.minute);
}

/** "YYYY-MM-DD" shifted by `months` ("" stays ""). */
export function addMonthsToDateKey(date: string, months: number): string {
  const d = parseTokyoDate(date);
  return d ? tokyoDateKey(addTokyoMonths(d, months)) : "";
}

/** "HH:MM" of an instant in Tokyo. */
export function tokyoTime(instant: Date): string {
  const p = tokyoParts(instant);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** The instant of a Tokyo day ("YYYY-MM-DD") at "HH:MM". */
export function tokyoInstant(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [h, min] = time.split(":").map(Number) as [number, number];
  return fromTokyo(y, m, d, h, min);
}
