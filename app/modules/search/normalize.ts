// Japanese-aware normalisation shared by indexing and querying.

/**
 * NFKC (full-width → half-width ASCII, half-width kana → full-width) + lower case + trimmed, single spaces.
 * Control characters separate words (a NUL must never reach SQLite, where it ends a string early); invisible
 * format characters (zero-width space, word joiner, BOM…) are dropped, so text and queries compare as read, and
 * so is half a surrogate pair (a query cut in UTF-16 units), which the database driver refuses.
 */
export function normalizeText(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/[\p{Cf}\p{Cs}]/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Katakana → hiragana, so either script finds the other. */
export function toHiragana(value: string): string {
  return value.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

export function toKatakana(value: string): string {
  return value.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** The spellings a query is tried in: as typed (normalised), in hiragana and in katakana. */
export function queryVariants(query: string): string[] {
  const base = normalizeText(query);
  if (!base) return [];
  return [...new Set([base, toHiragana(base), toKatakana(base)])];
}

/** What the index stores and queries are compared in: normalised and katakana folded to hiragana. */
export function foldForSearch(value: string): string {
  return toHiragana(normalizeText(value));
}

/**
 * The query as a person typed it, made fit to show back (title, search box, "results for …") and to search:
 * control characters become spaces, invisible format characters and half surrogate pairs go, and it is cut at
 * `max` code points (cutting UTF-16 units could split a character such as 𠮷). Case and width stay as typed.
 */
export function cleanQuery(raw: string, max: number): string {
  const cleaned = raw
    .normalize("NFC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/[\p{Cf}\p{Cs}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return Array.from(cleaned).slice(0, max).join("").trim();
}
