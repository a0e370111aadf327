import { z } from "zod";
import { FURIGANA_CHOICES, TEXT_SIZES } from "./display";

// Kept apart from display.ts, which the header's settings form imports on every page: a schema built at module load
// keeps zod (about 14 KB gzipped) in the bundle of whatever imports it, and only the settings route needs it.

/** What the settings form posts. Every field is a fixed choice; anything else is refused, nothing changed. */
export const DisplayFormSchema = z.object({
  furigana: z.enum(FURIGANA_CHOICES, { message: "display.errors.invalid" }).optional(),
  textSize: z.enum(TEXT_SIZES, { message: "display.errors.invalid" }),
  contrast: z.enum(["normal", "high"], { message: "display.errors.invalid" }),
  returnTo: z.string().max(2000, "display.errors.invalid").optional(),
});
