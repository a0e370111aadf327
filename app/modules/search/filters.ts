import { z } from "zod";

// Filters shared by every listing, read from GET parameters so a filtered list is a shareable URL and works
// without JavaScript. Unknown or malformed values are dropped (never an error page): old links keep working.

export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;

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
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1),
});

export type ListingFilters = z.infer<typeof ListingFiltersSchema>;

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

/** Number of active filters other than the page, for "clear filters" and the empty state. */
export function activeFilterCount(filters: ListingFilters): number {
  return Object.entries(filters).filter(([k, v]) => k !== "page" && v !== undefined && v !== false).length;
}

export function pageCount(total: number) {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
