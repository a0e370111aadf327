import { dialect } from "~/utils/db.server";
import { findMatches as findMatchesPostgres } from "./search-postgres.server";
import { findMatches as findMatchesSqlite, type Match } from "./search-sqlite.server";

export type { Match };

/**
 * Items matching every term, best first: one function whatever the database, each with its own index (SQLite FTS5
 * trigram, PostgreSQL pg_trgm). A term may be a list of alternatives (子供食堂 or こどもしょくどう).
 */
export function findMatches(terms: (string | string[])[], limit?: number): Promise<Match[]> {
  return dialect() === "postgresql" ? findMatchesPostgres(terms, limit) : findMatchesSqlite(terms, limit);
}
