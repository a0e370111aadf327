import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { NameField } from "~/modules/auth/schemas";
import { DateField, OptionalEmailField, OptionalIdField, OptionalPhoneField, requiredKana } from "~/modules/forms/fields";
import { parseTokyoDate } from "~/utils/dates";
import { text } from "~/utils/text";

// The 代理登録 form (/staff/people/new), shared by the action and the browser (hints only). Messages are i18n keys:
// people.* for this page's own words, the shared field sets' keys otherwise.

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

export const ProxyRegistrationSchema = z
  .object({
    name: NameField,
    nameKana: requiredKana(50),
    email: OptionalEmailField,
    phone: OptionalPhoneField,
    postalCode: OptionalPostalCodeField,
    postalAddress: text({ max: 200 }),
    areaId: OptionalIdField,
    locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
    consentMethod: z.enum(STAFF_CONSENT_METHODS, { errorMap: () => ({ message: "people.errors.consentMethod" }) }),
    consentDate: DateField,
  })
  .strip()
  .superRefine((value, ctx) => {
    // Someone registered at the counter must be reachable somehow: email, phone, or a postal address (a postal code
    // alone reaches nobody).
    if (!value.email && !value.phone && !value.postalAddress) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "people.errors.contactRequired" });
    }
    const day = typeof value.consentDate === "string" ? parseTokyoDate(value.consentDate) : null;
    if (day && day.getTime() > Date.now()) ctx.addIssue({ code: "custom", path: ["consentDate"], message: "people.errors.consentDateFuture" });
  });
export type ProxyRegistrationInput = z.output<typeof ProxyRegistrationSchema>;
