import type { ListingFilters } from "~/modules/listing/filters";
import { foldForSearch } from "~/modules/search/normalize";
import { readingOf } from "~/modules/search/reading.server";
import { findMatches } from "~/modules/db/search.server";
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

const KANJI = /\p{Script=Han}/u;
// A reading of one or two kana (茶 → ちゃ) would match inside unrelated words (おもちゃ); the kanji itself still matches.
const withReading = (term: string, reading: string) => ([...reading].length >= 3 && reading !== term ? [term, reading] : [term]);

/**
 * Each term with the other ways it may be written: a term holding kanji is also tried as its reading, so 子供食堂,
 * 子ども食堂 and こども食堂 all meet documents whose text or reading says こどもしょくどう. Kana and latin terms are
 * already their own reading (and skip the dictionary, which takes a second to load the first time).
 */
export async function termSpellings(terms: string[]): Promise<string[][]> {
  return Promise.all(terms.map(async (term) => (KANJI.test(term) ? withReading(term, await readingOf(term)) : [term])));
}

/**
 * One query across published places, events and openings, ranked (title first), with the listing filters applied.
 * Matching is on the item's words (any kana script, full/half width) and on the reading of its name, so a
 * hiragana query finds kanji text.
 */
export async function searchEverything(rawQuery: string, locale: string, filters: ListingFilters, now = new Date()) {
  const terms = queryTerms(rawQuery);
  if (!terms.length) return { terms, places: [], events: [], openings: [] };
  const matches = await findMatches(await termSpellings(terms));
  const idsOf = (type: string) => matches.filter((m) => m.entityType === type).map((m) => m.entityId);
  const [places, events, openings] = await Promise.all([
    placeCardsByIds(idsOf("place"), filters, locale, now, PER_KIND),
    eventSearchCardsByIds(idsOf("event"), filters, locale, now, PER_KIND),
    openingCardsByIds(idsOf("opening"), filters, locale, now, PER_KIND),
  ]);
  return { terms, places, events, openings };
}
