import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { HONEYPOT_FIELD } from "~/modules/auth/schemas";

// One way to render a form field: label, optional hint, input, and the translated error tied to it with
// aria-describedby/aria-invalid (conform sets both). Errors arrive as i18n keys from the zod schemas.

type InputType = "text" | "email" | "password" | "search" | "tel" | "hidden";

export function TextField({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
  inputMode,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "email" | "text";
}) {
  const { t } = useTranslation();
  const props = getInputProps(meta, { type, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
      <FieldError id={meta.errorId} errors={meta.errors} t={t} />
    </div>
  );
}

export function CheckboxField({ meta, label }: { meta: FieldMetadata<string | undefined>; label: React.ReactNode }) {
  const { t } = useTranslation();
  const props = getInputProps(meta, { type: "checkbox" });
  return (
    <div className="field">
      <div className="check">
        <input {...props} key={props.key} />
        <label htmlFor={meta.id}>{label}</label>
      </div>
      <FieldError id={meta.errorId} errors={meta.errors} t={t} />
    </div>
  );
}

function FieldError({ id, errors, t }: { id: string; errors?: string[]; t: (k: string) => string }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field__error">
      {t(errors[0]!)}
    </p>
  );
}

/** A form-level message (e.g. "wrong email or password"), announced to screen readers. */
export function FormError({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} className="notice notice--warn" role="alert">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}

/** Off-screen field that people never fill in and form-filling bots do. */
export function Honeypot() {
  const { t } = useTranslation();
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={HONEYPOT_FIELD}>{t("form.honeypot")}</label>
      <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
