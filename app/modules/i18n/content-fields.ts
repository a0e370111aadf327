import { z } from "zod";
import { SUPPORTED_LOCALES, DEFAULT_LOCALE } from "~/modules/i18n/config";
import type { PublicKind } from "~/modules/publishing/visibility";
import { text } from "~/utils/text";

// Which text of a place, event or opening can be translated: every field its public page and cards show in the
// item's own words (names of areas, categories and the group are translated with the taxonomy and the group).
// Shared by the public queries (what `localize` replaces), the organiser's and the volunteers' translation forms,
// and the browser (labels and limits).

type FieldRule = { max: number; multiline?: boolean };

/**
 * Limits are twice the Japanese form's: the same content takes more characters in English, Portuguese or Nepali
 * than in Japanese, and a translation cut short would say less than the original.
 */
export const TRANSLATABLE_FIELDS = {
  place: {
    name: { max: 200 },
    summary: { max: 600, multiline: true },
    description: { max: 10_000, multiline: true },
    scheduleNote: { max: 400 },
    bookingNote: { max: 400 },
    access: { max: 1000, multiline: true },
    parking: { max: 400 },
    feeNote: { max: 400 },
    barrierFreeNote: { max: 600 },
    whatToBring: { max: 600 },
  },
  event: {
    title: { max: 200 },
    summary: { max: 600, multiline: true },
    description: { max: 10_000, multiline: true },
    feeNote: { max: 400 },
    whatToBring: { max: 600 },
  },
  opening: {
    title: { max: 200 },
    summary: { max: 600, multiline: true },
    description: { max: 10_000, multiline: true },
    purpose: { max: 4000, multiline: true },
    skills: { max: 400 },
    whatToBring: { max: 600 },
  },
} as const satisfies Record<PublicKind, Record<string, FieldRule>>;

export type TranslatableKind = keyof typeof TRANSLATABLE_FIELDS;
export const TRANSLATABLE_KINDS = Object.keys(TRANSLATABLE_FIELDS) as TranslatableKind[];

export const PLACE_TEXT_FIELDS = Object.keys(TRANSLATABLE_FIELDS.place) as (keyof typeof TRANSLATABLE_FIELDS.place)[];
export const EVENT_TEXT_FIELDS = Object.keys(TRANSLATABLE_FIELDS.event) as (keyof typeof TRANSLATABLE_FIELDS.event)[];
export const OPENING_TEXT_FIELDS = Object.keys(TRANSLATABLE_FIELDS.opening) as (keyof typeof TRANSLATABLE_FIELDS.opening)[];

export function fieldsOf(kind: TranslatableKind): string[] {
  return Object.keys(TRANSLATABLE_FIELDS[kind]);
}

export function fieldRule(kind: TranslatableKind, field: string): FieldRule {
  return (TRANSLATABLE_FIELDS[kind] as Record<string, FieldRule>)[field]!;
}

/** Languages an item can be translated into: やさしい日本語 first (most residents read it), then the others. */
export const TARGET_LOCALES = SUPPORTED_LOCALES.filter((l) => l !== DEFAULT_LOCALE);
export type TargetLocale = (typeof TARGET_LOCALES)[number];
export const EASY_JAPANESE = "ja-x-easy";

export function isTargetLocale(value: unknown): value is TargetLocale {
  return typeof value === "string" && (TARGET_LOCALES as readonly string[]).includes(value);
}

export function isTranslatableKind(value: unknown): value is TranslatableKind {
  return typeof value === "string" && value in TRANSLATABLE_FIELDS;
}

/**
 * The form of one item's translation into one language: every field optional (blank = not translated), cleaned and
 * refused like every other text field of the site (control characters, invisible characters, length).
 */
export function translationSchema(kind: TranslatableKind, fields: readonly string[] = fieldsOf(kind)) {
  return z.object(Object.fromEntries(fields.map((f) => [f, text({ max: fieldRule(kind, f).max, multiline: fieldRule(kind, f).multiline })])) as Record<string, ReturnType<typeof text>>);
}

/** How much of an item exists in a language: every field with an original translated, some, or none. */
export const COVERAGE = { complete: "complete", partial: "partial", missing: "missing" } as const;
export type Coverage = (typeof COVERAGE)[keyof typeof COVERAGE];

export const TRANSLATION_STATUS = { draft: "draft", pending: "pending", approved: "approved", rejected: "rejected" } as const;
export const TRANSLATION_SOURCE = { organizer: "organizer", volunteer: "volunteer", staff: "staff" } as const;
/** A community submission's review state (shared with the review page). */
export const SUBMISSION_STATUS = { pending: "pending", approved: "approved", rejected: "rejected" } as const;
