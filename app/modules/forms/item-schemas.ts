import { z } from "zod";
import { text } from "~/utils/text";
import { CONTENT_LANGUAGES } from "~/components/listing";
import { PARTICIPATION_MODES } from "~/modules/volunteering/constants";
import { addDays, parseTokyoDate } from "~/utils/dates";
import {
  CheckboxField,
  IdListField,
  OptionalDateField,
  OptionalEmailField,
  OptionalIdField,
  OptionalPhoneField,
  OptionalTimeField,
  OptionalUrlField,
  RequiredIdField,
  TimeField,
  enumList,
  minutesOf,
  optionalKana,
  optionalWholeNumber,
  requiredKana,
} from "./fields";
import { NTHS, REPEATS, WEEKDAYS, ruleControlIssues } from "~/modules/schedule/rule-controls";

// The organiser forms for places, events and openings. Each schema lists every field a form may set; anything
// else (status, groupId, createdById, publishedAt, counts…) is dropped, so it can never be mass-assigned
// (SECURITY.md row 23). The group comes from the URL through requireGroupRole, the status from the button pressed.

export const SAVE_INTENTS = ["save", "submit"] as const;
export type SaveIntent = (typeof SAVE_INTENTS)[number];

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

const intent = z.enum(SAVE_INTENTS, { errorMap: () => ({ message: "errors.invalidChoice" }) });

