import { z } from "zod";
import { text } from "~/utils/text";
import { CheckboxField, OptionalDateField, OptionalIdField, OptionalTimeField, optionalKana, optionalWholeNumber } from "~/modules/forms/fields";
import { LIMITS, checkDay, checkTimes, common, issue, type SchemaContext } from "~/modules/forms/item-schemas";

import { PARTICIPATION_MODES } from "./constants";

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
