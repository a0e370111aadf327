import { z } from "zod";
import { isEmailAddress, normalizeEmail } from "~/modules/auth/schemas";
import { toHiragana } from "~/modules/search/normalize";
import { parseTime, parseTokyoDate } from "~/utils/dates";
import { text } from "~/utils/text";
import { isPhoneNumber, normalizePhone } from "~/utils/phone";

export { CheckboxField, IdListField, OptionalIdField, RequiredIdField, enumList } from "./choice-fields";

// Field schemas for the organiser forms, shared by the server actions and the browser (hints only).
// Conform turns empty inputs into `undefined` before zod sees them, so "optional" here means "left blank".
// Messages are i18n keys (common:errors.* and common:manage.errors.*). Free text goes through the shared `text`
// helper (~/utils/text); lengths count code points, not UTF-16 units (SECURITY.md row 26, §3 item 10).

const KANA = /^[\u3041-\u3096\u309d\u309e\u30fc・ A-Za-z0-9]+$/u;

/** Reading in kana. Half-width ｶﾅ and full-width letters are folded (NFKC); katakana is stored as hiragana like the seed. */
function kana(value: string | undefined): string {
  return toHiragana(value ?? "");
}

const isKana = (v: string) => v === "" || KANA.test(v);

// Piped after the shared cleaning, which already refused a blank required value (a pipe stops there).
export const requiredKana = (max: number) => text({ max, required: true, normalization: "NFKC" }).pipe(z.string().transform(kana).refine(isKana, "manage.errors.kana"));
// Conform's coercion also reaches a piped schema, so a blank optional reading arrives there as undefined.
export const optionalKana = (max: number) => text({ max, normalization: "NFKC" }).pipe(z.string().optional().transform(kana).refine(isKana, "manage.errors.kana"));

/**
 * A whole number in [min, max]. Full-width digits and surrounding spaces are accepted (NFKC, then trimmed:
 * "２０" and " 5 " are what people type on Japanese keyboards); signs, decimals, exponents, NaN and anything
 * with more than 9 digits are not.
 */
export function parseWholeNumber(value: string): number | null {
  const s = value.normalize("NFKC").trim();
  if (!/^\d+$/.test(s)) return null;
  if (s.length > 9) return Number.POSITIVE_INFINITY;
  return Number(s);
}

function wholeNumber(min: number, max: number) {
  return z.string({ invalid_type_error: "manage.errors.wholeNumber" }).transform((v, ctx) => {
    const n = parseWholeNumber(v);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: "manage.errors.wholeNumber", fatal: true });
      return z.NEVER;
    }
    if (n < min || n > max) {
      ctx.addIssue({ code: "custom", message: "manage.errors.outOfRange", fatal: true });
      return z.NEVER;
    }
    return n;
  });
}

/** Optional whole number: blank → null (for capacity: no limit; for fee: unknown). */
export function optionalWholeNumber(min: number, max: number) {
  return wholeNumber(min, max).optional().transform((v) => v ?? null);
}

/** Calendar day "YYYY-MM-DD" that exists on the Tokyo calendar (2025-02-30 and 2025-13-01 do not). */
export const DateField = z
  .string({ required_error: "errors.required", invalid_type_error: "manage.errors.date" })
  .transform((v) => v.normalize("NFKC").trim())
  .refine((v) => parseTokyoDate(v) !== null && Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) <= 2100, "manage.errors.date");

export const OptionalDateField = DateField.optional().transform((v) => v ?? "");

/** Wall-clock "HH:MM" in Asia/Tokyo, normalised to two digits ("９：００" → "09:00"). */
export const TimeField = z
  .string({ required_error: "errors.required", invalid_type_error: "manage.errors.time" })
  .transform((v, ctx) => {
    const t = parseTime(v.replace(/：/g, ":"));
    if (!t) {
      ctx.addIssue({ code: "custom", message: "manage.errors.time", fatal: true });
      return z.NEVER;
    }
    return `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
  });

export const OptionalTimeField = TimeField.optional().transform((v) => v ?? "");

/** Only http(s) addresses with a host are stored (no javascript:, data:, entity-encoded schemes; SECURITY.md row 31). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

export const OptionalUrlField = text({ max: 500 }).pipe(
  z
    .string()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || isHttpUrl(v), "manage.errors.url"),
);


export const OptionalPhoneField = z
  .string({ invalid_type_error: "manage.errors.phone" })
  .optional()
  .transform((v) => normalizePhone(v ?? ""))
  .refine((v) => v === "" || isPhoneNumber(v), "manage.errors.phone");

export const OptionalEmailField = z
  .string({ invalid_type_error: "errors.emailInvalid" })
  .optional()
  .transform((v) => normalizeEmail(v ?? ""))
  .refine((v) => v === "" || isEmailAddress(v), "errors.emailInvalid");

export function minutesOf(time: unknown): number {
  // Refinements also run after a field failed (zod marks the object dirty), so the value may not be a string.
  const t = typeof time === "string" ? parseTime(time) : null;
  return t ? t.hour * 60 + t.minute : -1;
}
