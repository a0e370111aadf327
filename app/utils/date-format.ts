// How dates and numbers are written for a resident, always as seen in Asia/Tokyo (see dates.ts, which re-exports
// all of this). A module of its own so that pages which only show dates (the home page's cards: When, Fee) do not
// also load the parsing and calendar arithmetic of dates.ts that forms and filters use.
export const TIME_ZONE = "Asia/Tokyo";
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Calendar parts of an instant as seen in Tokyo. weekday: 0 = Sunday … 6 = Saturday. */
export function tokyoParts(instant: Date) {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** "YYYY-MM-DD" of the Tokyo calendar day containing `instant`. */
export function tokyoDateKey(instant: Date): string {
  const p = tokyoParts(instant);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

// Building an Intl.DateTimeFormat is costly (it showed up as the top cost of rendering a list page);
// formatters are reused per locale and option set.
type DateFormat = { format(instant: Date): string };
const formatters = new Map<string, DateFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): DateFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = locale === "ne" ? nepaliFormat(options) : new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** Maps our locale codes to what Intl understands (ja-x-easy reads dates like ja). */
export function intlLocale(locale: string): string {
  return locale === "ja-x-easy" ? "ja-JP" : locale;
}

// Chromium ships without Nepali locale data: its Intl writes "Thu, Dec 3" where Node writes 「डिसेम्बर ३, बिहि」, so
// a Nepali page would not hydrate and would switch to English dates. Nepali dates are written here from CLDR's
// names, the same on server and browser, with the Latin digits that both print everywhere else on the page.
const NEPALI_MONTHS = ["जनवरी", "फेब्रुअरी", "मार्च", "अप्रिल", "मे", "जुन", "जुलाई", "अगस्ट", "सेप्टेम्बर", "अक्टोबर", "नोभेम्बर", "डिसेम्बर"];
const NEPALI_WEEKDAYS = ["आइत", "सोम", "मंगल", "बुध", "बिहि", "शुक्र", "शनि"];
function nepaliFormat(options: Intl.DateTimeFormatOptions): DateFormat {
  if (options.hour) return new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, ...options });
  return {
    format(instant: Date) {
      const p = tokyoParts(instant);
      const parts = [options.year ? `${p.year}` : "", options.month ? NEPALI_MONTHS[p.month - 1] : "", options.day ? `${p.day}` : ""].filter(Boolean).join(" ");
      return options.weekday ? `${parts}, ${NEPALI_WEEKDAYS[p.weekday]}` : parts;
    },
  };
}

/** Numbers as the reader's language writes them, the same in every browser (Nepali with Latin digits; see above). */
const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  // Reused like the date formatters above: building one costs far more than formatting with it.
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale === "ne" ? "en" : intlLocale(locale), options)));
  return f.format(value);
}

/** 12月3日(水) / Wed, Dec 3 */
export function formatDay(instant: Date, locale: string): string {
  return formatter(locale, { month: "short", day: "numeric", weekday: "short" }).format(instant);
}

/** 2026年12月3日(水) / Wed, Dec 3, 2026 */
export function formatLongDay(instant: Date, locale: string): string {
  return formatter(locale, { year: "numeric", month: "long", day: "numeric", weekday: "short" }).format(instant);
}

/**
 * 10:00. `hourCycle: "h23"`, not `hour12: false`: with the latter, English and Korean in Node's ICU write the first
 * hour after midnight as 24:05 while the browser writes 00:05, so the page failed to hydrate (and 24:05 misleads).
 */
export function formatTime(instant: Date, locale: string): string {
  // やさしい日本語 writes times with 午前/午後 (DOMAIN-JA §3): 午前10:00, 午後0:30 for half past noon.
  if (locale === EASY_JAPANESE) return formatter(locale, { hour: "numeric", minute: "2-digit", hourCycle: "h11" }).format(instant);
  return formatter(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}

const EASY_JAPANESE = "ja-x-easy";

/**
 * The one way a start–end is written (cards, detail pages, emails, feeds, calendar links):
 * same day 「12月3日(水) 09:00〜17:00」 / "Thu, Dec 3 09:00–17:00"; across days, overnight included, both days with
 * spaces around the dash so the second day is not read as part of the first: 「12月3日(水) 09:00 〜 12月30日(水) 17:00」
 * / "Thu, Dec 3 09:00 – Wed, Dec 30 17:00". `long` adds the year (detail pages).
 */
export function formatRange(start: Date, end: Date | null, locale: string, { long = false }: { long?: boolean } = {}): string {
  const day = long ? formatLongDay : formatDay;
  const first = `${day(start, locale)} ${formatTime(start, locale)}`;
  if (locale === EASY_JAPANESE) {
    // 「から」「まで」 instead of 〜, which readers of easy Japanese may not know (DOMAIN-JA §3).
    if (!end) return `${first}から`;
    if (tokyoDateKey(start) === tokyoDateKey(end)) return `${first}から${formatTime(end, locale)}まで`;
    return `${first}から ${day(end, locale)} ${formatTime(end, locale)}まで`;
  }
  const dash = locale === "ja" ? "〜" : "–";
  if (!end) return `${first}${dash}`;
  if (tokyoDateKey(start) === tokyoDateKey(end)) return `${first}${dash}${formatTime(end, locale)}`;
  return `${first} ${dash} ${day(end, locale)} ${formatTime(end, locale)}`;
}

/** The times of a start–end within a day, as formatRange writes them: 10:00〜12:00, 午前10:00から午後0:00まで. */
export function formatTimeRange(start: Date, end: Date, locale: string): string {
  if (locale === EASY_JAPANESE) return `${formatTime(start, locale)}から${formatTime(end, locale)}まで`;
  return `${formatTime(start, locale)}${locale === "ja" ? "〜" : "–"}${formatTime(end, locale)}`;
}

/** 令和8年 — shown next to 西暦 where a resident asks for it. */
export function formatJapaneseEra(instant: Date): string {
  return new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { timeZone: TIME_ZONE, era: "long", year: "numeric" }).format(instant);
}

/** "2026-12-03 14:05:09" in Tokyo, to the second: when something was done (audit log, its CSV). */
export function formatTokyoTimestamp(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** ISO 8601 with the +09:00 offset, for JSON-LD and <time dateTime>. */
export function toTokyoIso(instant: Date): string {
  const p = tokyoParts(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:00+09:00`;
}

/** 2026年11月28日 / November 28, 2026 */
export function formatDate(instant: Date, locale: string): string {
  return formatter(locale, { year: "numeric", month: "long", day: "numeric" }).format(instant);
}

/** 2026年12月 / December 2026 */
export function formatMonth(instant: Date, locale: string): string {
  return formatter(locale, { year: "numeric", month: "long" }).format(instant);
}
