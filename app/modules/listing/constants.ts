// Listing constants shared with the browser. Kept apart from filters.ts so pages do not ship zod for them.

export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;

export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export const TIME_BANDS = ["morning", "afternoon", "evening"] as const;
export const SORTS = ["soonest", "newest", "name", "near"] as const;
export type TimeBand = (typeof TIME_BANDS)[number];

/** Minutes after midnight (Tokyo) that each band covers: morning < 12:00 ≤ afternoon < 17:00 ≤ evening. */
export const TIME_BAND_MINUTES: Record<TimeBand, { gte: number; lt: number }> = {
  morning: { gte: 0, lt: 12 * 60 },
  afternoon: { gte: 12 * 60, lt: 17 * 60 },
  evening: { gte: 17 * 60, lt: 24 * 60 },
};

/** Yes/no filters, in the order a list shows them: a checkbox each, labelled filter.<name>, sent as <name>=1. */
export const FLAG_FILTERS = ["beginner", "free", "barrierFree", "available", "online"] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

/** Everything a list's filter form can offer: choices (selects, dates) and flags. */
export type FilterField = "area" | "category" | "audience" | "type" | "language" | "mode" | "day" | "time" | "dates" | FlagFilter;
export type Sort = (typeof SORTS)[number];

/** What one kind's list offers, owned by its domain: the filter fields and the sort orders (the first is the default). */
export type ListOffer = { fields: readonly FilterField[]; sorts: readonly Sort[] };

