import { z } from "zod";
import { text } from "~/utils/text";
import { EmailField, NameField, QUICK_JOIN_CODE } from "~/modules/auth/schemas";

// Participation forms. The user always comes from the session, never from the form (SECURITY.md rows 22–23).

const id = z.coerce.number({ invalid_type_error: "errors.invalidChoice" }).int().positive().max(2_147_483_647);

export const ApplySchema = z.object({
  intent: z.literal("apply"),
  shiftId: id,
  consent: z.literal("on", { errorMap: () => ({ message: "participation.consentRequired" }) }),
  message: text({ max: 500, multiline: true }),
});

export const RegisterSchema = z.object({
  intent: z.literal("register"),
  eventDateId: id,
  partySize: z
    .string()
    .transform((v) => v.normalize("NFKC").trim())
    .pipe(z.coerce.number({ invalid_type_error: "participation.partySizeInvalid" }).int("participation.partySizeInvalid").min(1, "participation.partySizeInvalid").max(10, "participation.partySizeInvalid")),
  consent: z.literal("on", { errorMap: () => ({ message: "participation.consentRequired" }) }),
});

export const WithdrawSchema = z.object({ intent: z.literal("withdraw"), id });

/**
 * Taking part without an account (quick join): the page's own fields (the date or shift, the message or party size)
 * with a name, an address and the one consent, first to get a code ("join"), then again with the code
 * ("join-code", the first step's values carried in the form). The consent covers the privacy notice and the
 * contact going to the group, so it is asked once.
 */
export const JOIN_INTENTS = ["join", "join-code"] as const;

const JoinFields = {
  name: NameField,
  email: EmailField,
  consent: z.literal("on", { errorMap: () => ({ message: "quickjoin.consentRequired" }) }),
};
const JoinCodeField = z
  .string({ required_error: "quickjoin.errors.codeFormat" })
  .transform((v) => v.normalize("NFKC").replace(/[\s-]/g, ""))
  .pipe(z.string().regex(new RegExp(`^\\d{${QUICK_JOIN_CODE.digits}}$`), "quickjoin.errors.codeFormat"));

export function joinSchemasFor<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const { intent: _intent, ...pageFields } = schema.shape;
  const base = z.object({ ...pageFields, ...JoinFields });
  return {
    // Either intent: the second step's form is read with it too, to show its values again when the code is malformed.
    start: base.extend({ intent: z.enum(JOIN_INTENTS) }),
    confirm: base.extend({ intent: z.literal("join-code"), code: JoinCodeField }),
  };
}

export const JoinApplySchemas = joinSchemasFor(ApplySchema);
export const JoinRegisterSchemas = joinSchemasFor(RegisterSchema);
