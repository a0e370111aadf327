import type { ListingFilters } from "~/modules/listing/filters";
import { foldForSearch } from "~/modules/search/normalize";
import { findMatches } from "~/modules/db/search-sqlite.server";
import { placeCardsByIds } from "~/modules/places/queries.server";
import { eventSearchCardsByIds } from "~/modules/events/queries.server";
import { openingCardsByIds } from "~/modules/volunteering/queries.server";

export const MAX_QUERY_LENGTH = 100;
const MAX_TERMS = 5;
const PER_KIND = 20;

/** Splits a query into folded terms: 「こども 食堂」 (also with a full-width space) → ["こども", "食堂"]. */
export function queryTerms(raw: string): string[] {
  // Cut in code points, so a 𠮷 at the limit is kept or dropped whole.
  const folded = foldForSearch([...raw].slice(0, MAX_QUERY_LENGTH).join(""));
  return [...new Set(folded.split(" ").filter(Boolean))].slice(0, MAX_TERMS);
}

/**
 * One query across published places, events and openings, ranked (title first), with the listing filters applied.
 * Matching is on the item's words (any kana script, full/half width) and on the reading of its name, so a
 * hiragana query finds kanji text.
 */
export async function searchEverything(rawQuery: string, locale: string, filters: ListingFilters, now = new Date()) {
  const terms = queryTerms(rawQuery);
  if (!terms.length) return { terms, places: [], events: [], openings: [] };
  const matches = await findMatches(terms);
  const idsOf = (type: string) => matches.filter((m) => m.entityType === type).map((m) => m.entityId);
  const [places, events, openings] = await Promise.all([
    placeCardsByIds(idsOf("place"), filters, locale, now, PER_KIND),
    eventSearchCardsByIds(idsOf("event"), filters, locale, now, PER_KIND),
    openingCardsByIds(idsOf("opening"), filters, locale, now, PER_KIND),
  ]);
  return { terms, places, events, openings };
}
