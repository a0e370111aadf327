import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { NameField } from "~/modules/auth/schemas";
import { DateField, OptionalEmailField, OptionalIdField, OptionalPhoneField, RequiredIdField, requiredKana } from "~/modules/forms/fields";
import { ApplySchema, RegisterSchema } from "~/modules/participation/schemas";
import { parseTokyoDate } from "~/utils/dates";
import { text } from "~/utils/text";

// The forms of staff's people pages (/staff/people/*), shared by the actions and the browser (hints only).
// Messages are i18n keys: people.* for these pages' own words, the shared field sets' keys otherwise.

/** User.status values (see prisma/schema.prisma): getSessionUser refuses every session of a non-active account. */
export const PERSON_STATUS = { active: "active", suspended: "suspended", deleted: "deleted" } as const;

/**
 * How a resident gave consent to the privacy notice when staff registered them (代理登録): 電話・窓口・書面. The
 * person's own consent on the signup form is "online" (Consent.method's default).
 */
export const STAFF_CONSENT_METHODS = ["phone", "counter", "paper"] as const;
export type StaffConsentMethod = (typeof STAFF_CONSENT_METHODS)[number];

/** 〒123-4567, １２３４５６７ and 123-4567 all become "123-4567". */
export function normalizePostalCode(value: string): string {
  const digits = value.normalize("NFKC").replace(/[〒\s]/g, "").replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, "-");
  const m = /^(\d{3})-?(\d{4})$/.exec(digits);
  return m ? `${m[1]}-${m[2]}` : digits;
}

const OptionalPostalCodeField = z
  .string({ invalid_type_error: "people.errors.postalCode" })
  .optional()
  .transform((v) => normalizePostalCode(v ?? ""))
  .refine((v) => v === "" || /^\d{3}-\d{4}$/.test(v), "people.errors.postalCode");

/** Why staff act on a person: kept in the audit log with who did it. */
export const ReasonField = text({ max: 500, required: true, multiline: true });

export const ProxyRegistrationSchema = z
  .object({
    name: NameField,
    nameKana: requiredKana(50),
    email: OptionalEmailField,
    phone: OptionalPhoneField,
    postalCode: OptionalPostalCodeField,
    areaId: OptionalIdField,
    locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
    consentMethod: z.enum(STAFF_CONSENT_METHODS, { errorMap: () => ({ message: "people.errors.consentMethod" }) }),
    consentDate: DateField,
  })
  .strip()
  .superRefine((value, ctx) => {
    // Someone registered at the counter must be reachable somehow: email, phone, or a postal address.
    if (!value.email && !value.phone && !value.postalCode) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "people.errors.contactRequired" });
    }
    const day = typeof value.consentDate === "string" ? parseTokyoDate(value.consentDate) : null;
    if (day && day.getTime() > Date.now()) ctx.addIssue({ code: "custom", path: ["consentDate"], message: "people.errors.consentDateFuture" });
  });
export type ProxyRegistrationInput = z.output<typeof ProxyRegistrationSchema>;

export const PERSON_ACTIONS = ["suspend", "unsuspend", "logout-everywhere"] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];

export const PersonActionSchema = z.object({
  intent: z.enum(PERSON_ACTIONS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  reason: ReasonField,
});

/** Staff apply to a shift for the person: the participation form's fields (the person's consent, told to staff). */
export const ApplyForPersonSchema = ApplySchema.extend({ shiftId: RequiredIdField });
export const RegisterForPersonSchema = RegisterSchema.extend({ eventDateId: RequiredIdField });

export const PeopleSearchSchema = z.object({ q: text({ max: 100 }) });
