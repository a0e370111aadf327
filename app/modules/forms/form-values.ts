import type { SubmissionResult } from "@conform-to/react";

// Stored values → the strings a form starts with (conform reads "on" for a ticked checkbox, "" for blank).

type Plain = string | number | boolean | null | undefined;
export type FormDefaults = Record<string, string | string[] | Record<string, string>[] | undefined>;

export function asFormValue(value: Plain): string | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  if (value === true) return "on";
  return String(value);
}

export function asFormValues<T extends Record<string, Plain | readonly (string | number)[]>>(values: T): FormDefaults {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : asFormValue(v as Plain)]),
  );
}

/**
 * A form with a fixed number of rows (shifts) renders every row, also after the server answered: the reply
 * drops trailing blank rows, so they are put back (without JavaScript the page is rendered from this reply).
 */
export function padRows(result: SubmissionResult<string[]>, field: string, rows: number): SubmissionResult<string[]> {
  const initial = (result.initialValue ?? {}) as Record<string, unknown>;
  const list = Array.isArray(initial[field]) ? [...(initial[field] as unknown[])] : [];
  while (list.length < rows) list.push({});
  return { ...result, initialValue: { ...initial, [field]: list.map((r) => r ?? {}) } as SubmissionResult<string[]>["initialValue"] };
}

/**
 * The form's values with a held edit laid over them (publishing/revisions.server.ts): the organiser sees and keeps
 * working on what they proposed, not the public version. `input` is the form as it was last saved.
 */
export function withProposal(defaults: FormDefaults, input: unknown): FormDefaults {
  if (!input || typeof input !== "object") return defaults;
  const proposal: FormDefaults = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key === "intent") continue;
    if (Array.isArray(value)) {
      // Rows (an opening's shifts) stay rows, a blank row an empty one; a list of codes or ids stays a list.
      proposal[key] = value.some((v) => v !== null && typeof v === "object")
        ? value.map((row) => (row && typeof row === "object" ? (asFormValues(row as Record<string, Plain>) as Record<string, string>) : {}))
        : value.filter((v) => v !== null && v !== undefined).map(String);
    } else if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      proposal[key] = asFormValue(value as Plain);
    }
  }
  return { ...defaults, ...proposal };
}
