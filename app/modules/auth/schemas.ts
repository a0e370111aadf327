import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { text } from "~/utils/text";
import { isUndeliverableAddress } from "~/modules/email/undeliverable";

// Form schemas shared by server actions and forms. Messages are i18n keys (common:errors.*), translated when shown.
// Input is normalised once, before validation (SECURITY.md row 27): NFKC for addresses and codes; names and other
// free text through the shared `text` helper (NFC, invisible and control characters handled the same everywhere).

export const MAX_EMAIL = 254;
/** Shared with the browser (hints), so not in password.server.ts. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function normalizeEmail(value: string): string {
  return value.normalize("NFKC").trim().toLowerCase();
}

/**
 * One @, a dotted domain, and nothing invisible: no spaces, control or format characters anywhere. Never an address
 * under the reserved ".invalid" domain: those are placeholders of residents registered without email (代理登録), and
 * refusing them here keeps signup, login, codes and resets from ever reaching such a record.
 */
export function isEmailAddress(value: string): boolean {
  return value.length <= MAX_EMAIL && /^[^\s@\p{Cc}\p{Cf}]+@[^\s@.\p{Cc}\p{Cf}]+(\.[^\s@.\p{Cc}\p{Cf}]+)+$/u.test(value) && !isUndeliverableAddress(value);
}

export const EmailField = z
  .string({ required_error: "errors.required" })
  .transform(normalizeEmail)
  .pipe(
    z
      .string({ required_error: "errors.required" })
      .min(1, "errors.required")
      .refine(isEmailAddress, "errors.emailInvalid"),
  );

/** Passwords are never trimmed or normalised: what the resident typed is what is hashed. */
export const PasswordField = z.string({ required_error: "errors.required" }).min(1, "errors.required").max(1024, "errors.passwordTooLong");

export const NameField = text({ max: 50, required: true });

export const CodeField = z
  .string({ required_error: "errors.required" })
  .transform((v) => v.normalize("NFKC").replace(/[\s-]/g, ""))
  .pipe(z.string({ required_error: "errors.required" }).regex(/^\d{8}$/, "errors.codeFormat"));

/**
 * The code of a quick join (taking part without an account), typed on a phone between the mail app and the page:
 * shorter and longer-lived than the other codes. Shared with the browser, which says both to the person.
 */
export const QUICK_JOIN_CODE = { digits: 6, minutes: 15 } as const;

/** Hidden field bots fill in; people never see it (SECURITY.md row 30). */
export const HONEYPOT_FIELD = "website_url";

export const SignupSchema = z.object({
  name: NameField,
  email: EmailField,
  password: PasswordField,
  agree: z.literal("on", { errorMap: () => ({ message: "errors.mustAgree" }) }),
  redirectTo: z.string().optional(),
  /** The /match answers to start the profile from (a query string, read by matching's answersFromSignup). */
  match: z.string().max(1000).optional(),
});

export const LoginSchema = z.object({ email: EmailField, password: PasswordField, redirectTo: z.string().optional() });
export const EmailOnlySchema = z.object({ email: EmailField, redirectTo: z.string().optional() });
export const CodeSchema = z.object({ email: EmailField, code: CodeField, redirectTo: z.string().optional() });
export const ResetSchema = z.object({ token: z.string().max(100), password: PasswordField });
export const ChangeEmailSchema = z.object({ newEmail: EmailField, password: PasswordField });
const ConfirmField = z.literal("on", { errorMap: () => ({ message: "errors.mustConfirm" }) });
/** Deleting needs proof it is the person: the password, or (for those without one) a code sent to their address. */
export const DeleteWithPasswordSchema = z.object({ method: z.literal("password"), confirm: ConfirmField, password: PasswordField });
export const DeleteWithCodeSchema = z.object({ method: z.literal("code"), confirm: ConfirmField, code: CodeField });
export const DeleteAccountSchema = z.discriminatedUnion("method", [DeleteWithPasswordSchema, DeleteWithCodeSchema], {
  errorMap: () => ({ message: "errors.required" }),
});

// Only these fields can be changed from the profile form; anything else sent along (role, status, email…)
// is dropped by the strict schema (mass assignment, SECURITY.md row 23).
export const ProfileSchema = z
  .object({
    intent: z.literal("profile"),
    name: NameField,
    locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  })
  .strip();

