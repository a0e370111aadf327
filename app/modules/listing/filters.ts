import { z } from "zod";
import { parseTokyoDate } from "~/utils/dates";

// Filters shared by every listing, read from GET parameters so a filtered list is a shareable URL and works
// without JavaScript. Unknown or malformed values are dropped (never an error page): old links keep working.

import { MAX_PAGE, SORTS, TIME_BANDS, WEEKDAY_CODES } from "./constants";

export { MAX_PAGE, PAGE_SIZE, SORTS, TIME_BANDS, TIME_BAND_MINUTES, WEEKDAY_CODES, type TimeBand } from "./constants";

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,60}$/)
  .optional()
  .catch(undefined);
const flag = z
  .enum(["1", "on", "true"])
  .optional()
  .catch(undefined)
  .transform((v) => v !== undefined);

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => parseTokyoDate(v) !== null)
  .optional()
  .catch(undefined);

export const ListingFiltersSchema = z.object({
  area: slug,
  category: slug,
  audience: slug,
  type: slug,
  language: z
    .string()
    .regex(/^[a-zA-Z-]{2,10}$/)
    .optional()
    .catch(undefined),
  beginner: flag,
  free: flag,
  barrierFree: flag,
  /** Has places (or volunteer slots) left. */
  available: flag,
  /** Online or from home. */
  online: flag,
  day: z.enum(WEEKDAY_CODES).optional().catch(undefined),
  time: z.enum(TIME_BANDS).optional().catch(undefined),
  from: dateParam,
  to: dateParam,
  sort: z.enum(SORTS).optional().catch(undefined),
  /** A 町名 or school district as a resident typed it; the list keeps the area(s) it lies in (taxonomy/towns.ts). */
  town: z.string().trim().min(1).max(40).optional().catch(undefined),
  /** Sort by distance from this area (its centre), nearest first. */
  near: slug,
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1),
});

export type ListingFilters = z.infer<typeof ListingFiltersSchema>;

/** No filter at all (page 1). */
export const NO_FILTERS: ListingFilters = ListingFiltersSchema.parse({});

export function parseListingFilters(url: URL): ListingFilters {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ListingFiltersSchema.shape)) {
    // The first value wins; repeated parameters cannot blow up the query.
    const value = url.searchParams.get(key);
    if (value !== null && value !== "") raw[key] = value.normalize("NFKC");
  }
  return ListingFiltersSchema.parse(raw);
}

/** Languages are stored as ",ja,en,"; this builds the portable LIKE pattern for one code. */
export function languagePattern(code: string) {
  return `,${code},`;
}

/** Number of active filters (not page or sort order), for "clear filters" and the empty state. */
export function activeFilterCount(filters: ListingFilters): number {
  return Object.entries(filters).filter(([k, v]) => !["page", "sort", "near"].includes(k) && v !== undefined && v !== false).length;
}

/** The [from, until) instants of a date-range filter, or null when neither end is given. */
export function dateRangeOf(filters: ListingFilters): { from?: Date; until?: Date } | null {
  if (!filters.from && !filters.to) return null;
  const from = filters.from ? parseTokyoDate(filters.from)! : undefined;
  const to = filters.to ? parseTokyoDate(filters.to)! : undefined;
  return { from, until: to ? new Date(to.getTime() + 24 * 3600 * 1000) : undefined };
}
