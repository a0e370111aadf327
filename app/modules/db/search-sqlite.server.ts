import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { SearchableType } from "~/modules/search/documents.server";

// The SQLite implementation of matching (FTS5 trigram + LIKE). All SQLite-specific SQL of the search module lives
// here, behind `findMatches`, so PostgreSQL can get its own implementation (pg_trgm) without touching callers.

export type Match = { entityType: SearchableType; entityId: number; score: number };

/** Terms of 3+ characters use the trigram index; 1–2 character terms (「料理」) fall back to a substring scan. */
export const TRIGRAM_MIN = 3;

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
// Every term is one quoted FTS5 phrase, so operators (NEAR, OR, *, ^, :, parentheses) are plain text. Control
// characters are taken out here too, whoever calls: a NUL cuts SQLite's reading of the MATCH string short
// ("unterminated string").
const withoutControls = (term: string) => term.replace(/\p{Cc}/gu, "");
const ftsPhrase = (term: string) => `"${term.replace(/"/g, '""')}"`;

export async function findMatches(rawTerms: string[], limit = 300): Promise<Match[]> {
  const terms = rawTerms.map(withoutControls).filter(Boolean);
  const long = terms.filter((t) => [...t].length >= TRIGRAM_MIN);
  const short = terms.filter((t) => [...t].length < TRIGRAM_MIN);
  const shortConditions = short.map(
    (t) => Prisma.sql`(d."text" LIKE ${likePattern(t)} ESCAPE '\\' OR d."reading" LIKE ${likePattern(t)} ESCAPE '\\')`,
  );
  let rows: { entityType: string; entityId: number | bigint; score: number }[];
  if (long.length) {
    const match = long.map(ftsPhrase).join(" AND ");
    const extra = shortConditions.length ? Prisma.sql` AND ${Prisma.join(shortConditions, " AND ")}` : Prisma.empty;
    // bm25 weights: a match in the title counts most, then the reading of the name, then the body.
    rows = await prisma.$queryRaw`
      SELECT d."entityType" AS "entityType", d."entityId" AS "entityId", bm25("SearchFts", 8.0, 1.0, 3.0) AS "score"
      FROM "SearchFts" JOIN "SearchDocument" d ON d."id" = "SearchFts".rowid
      WHERE "SearchFts" MATCH ${match}${extra}
      ORDER BY "score" ASC
      LIMIT ${limit}`;
  } else if (shortConditions.length) {
    const inTitle = Prisma.join(short.map((t) => Prisma.sql`(d."title" LIKE ${likePattern(t)} ESCAPE '\\')`), " + ");
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
