/**
 * The largest id a row can have: ids are 32-bit integers on PostgreSQL (SERIAL) and fit SQLite's INTEGER. An id
 * beyond it in a URL or a form is simply no such row (a 404 or a refused choice), never a query error.
 */
export const MAX_ID = 2_147_483_647;

/** "12" → 12; anything that is not a positive whole number up to MAX_ID, written plainly, → null. */
export function idFrom(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}
