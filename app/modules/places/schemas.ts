import { z } from "zod";
import { text } from "~/utils/text";
import { CheckboxField, OptionalTimeField, OptionalUrlField, RequiredIdField, requiredKana } from "~/modules/forms/fields";
import { checkFee, checkTimes, common, feeFields, issue, ruleControls, type SchemaContext } from "~/modules/forms/item-schemas";
import { ruleControlIssues } from "~/modules/schedule/rule-controls";

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
      bookingNote: text({ max: 200 }),
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
      checkFee(ctx, v);
      checkTimes(ctx, v.scheduleStart, v.scheduleEnd, ["scheduleStart"], ["scheduleEnd"], v.repeat !== "none");
    });
}
export type PlaceInput = z.infer<ReturnType<typeof placeSchema>>;
