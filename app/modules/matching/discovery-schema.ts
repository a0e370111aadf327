import { MAX_ID } from "~/utils/ids";
import { z } from "zod";

const INVALID = "staff.discovery.errors.invalid";

/** Inviting one person (one per click) from the staff discovery list. */
export const InviteSchema = z.object({
  userId: z
    .string({ required_error: INVALID, invalid_type_error: INVALID })
    .regex(/^[1-9]\d{0,9}$/, INVALID)
    .transform(Number)
    .refine((n) => n <= MAX_ID, INVALID),
});
