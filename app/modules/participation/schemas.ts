import { z } from "zod";
import { RequiredIdField } from "~/modules/forms/choice-fields";
import { text } from "~/utils/text";

// Participation forms. The user always comes from the session, never from the form (SECURITY.md rows 22–23).

const id = RequiredIdField;

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
