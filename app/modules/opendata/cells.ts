import { tokyoDateKey, tokyoParts } from "~/utils/dates";

// Turning stored values into cells the open-data validators accept (see profiles.ts for the rules). A value that
// cannot be put into the required form is left empty rather than published in a form tools reject.

/** 10-digit NO, unique within the dataset: the row's own id, zero-padded, so it stays the same across exports. */
export function recordNo(id: number): string {
  return String(id).padStart(10, "0");
}

/** Hiragana → katakana (readings are stored in hiragana); spaces become full-width, other characters stay. */
export function toKatakana(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/ /g, "\u3000")
    .trim();
}

/** "YYYY-MM-DD" in Tokyo. */
export function dateCell(instant: Date): string {
  return tokyoDateKey(instant);
}

/** "hh:mm" in Tokyo. */
export function timeCell(instant: Date): string {
  const p = tokyoParts(instant);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** A stored "H:MM"/"HH:MM" as "hh:mm", or "" when it is not a time. */
export function storedTimeCell(value: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? `${m[1]!.padStart(2, "0")}:${m[2]}` : "";
}

/** Decimal degrees with 6 places, or "" for a missing coordinate. */
export function coordinateCell(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? value.toFixed(6) : "";
}

/**
 * A Japanese phone number with hyphens (049-271-1111, 090-1234-5678, 0120-123-456). Numbers typed with hyphens
 * keep the organiser's grouping; digits only are grouped by the common patterns of fixed, mobile and toll-free
 * numbers; anything else is left out (the column is optional, a malformed number is worse than none).
 */
export function phoneCell(value: string): string {
  const v = value
    .normalize("NFKC")
    .replace(/[‐‑‒–—―−ー()]/g, "-")
    .replace(/\s+/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  if (/^0\d{1,4}-\d{1,4}-\d{3,4}$/.test(v) && v.replace(/-/g, "").length >= 10) return v;
  const digits = v.replace(/-/g, "");
  if (!/^0\d{9,10}$/.test(digits)) return "";
  if (/^0(120|800)/.test(digits) && digits.length === 10) return `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  if (/^0[5789]0/.test(digits) && digits.length === 11) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  // Fixed lines: 10 digits. Tokyo/Osaka (03, 06) have a 1-digit area code after 0; elsewhere (e.g. 049 here) 2 digits.
  if (digits.length === 10 && /^0[36]/.test(digits)) return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6)}`;
  if (digits.length === 10) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  return "";
}

const KANJI_WEEKDAYS: Record<string, string> = { MO: "月", TU: "火", WE: "水", TH: "木", FR: "金", SA: "土", SU: "日" };
const WEEK_ORDER = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** Stored ",MO,WE," → "月水" (Monday first). */
export function weekdaysCell(stored: string): string {
  const days = new Set(stored.split(",").filter(Boolean));
  return WEEK_ORDER.filter((d) => days.has(d))
    .map((d) => KANJI_WEEKDAYS[d])
    .join("");
}

/** Free text on one line per cell is not required by CSV, but line breaks inside cells trip many spreadsheet imports. */
export function textCell(...parts: (string | null | undefined)[]): string {
  return parts
    .map((p) => (p ?? "").replace(/\r\n?/g, "\n").trim())
    .filter(Boolean)
    .join("\n")
    .replace(/\n+/g, " ");
}

/** Only http(s) URLs are published. */
export function urlCell(value: string): string {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "";
  } catch {
    return "";
  }
}
