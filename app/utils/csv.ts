import { stringify } from "csv-stringify/sync";

// CSV for people who open it in Excel: UTF-8 with a BOM (or Excel guesses Shift_JIS), CRLF, and no cell that a
// spreadsheet would run as a formula.

/** A cell starting with = + - @ (or a tab/CR) is a formula to Excel; a leading apostrophe keeps it text. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toExcelCsv(rows: (string | number)[][]): string {
  return `\uFEFF${stringify(
    rows.map((r) => r.map((v) => neutralizeFormula(String(v)))),
    { record_delimiter: "\r\n" },
  )}`;
}

/**
 * A nested record as [path, value] rows ("applications[2].shift.startsAt"), for a CSV that keeps everything a JSON
 * export holds. Dates become ISO strings, empty values empty cells.
 */
export function flattenRecord(value: unknown, path = ""): [string, string][] {
  if (value === null || value === undefined) return [[path, ""]];
  if (value instanceof Date) return [[path, value.toISOString()]];
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => flattenRecord(v, `${path}[${i + 1}]`)) : [[path, ""]];
  if (typeof value === "object") return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flattenRecord(v, path ? `${path}.${k}` : k));
  return [[path, String(value)]];
}
