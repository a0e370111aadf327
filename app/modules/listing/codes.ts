// Multi-valued codes (an item's languages, say) are stored as ",ja,en," so that one LIKE '%,en,%' finds them on
// SQLite and PostgreSQL alike (see languagePattern in filters.ts).

export function splitCodes(stored: string): string[] {
  return stored.split(",").filter(Boolean);
}

/** ",ja,en," as stored; Japanese when nothing was ticked. */
export function joinCodes(codes: readonly string[]): string {
  return codes.length ? `,${codes.join(",")},` : ",ja,";
}
