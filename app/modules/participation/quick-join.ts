import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { EmailField, NameField, QUICK_JOIN_CODE } from "~/modules/auth/schemas";
import { isPhoneNumber, normalizePhone } from "~/utils/phone";
import { ApplySchema, RegisterSchema } from "./schemas";

// What the quick-join steps answer (shared by the server action and the page): the first step again with its
// errors, or the code step with where the code went and the first step's values to send back with it.

export type JoinAnswer =
  | { step: "details"; result: SubmissionResult<string[]> }
  | { step: "code"; sentTo: string; values: Record<string, string>; result: SubmissionResult<string[]> | undefined };

/** "hanako@example.jp" → "h***@example.jp": enough for the person to recognise their address, not to read it out. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

export function joinAnswer(actionData: object | undefined): JoinAnswer | undefined {
  return actionData && "join" in actionData ? (actionData.join as JoinAnswer) : undefined;
}

/** The refused phone registration's form errors, if that is what the action answered. */
export function phoneAnswer(actionData: object | undefined): SubmissionResult<string[]> | undefined {
  return actionData && "phone" in actionData ? (actionData.phone as SubmissionResult<string[]>) : undefined;
}

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

/**
 * Registering by phone (events whose organiser allows it): for a resident without email, the date, the party, a
 * name, a phone number the organiser will call back on, and the same one consent. There is no code to prove the
 * number, so it has a rate limit of its own and the organiser's call is the confirmation.
 */
export const PHONE_INTENT = "join-phone";
const PhoneField = z
  .string({ required_error: "quickjoin.errors.phoneRequired" })
  .transform(normalizePhone)
  .pipe(z.string().min(1, "quickjoin.errors.phoneRequired").refine(isPhoneNumber, "quickjoin.errors.phone"));
export const JoinPhoneSchema = (() => {
  const { intent: _intent, ...pageFields } = RegisterSchema.shape;
  return z.object({ ...pageFields, name: NameField, phone: PhoneField, consent: JoinFields.consent, intent: z.literal(PHONE_INTENT) });
})();