const common = {
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

const feeFields = {
  fee: optionalWholeNumber(LIMITS.fee.min, LIMITS.fee.max),
  feeNote: text({ max: 200 }),
};

const ruleControls = {
  repeat: z.enum(REPEATS, { errorMap: () => ({ message: "errors.invalidChoice" }) }).default("none"),
  weekdays: enumList(WEEKDAYS),
  nths: enumList(NTHS),
};

function dayNumber(date: string): number {
  const d = parseTokyoDate(date);
  return d ? Math.round(d.getTime() / 86_400_000) : NaN;
}

function latestDay(ctx: SchemaContext): string {
  const today = parseTokyoDate(ctx.today);
  return today ? new Date(addDays(today, LIMITS.horizonDays).getTime() + 9 * 3_600_000).toISOString().slice(0, 10) : "9999-12-31";
}

type Issue = z.RefinementCtx;
const issue = (ctx: Issue, path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

type Path = (string | number)[];

/** Refinements run even when a field already failed (zod marks the object dirty): a failed field is not a string. */
const valid = (v: unknown): v is string => typeof v === "string" && v !== "";

function checkTimes(ctx: Issue, start: unknown, end: unknown, startPath: Path, endPath: Path, required: boolean) {
  if (required && start === "") issue(ctx, startPath, "errors.required");
  if (required && end === "") issue(ctx, endPath, "errors.required");
  if (valid(start) && valid(end) && minutesOf(end) <= minutesOf(start)) issue(ctx, endPath, "manage.errors.endBeforeStart");
}

/** A single date that must not be in the past when new, and not absurdly far ahead (year 3000, §3 item 12). */
function checkDay(ctx: Issue, path: (string | number)[], date: unknown, context: SchemaContext, allowPast: boolean) {
  if (!valid(date)) return;
  if (!allowPast && date < context.today) issue(ctx, path, "manage.errors.past");
  if (date > latestDay(context)) issue(ctx, path, "manage.errors.tooFar");
}

// ───────────── Place ─────────────

export function placeSchema(context: SchemaContext) {
  return z
    .object({
      ...common,
      ...feeFields,
      name: text({ max: 100, required: true }),
      nameKana: requiredKana(100),
      typeId: RequiredIdField,
      address: text({ max: 200 }),
      showAreaOnly: CheckboxField,
      access: text({ max: 500, multiline: true }),
      parking: text({ max: 200 }),
      bookingRequired: CheckboxField,
      mealsProvided: CheckboxField,
      transportOffered: CheckboxField,
      wheelchairAccess: CheckboxField,
      accessibleToilet: CheckboxField,
      barrierFreeNote: text({ max: 300 }),
      website: OptionalUrlField,
      ...ruleControls,
      scheduleStart: OptionalTimeField,
      scheduleEnd: OptionalTimeField,
      skipHolidays: CheckboxField,
      scheduleNote: text({ max: 200 }),
    })
    .strip()
    .superRefine((v, ctx) => {
      for (const [field, message] of ruleControlIssues(v, context.keepRule ?? "")) issue(ctx, [field], message);
      checkTimes(ctx, v.scheduleStart, v.scheduleEnd, ["scheduleStart"], ["scheduleEnd"], v.repeat !== "none");
    });
}
export type PlaceInput = z.infer<ReturnType<typeof placeSchema>>;

// ───────────── Event ─────────────

export const EVENT_KINDS = ["once", "series"] as const;

export function eventSchema(context: SchemaContext) {
  return z
    .object({
      ...common,
      ...feeFields,
      title: text({ max: 100, required: true }),
      titleKana: optionalKana(100),
      placeId: OptionalIdField,
      venueName: text({ max: 100 }),
      venueAddress: text({ max: 200 }),
      onlineUrl: OptionalUrlField,
      capacity: optionalWholeNumber(LIMITS.capacity.min, LIMITS.capacity.max),
      registrationRequired: CheckboxField,
      registrationCloseHours: optionalWholeNumber(LIMITS.closeHours.min, LIMITS.closeHours.max).transform((v) => v ?? 0),
      kind: z.enum(EVENT_KINDS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
      date: OptionalDateField,
      startTime: TimeField,
      endTime: TimeField,
      ...ruleControls,
      seriesStart: OptionalDateField,
      seriesEnd: OptionalDateField,
      skipHolidays: CheckboxField,
    })
    .strip()
    .superRefine((v, ctx) => {
      checkTimes(ctx, v.startTime, v.endTime, ["startTime"], ["endTime"], true);
      if (v.kind === "once") {
        if (!v.date) issue(ctx, ["date"], "errors.required");
        checkDay(ctx, ["date"], v.date, context, !context.creating);
        return;
      }
      if (v.repeat === "none") issue(ctx, ["repeat"], "manage.errors.chooseRepeat");
      for (const [field, message] of ruleControlIssues(v, context.keepRule ?? "")) issue(ctx, [field], message);
      if (!v.seriesStart) issue(ctx, ["seriesStart"], "errors.required");
      // A series that began earlier keeps its first day when edited; only new dates are materialised.
      checkDay(ctx, ["seriesStart"], v.seriesStart, context, true);
      if (valid(v.seriesStart) && valid(v.seriesEnd)) {
        if (v.seriesEnd < v.seriesStart) issue(ctx, ["seriesEnd"], "manage.errors.endBeforeStart");
        else if (dayNumber(v.seriesEnd) - dayNumber(v.seriesStart) > 5 * 366) issue(ctx, ["seriesEnd"], "manage.errors.tooFar");
      }
    });
}
export type EventInput = z.infer<ReturnType<typeof eventSchema>>;

// ───────────── Opening ─────────────

const ShiftRow = z
  .object({
    id: OptionalIdField,
    date: OptionalDateField,
    start: OptionalTimeField,
    end: OptionalTimeField,
    slots: optionalWholeNumber(LIMITS.slots.min, LIMITS.slots.max),
    /** Ticked on an existing shift to take it off (cancelled if people applied, deleted otherwise). */
    remove: CheckboxField,
  })
  .strip();

export function openingSchema(context: SchemaContext) {
  return z
    .object({
      ...common,
      title: text({ max: 100, required: true }),
      titleKana: optionalKana(100),
      purpose: text({ max: 2000, multiline: true }),
      placeId: OptionalIdField,
      participationMode: z.enum(PARTICIPATION_MODES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
      venueName: text({ max: 100 }),
      venueAddress: text({ max: 200 }),
      skills: text({ max: 200 }),
      minAge: optionalWholeNumber(LIMITS.minAge.min, LIMITS.minAge.max),
      insuranceRequired: CheckboxField,
      needsApproval: CheckboxField,
      schoolFriendly: CheckboxField,
      applyBy: OptionalDateField,
      ongoing: CheckboxField,
      ongoingSlots: optionalWholeNumber(LIMITS.slots.min, LIMITS.slots.max),
      shifts: z
        .array(ShiftRow.nullish(), { invalid_type_error: "errors.invalidChoice" })
        .max(LIMITS.maxShifts, "manage.errors.tooManyShifts")
        .optional()
        .transform((rows) => rows ?? []),
    })
    .strip()
    .superRefine((v, ctx) => {
      checkDay(ctx, ["applyBy"], v.applyBy, context, !context.creating);
      if (v.ongoing) return;
      let filled = 0;
      v.shifts.forEach((row, i) => {
        if (!row || row.remove || (!row.date && !row.start && !row.end && row.slots === null)) return;
        filled += 1;
        if (row.date === "") issue(ctx, ["shifts", i, "date"], "errors.required");
        // An existing shift keeps its (possibly past) day; new ones must be today or later.
        checkDay(ctx, ["shifts", i, "date"], row.date, context, !context.creating && row.id !== null);
        checkTimes(ctx, row.start, row.end, ["shifts", i, "start"], ["shifts", i, "end"], true);
      });
      if (filled === 0) issue(ctx, ["shifts"], "manage.errors.shiftsRequired");
    });
}
export type OpeningInput = z.infer<ReturnType<typeof openingSchema>>;
export type ShiftInput = NonNullable<OpeningInput["shifts"][number]>;

/** The rows of a shift form that were filled in and not ticked for removal, with their index (for error paths). */
export function filledShifts(shifts: OpeningInput["shifts"]): { row: ShiftInput; index: number }[] {
  return shifts.flatMap((row, index) => (row && !row.remove && row.date && row.start && row.end ? [{ row, index }] : []));
}
