// How far a saved edit of a public item reaches the cached public pages (server/page-cache.js, ADR 018): an edit
// that changed only an item's words leaves every list of its kind holding the same items in the same order, so
// only the pages that show the item, search and the home page need rendering anew. Which columns are words is each
// kind's own list (places/commands.server.ts); anything else an edit changed counts as where the item belongs.

/** The values of one item: its columns, and its linked categories and audiences as lists of ids. */
type Values = Record<string, unknown>;

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === "object" && "id" in v ? v.id : v)).sort().join(",");
  // An empty text and no text read the same on every page and filter ("" from a form, null from a seed or import).
  return value === "" || value === undefined ? null : value;
}

/**
 * "text" when the edit (`after`, the values written; a column left out or undefined is not written) changed
 * nothing of `before` outside `textColumns`; else "content". A new item (`before` null) is "content".
 */
export function reachOfEdit(before: Values | null, after: Values, textColumns: ReadonlySet<string>): "text" | "content" {
  if (!before) return "content";
  for (const [column, value] of Object.entries(after)) {
    if (value === undefined || textColumns.has(column)) continue;
    if (!(column in before) || comparable(before[column]) !== comparable(value)) return "content";
  }
  return "text";
}
