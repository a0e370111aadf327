import { z } from "zod";
import { RequiredIdField } from "~/modules/forms/choice-fields";
import { HIRAGANA_READING, canCarryRuby, hasKanji } from "./markup";

/** What the staff page posts: a reading to add (a written form with kanji, its reading in hiragana) or one to delete. */
export const CorrectionFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    surface: z
      .string({ required_error: "staff.readings.errors.surface" })
      .trim()
      .min(1, "staff.readings.errors.surface")
      .max(40, "staff.readings.errors.surface")
      .refine((v) => hasKanji(v) && canCarryRuby(v) && !/\s/.test(v), "staff.readings.errors.surface"),
    reading: z
      .string({ required_error: "staff.readings.errors.reading" })
      .trim()
      .max(80, "staff.readings.errors.reading")
      .regex(HIRAGANA_READING, "staff.readings.errors.reading"),
  }),
  z.object({ intent: z.literal("delete"), id: RequiredIdField }),
]);
