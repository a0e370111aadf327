import { MAX_ID } from "~/utils/ids";
import { z } from "zod";

/** What staff can do from the 要確認 list: confirm on the group's behalf after a phone call, or remind again. */
export const FRESHNESS_INTENTS = ["confirm", "remind"] as const;

const INVALID = "insight.freshness.errors.invalid";

export const FreshnessActionSchema = z.object({
  intent: z.enum(FRESHNESS_INTENTS, { errorMap: () => ({ message: INVALID }) }),
  placeId: z
    .string({ required_error: INVALID, invalid_type_error: INVALID })
    .regex(/^[1-9]\d{0,9}$/, INVALID)
    .transform(Number)
    .refine((n) => n <= MAX_ID, INVALID),
});
