import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Match } from "./search-sqlite.server";
import { TRIGRAM_MIN } from "./search-sqlite.server";

// The PostgreSQL implementation of matching, the same behaviour as search-sqlite.server.ts: a term of 3+ characters
// is a substring of the title, the text or the reading, answered by pg_trgm's GIN indexes (prisma/postgresql/
// migrations, baseline); a 1–2 character term (「料理」) is a substring of the text, or of the reading when it has no
// kanji, found by a scan, as on SQLite. ILIKE because SQLite's LIKE and FTS5's trigram tokenizer ignore case too.

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const withoutControls = (term: string) => term.replace(/\p{Cc}/gu, "");

/** bm25's saturation and length normalisation (k1, b) and a typical length of each column, in characters. */
const K1 = 1.2;
const B = 0.75;
const COLUMN = { title: Prisma.sql`d."title"`, text: Prisma.sql`d."text"`, reading: Prisma.sql`d."reading"` };
const COLUMNS = [
  { column: COLUMN.title, weight: 8, typical: 20 },
  { column: COLUMN.text, weight: 3, typical: 400 },
  { column: COLUMN.reading, weight: 1, typical: 60 },
] as const;

/** A bm25-like relevance of one term over the three columns. */
function relevance(term: string) {
  const lower = term.toLowerCase();
  const length = [...term].length;
  return Prisma.join(
    COLUMNS.map(({ column, weight, typical }) => {
      // Cast: a bound number takes its type from the context (an integer beside char_length), and 0.75 would not fit.
      const n = (value: number) => Prisma.sql`${value}::float8`;
      const tf = Prisma.sql`((char_length(${column}) - char_length(replace(lower(${column}), ${lower}, '')))::float8 / ${n(length)})`;
      return Prisma.sql`(${n(weight)} * ${tf} / (${tf} + ${n(K1)} * (${n(1 - B)} + ${n(B)} * char_length(${column}) / ${n(typical)})))`;
    }),
    " + ",
  );
}

/** Items matching every term; a term may be a list of alternatives (the word as typed and its reading). */
export async function findMatches(rawTerms: (string | string[])[], limit = 300): Promise<Match[]> {
  const terms = rawTerms
    .map((term) => [...new Set((Array.isArray(term) ? term : [term]).map(withoutControls).filter(Boolean))])
    .filter((alternatives) => alternatives.length);
  if (!terms.length) return [];
  const isLong = (t: string) => [...t].length >= TRIGRAM_MIN;
  const like = (column: keyof typeof COLUMN, t: string) => Prisma.sql`${COLUMN[column]} ILIKE ${likePattern(t)} ESCAPE '\\'`;
  const one = (t: string) =>
    isLong(t)
      ? Prisma.sql`(${like("title", t)} OR ${like("text", t)} OR ${like("reading", t)})`
      : /\p{Script=Han}/u.test(t)
        ? like("text", t)
        : Prisma.sql`(${like("text", t)} OR ${like("reading", t)})`;
  const conditions = terms.map((alternatives) => Prisma.sql`(${Prisma.join(alternatives.map(one), " OR ")})`);
  // Ranked like SQLite's bm25 (weights: title 8, text 3, reading 1): how often the term occurs in a column, damped by
  // the column's length against a typical one, so a short title that says 「サロン」 twice outranks a long text that
  // mentions it once. Only terms of the trigram kind are weighed there, so a query of short terms only is ranked by
  // its title matches.
  const long = terms.filter((alternatives) => alternatives.every(isLong));
  const score = long.length
    ? Prisma.join(long.flatMap((alternatives) => alternatives.map(relevance)), " + ")
    : Prisma.join(terms.map((alternatives) => Prisma.sql`(CASE WHEN ${like("title", alternatives[0]!)} THEN 1 ELSE 0 END)`), " + ");
  const rows = await prisma.$queryRaw<{ entityType: string; entityId: number; score: number }[]>`
    SELECT d."entityType" AS "entityType", d."entityId" AS "entityId", -(${score}) AS "score"
    FROM "SearchDocument" d
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY "score" ASC, d."id" ASC
    LIMIT ${limit}`;
  return rows.map((r) => ({ entityType: r.entityType as Match["entityType"], entityId: Number(r.entityId), score: Number(r.score) }));
}
