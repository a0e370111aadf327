import { findBySlug, getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { findAreasForTown } from "~/modules/taxonomy/towns";
import { languagePattern, type ListingFilters } from "./filters";

/** The conditions every kind's listing shares: the columns and relations places, events and openings all have. */
export type SharedListingCondition =
  | { areaId: number }
  | { areaId: { in: number[] } }
  | { categories: { some: { id: number } } }
  | { audiences: { some: { id: number } } }
  | { languages: { contains: string } }
  | { beginnerFriendly: true };

/**
 * The filters that mean the same on every list (area, category, audience, language, beginners), as where
 * conditions, with the taxonomy they were looked up in (a kind's own filters may need it too). Unknown slugs add
 * nothing, as if the filter had not been given.
 */
export async function sharedListingWhere(filters: ListingFilters, locale: string) {
  const taxonomy = await getTaxonomy(locale);
  const conditions: SharedListingCondition[] = [];
  const area = findBySlug(taxonomy.areas, filters.area ?? null);
  if (area) conditions.push({ areaId: area.id });
  // A 町名 keeps the area it lies in, or every area it is split between; a name no area lists filters nothing
  // (the page says it was not found).
  const town = filters.town ? findAreasForTown(filters.town, taxonomy.areas) : null;
  if (town?.kind === "found") {
    const ids = town.areas.map((a) => findBySlug(taxonomy.areas, a.slug)!.id);
    conditions.push({ areaId: { in: ids } });
  }
  const category = findBySlug(taxonomy.categories, filters.category ?? null);
  if (category) conditions.push({ categories: { some: { id: category.id } } });
  const audience = findBySlug(taxonomy.audiences, filters.audience ?? null);
  if (audience) conditions.push({ audiences: { some: { id: audience.id } } });
  if (filters.language) conditions.push({ languages: { contains: languagePattern(filters.language) } });
  if (filters.beginner) conditions.push({ beginnerFriendly: true });
  return { taxonomy, conditions };
}
