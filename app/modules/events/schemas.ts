import { z } from "zod";
import { text } from "~/utils/text";
import { CheckboxField, OptionalDateField, OptionalIdField, OptionalTimeField, OptionalUrlField, TimeField, optionalKana, optionalWholeNumber } from "~/modules/forms/fields";
import { CLOSE_MODES, dayBeforeHours, hoursBeforeStart } from "./close-deadline";
import { LIMITS, checkDay, checkFee, checkTimes, common, dayNumber, feeFields, issue, ruleControls, valid, type SchemaContext } from "~/modules/forms/item-schemas";
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
      phoneRegistration: CheckboxField,
      registrationCloseHours: optionalWholeNumber(LIMITS.closeHours.min, LIMITS.closeHours.max).transform((v) => v ?? 0),
      // How the deadline was given; without it (older forms, scripts) the hours field is taken as it is.
      closeMode: z.enum(CLOSE_MODES, { errorMap: () => ({ message: "errors.invalidChoice" }) }).optional(),
      closeDate: OptionalDateField,
      closeTime: OptionalTimeField,
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
      checkFee(ctx, v);
      checkTimes(ctx, v.startTime, v.endTime, ["startTime"], ["endTime"], true);
      if (v.closeMode === "at") {
        if (v.kind !== "once") issue(ctx, ["closeMode"], "manage.errors.closeAtOnceOnly");
        else if (!v.closeDate) issue(ctx, ["closeDate"], "errors.required");
        else if (!v.closeTime) issue(ctx, ["closeTime"], "errors.required");
        else {
          const hours = hoursBeforeStart({ date: v.date, time: v.startTime }, { date: v.closeDate, time: v.closeTime });
          if (hours !== null && hours < 0) issue(ctx, ["closeDate"], "manage.errors.closeAfterStart");
          else if (hours !== null && hours > LIMITS.closeHours.max) issue(ctx, ["closeDate"], "manage.errors.closeTooEarly");
        }
      }
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
    })
    .transform(({ closeMode, closeDate, closeTime, ...v }) => ({ ...v, registrationCloseHours: closeHoursOf(v, { closeMode, closeDate, closeTime }) }));
}

/** The stored hours for the deadline the form gave (validated above). */
function closeHoursOf(v: { registrationCloseHours: number; date: string; startTime: string }, close: { closeMode?: string; closeDate: string; closeTime: string }): number {
  if (close.closeMode === "start") return 0;
  if (close.closeMode === "dayBefore") return dayBeforeHours(v.startTime) ?? 0;
  if (close.closeMode === "at") return Math.max(0, hoursBeforeStart({ date: v.date, time: v.startTime }, { date: close.closeDate, time: close.closeTime }) ?? 0);
  return v.registrationCloseHours;
}
export type EventInput = z.infer<ReturnType<typeof eventSchema>>;
