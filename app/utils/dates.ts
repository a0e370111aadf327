// The one date helper. Everything a resident sees is in Asia/Tokyo, whatever TZ the server runs with.
// Japan has no daylight saving time, so JST is a fixed UTC+9 offset; using it directly keeps
// date arithmetic exact and independent of the host's time-zone database.
//
// Writing dates for readers (formatRange, formatDay, toTokyoIso, …) lives in date-format.ts and is re-exported here;
// this file adds parsing and calendar arithmetic.

import { JST_OFFSET_MS, tokyoParts } from "./date-format";

export {
  TIME_ZONE,
  tokyoParts,
  tokyoDateKey,
  intlLocale,
  formatNumber,
  formatDay,
  formatLongDay,
  formatTime,
  formatRange,
  formatTimeRange,
  formatJapaneseEra,
  formatTokyoTimestamp,
  toTokyoIso,
  formatDate,
  formatMonth,
} from "./date-format";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant of a Tokyo wall-clock time. month is 1-based. */
export function fromTokyo(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - JST_OFFSET_MS);
}

/** Parses "YYYY-MM-DD" strictly as a Tokyo calendar day (midnight JST); null when the date does not exist. */
export function parseTokyoDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.normalize("NFKC").trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = fromTokyo(year, month, day);
  const back = tokyoParts(d);
  if (back.year !== year || back.month !== month || back.day !== day) return null;
  return d;
}

/** Parses "HH:MM" (24 h). */
export function parseTime(value: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.normalize("NFKC").trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** Midnight (JST) starting the Tokyo day of `instant`. */
export function startOfTokyoDay(instant: Date): Date {
  const p = tokyoParts(instant);
  return fromTokyo(p.year, p.month, p.day);
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** Monday 00:00 JST of the week containing `instant` (Japanese calendars and residents count weeks from Monday here). */
export function startOfTokyoWeek(instant: Date): Date {
  const day = startOfTokyoDay(instant);
  const weekday = tokyoParts(day).weekday;
  return addDays(day, -((weekday + 6) % 7));
}

/** Tokyo weekday (0 = Monday … 6 = Sunday) and minutes after Tokyo midnight: stored beside a start time for filters. */
export function tokyoSlot(instant: Date): { weekday: number; startMinute: number } {
  const p = tokyoParts(instant);
  return { weekday: (p.weekday + 6) % 7, startMinute: p.hour * 60 + p.minute };
}
