import { z } from "zod";
import { ApplySchema, RegisterSchema } from "~/modules/participation/schemas";
import { text } from "~/utils/text";

// The forms of a person's staff page (/staff/people/:userId), shared by the action and the browser (hints only).
// Messages are i18n keys: people.* for these pages' own words, participation's for its own forms.

/** User.status values (see prisma/schema.prisma): getSessionUser refuses every session of a non-active account. */
export const PERSON_STATUS = { active: "active", suspended: "suspended", deleted: "deleted" } as const;

export const PERSON_ACTIONS = ["suspend", "unsuspend", "logout-everywhere"] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];

/** Why staff act on a person: kept in the audit log with who did it. */
export const PersonActionSchema = z.object({
  intent: z.enum(PERSON_ACTIONS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  reason: text({ max: 500, required: true, multiline: true }),
});

/** Staff apply or register for the person with the participation forms' own fields (the person's consent, told to staff). */
export const ApplyForPersonSchema = ApplySchema;
export const RegisterForPersonSchema = RegisterSchema;
