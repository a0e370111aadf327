import { z } from "zod";
import { text } from "~/utils/text";
import { CONTENT_LANGUAGES } from "~/modules/i18n/config";
import { addDays, parseTokyoDate } from "~/utils/dates";
import { SAVE_INTENTS } from "~/modules/publishing/status";
import { CheckboxField, IdListField, OptionalEmailField, OptionalIdField, OptionalPhoneField, enumList, minutesOf, optionalWholeNumber } from "./fields";
import { NTHS, REPEATS, WEEKDAYS } from "~/modules/schedule/rule-controls";
import { FEE_FREE_FOR, FEE_KIND, FEE_KINDS } from "~/modules/fees/fee";

// What the organiser forms of places, events and openings share (each domain's schemas.ts builds on it). Each schema lists every field a form may set; anything
// else (status, groupId, createdById, publishedAt, counts…) is dropped, so it can never be mass-assigned
// (SECURITY.md row 23). The group comes from the URL through requireGroupRole, the status from the button pressed.

/** Limits shown as hints next to the fields, so people learn the range before they hit it. */
export const LIMITS = {
  fee: { min: 0, max: 100_000 },
  capacity: { min: 1, max: 10_000 },
  slots: { min: 1, max: 1_000 },
  minAge: { min: 0, max: 100 },
  closeHours: { min: 0, max: 720 },
  maxShifts: 4,
  /** How far ahead a date may be, in days. */
  horizonDays: 2 * 366,
} as const;

/** Options the server knows and the schema needs: "today" in Tokyo and whether the item is new. */
export type SchemaContext = { today: string; creating: boolean; keepRule?: string };

export const intent = z.enum(SAVE_INTENTS, { errorMap: () => ({ message: "errors.invalidChoice" }) });

export const common = {
  intent,
  summary: text({ max: 300, multiline: true }),
  description: text({ max: 5000, multiline: true }),
  areaId: OptionalIdField,
  beginnerFriendly: CheckboxField,
  languages: enumList(CONTENT_LANGUAGES),
  whatToBring: text({ max: 300 }),
  contactName: text({ max: 50 }),
  contactPhone: OptionalPhoneField,
  contactEmail: OptionalEmailField,
  categoryIds: IdListField,
  audienceIds: IdListField,
};

export const feeFields = {
  // Without a kind (older forms, scripts) the amount says it as before: 0 free, more paid, blank unknown.
  feeKind: z.enum(FEE_KINDS, { errorMap: () => ({ message: "errors.invalidChoice" }) }).optional(),
  fee: optionalWholeNumber(LIMITS.fee.min, LIMITS.fee.max),
  feeFreeFor: z.enum(FEE_FREE_FOR, { errorMap: () => ({ message: "errors.invalidChoice" }) }).optional(),
  feeNote: text({ max: 200 }),
};

/** Paid and partly free need the amount the paying visitors pay (1 yen or more); free and unknown ignore it. */
export function checkFee(ctx: Issue, v: { feeKind?: unknown; fee?: unknown }) {
  if (v.feeKind !== FEE_KIND.paid && v.feeKind !== FEE_KIND.partlyFree) return;
  if (v.fee === null || v.fee === undefined) issue(ctx, ["fee"], "manage.errors.feeAmountRequired");
  else if (v.fee === 0) issue(ctx, ["fee"], "manage.errors.feeAmountZero");
}

export const ruleControls = {
  repeat: z.enum(REPEATS, { errorMap: () => ({ message: "errors.invalidChoice" }) }).default("none"),
  weekdays: enumList(WEEKDAYS),
  nths: enumList(NTHS),
};

export function dayNumber(date: string): number {
  const d = parseTokyoDate(date);
  return d ? Math.round(d.getTime() / 86_400_000) : NaN;
}

export function latestDay(ctx: SchemaContext): string {
  const today = parseTokyoDate(ctx.today);
  return today ? new Date(addDays(today, LIMITS.horizonDays).getTime() + 9 * 3_600_000).toISOString().slice(0, 10) : "9999-12-31";
}

export type Issue = z.RefinementCtx;
export const issue = (ctx: Issue, path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

export type Path = (string | number)[];

/** Refinements run even when a field already failed (zod marks the object dirty): a failed field is not a string. */
export const valid = (v: unknown): v is string => typeof v === "string" && v !== "";

export function checkTimes(ctx: Issue, start: unknown, end: unknown, startPath: Path, endPath: Path, required: boolean) {
  if (required && start === "") issue(ctx, startPath, "errors.required");
  if (required && end === "") issue(ctx, endPath, "errors.required");
  if (valid(start) && valid(end) && minutesOf(end) <= minutesOf(start)) issue(ctx, endPath, "manage.errors.endBeforeStart");
}

/** A single date that must not be in the past when new, and not absurdly far ahead (year 3000, §3 item 12). */
export function checkDay(ctx: Issue, path: (string | number)[], date: unknown, context: SchemaContext, allowPast: boolean) {
  if (!valid(date)) return;
  if (!allowPast && date < context.today) issue(ctx, path, "manage.errors.past");
  if (date > latestDay(context)) issue(ctx, path, "manage.errors.tooFar");
}
