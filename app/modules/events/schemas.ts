import { z } from "zod";
import { text } from "~/utils/text";
import { CheckboxField, OptionalDateField, OptionalIdField, OptionalUrlField, TimeField, optionalKana, optionalWholeNumber } from "~/modules/forms/fields";
import { LIMITS, checkDay, checkTimes, common, dayNumber, feeFields, issue, ruleControls, valid, type SchemaContext } from "~/modules/forms/item-schemas";
import { ruleControlIssues } from "~/modules/schedule/rule-controls";

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
