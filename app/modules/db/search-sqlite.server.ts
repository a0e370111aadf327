import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { SearchableType } from "~/modules/search/documents.server";

// The SQLite implementation of matching (FTS5 trigram + LIKE). All SQLite-specific SQL of the search module lives
// here; callers use `findMatches` of search.server.ts, which picks this one or PostgreSQL's (search-postgres.server.ts).

export type Match = { entityType: SearchableType; entityId: number; score: number };

/** Terms of 3+ characters use the trigram index; 1–2 character terms (「料理」) fall back to a substring scan. */
export const TRIGRAM_MIN = 3;

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
// Every term is one quoted FTS5 phrase, so operators (NEAR, OR, *, ^, :, parentheses) are plain text. Control
// characters are taken out here too, whoever calls: a NUL cuts SQLite's reading of the MATCH string short
// ("unterminated string").
const withoutControls = (term: string) => term.replace(/\p{Cc}/gu, "");
const ftsPhrase = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * Items matching every term. A term may be a list of alternatives (the query word as typed and its reading: 子供食堂 or
 * こどもしょくどう); any one of them matching is enough for that term.
 */
export async function findMatches(rawTerms: (string | string[])[], limit = 300): Promise<Match[]> {
  const terms = rawTerms
    .map((term) => [...new Set((Array.isArray(term) ? term : [term]).map(withoutControls).filter(Boolean))])
    .filter((alternatives) => alternatives.length);
  const isLong = (t: string) => [...t].length >= TRIGRAM_MIN;
  // A term goes to the trigram index when every spelling of it is long enough, otherwise to a substring scan.
  const long = terms.filter((alternatives) => alternatives.every(isLong));
  const short = terms.filter((alternatives) => !alternatives.every(isLong));
  // A reading is kana (and latin), never kanji: a word with kanji is looked for in the text alone.
  const likeOne = (t: string) =>
    /\p{Script=Han}/u.test(t)
      ? Prisma.sql`d."text" LIKE ${likePattern(t)} ESCAPE '\\'`
      : Prisma.sql`d."text" LIKE ${likePattern(t)} ESCAPE '\\' OR d."reading" LIKE ${likePattern(t)} ESCAPE '\\'`;
  // In a mixed term (料理 or りょうり) only the short spelling needs the scan; the long one is looked up in the
  // trigram index once (SQLite evaluates the uncorrelated IN list a single time), so the reading costs almost nothing.
  const shortConditions = short.map((alternatives) => {
    const longOnes = alternatives.filter(isLong);
    const conditions = alternatives.filter((t) => !isLong(t)).map(likeOne);
    if (longOnes.length)
      conditions.push(Prisma.sql`d."id" IN (SELECT rowid FROM "SearchFts" WHERE "SearchFts" MATCH ${longOnes.map(ftsPhrase).join(" OR ")})`);
    return Prisma.sql`(${Prisma.join(conditions, " OR ")})`;
  });
  let rows: { entityType: string; entityId: number | bigint; score: number }[];
  if (long.length) {
    const match = long.map((alternatives) => `(${alternatives.map(ftsPhrase).join(" OR ")})`).join(" AND ");
    const extra = shortConditions.length ? Prisma.sql` AND ${Prisma.join(shortConditions, " AND ")}` : Prisma.empty;
    // bm25 weights: a match in the title counts most, then in the reading, then in the text.
    rows = await prisma.$queryRaw`
      SELECT d."entityType" AS "entityType", d."entityId" AS "entityId", bm25("SearchFts", 8.0, 1.0, 3.0) AS "score"
      FROM "SearchFts" JOIN "SearchDocument" d ON d."id" = "SearchFts".rowid
      WHERE "SearchFts" MATCH ${match}${extra}
      ORDER BY "score" ASC
      LIMIT ${limit}`;
  } else if (shortConditions.length) {
    const inTitle = Prisma.join(short.map((alternatives) => Prisma.sql`(d."title" LIKE ${likePattern(alternatives[0]!)} ESCAPE '\\')`), " + ");
    rows = await prisma.$queryRaw`
      SELECT d."entityType" AS "entityType", d."entityId" AS "entityId", -(${inTitle}) AS "score"
      FROM "SearchDocument" d
      WHERE ${Prisma.join(shortConditions, " AND ")}
      ORDER BY "score" ASC, d."id" ASC
      LIMIT ${limit}`;
  } else {
    return [];
  }
  return rows.map((r) => ({ entityType: r.entityType as SearchableType, entityId: Number(r.entityId), score: Number(r.score) }));
}
