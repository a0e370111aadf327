import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { EmailField, NameField, QUICK_JOIN_CODE } from "~/modules/auth/schemas";
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
