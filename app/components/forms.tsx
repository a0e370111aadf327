import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { HONEYPOT_FIELD } from "~/modules/auth/schemas";

// The one form field set of the site, for residents' and organisers' forms alike: a label, an optional hint, the
// control, and the translated error tied to it through aria-describedby / aria-invalid (conform sets both).
// Errors arrive as i18n keys from the zod schemas. Groups of checkboxes or radios are fieldsets with a legend.

type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's metadata is generic over every schema shape
type AnyMeta = FieldMetadata<any, any, any>;

type InputType = "text" | "email" | "password" | "search" | "tel" | "url" | "date" | "time";
type Option = { value: string; label: string; lang?: string };

const hintId = (meta: AnyMeta) => `${meta.id}-hint`;
const describedBy = (meta: AnyMeta, hint: string | undefined, also: string | undefined) => [hint ? hintId(meta) : null, also].filter(Boolean).join(" ") || undefined;

function ErrorText({ meta }: { meta: AnyMeta }) {
  const { t } = useTranslation();
  const errors = meta.errors as string[] | undefined;
  if (!errors?.length) return null;
  return (
    <p id={meta.errorId} className="field__error">
      {t(errors[0]!)}
    </p>
  );
}

function Hint({ meta, hint }: { meta: AnyMeta; hint?: string }) {
  if (!hint) return null;
  return (
    <p id={hintId(meta)} className="field__hint">
      {hint}
    </p>
  );
}

function FieldLabel({ meta, label, required }: { meta: AnyMeta; label: React.ReactNode; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={meta.id}>
      {label}
      {required ? <span className="tag tag--warn">{t("form.required")}</span> : null}
    </label>
  );
}

export function InputField({
  meta,
  label,
  hint,
  type = "text",
  autoComplete,
  inputMode,
  required,
  autoFocus,
  lang,
  alsoDescribedBy,
}: {
  meta: AnyMeta;
  label: string;
  hint?: string;
  /** The id of advice shown next to the field (e.g. やさしい日本語 hints), read out with it. */
  alsoDescribedBy?: string;
  /** The language people type in, when it is not the page's (a translation into English on a Japanese page). */
  lang?: string;
  type?: InputType;
  autoComplete?: string;
  inputMode?: "numeric" | "email" | "text" | "tel" | "url";
  /** Shows a "required" tag next to the label (the schema decides what is required). */
  required?: boolean;
  /** Only for a field that is the one thing left to do on the page (a code just sent), never on a page's first view. */
  autoFocus?: boolean;
}) {
  // Phone numbers and addresses are text inputs with the matching keyboard: the site's input styles (and
  // 48 px targets) cover text inputs, and the server normalises and checks the value anyway.
  const htmlType = type === "tel" || type === "url" ? "text" : type;
  const props = getInputProps(meta, { type: htmlType, ariaDescribedBy: describedBy(meta, hint, alsoDescribedBy) });
  const keyboard = inputMode ?? (type === "tel" ? "tel" : type === "url" ? "url" : undefined);
  return (
    <div className="field">
      <FieldLabel meta={meta} label={label} required={required} />
      <Hint meta={meta} hint={hint} />
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={keyboard} autoFocus={autoFocus} lang={lang} />
      <ErrorText meta={meta} />
    </div>
  );
}

/** Whole numbers as text with a numeric keyboard: type="number" would silently drop "２０" or "1.5" before the server sees them. */
export function NumberField({ meta, label, hint }: { meta: AnyMeta; label: string; hint?: string }) {
  return <InputField meta={meta} label={label} hint={hint} inputMode="numeric" autoComplete="off" />;
}

export function TextAreaField({
  meta,
  label,
  hint,
  rows = 5,
  lang,
  alsoDescribedBy,
}: {
  meta: AnyMeta;
  label: string;
  hint?: string;
  rows?: number;
  lang?: string;
  /** The id of advice shown next to the field (e.g. やさしい日本語 hints), read out with it. */
  alsoDescribedBy?: string;
}) {
  const props = getTextareaProps(meta, { ariaDescribedBy: describedBy(meta, hint, alsoDescribedBy) });
  return (
    <div className="field">
      <FieldLabel meta={meta} label={label} />
      <Hint meta={meta} hint={hint} />
      <textarea {...props} key={props.key} rows={rows} lang={lang} />
      <ErrorText meta={meta} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  hint,
  blank,
  required,
}: {
  meta: AnyMeta;
  label: string;
  /** `lang` marks an option written in its own language (a language's name in that language). */
  options: Option[];
  hint?: string;
  /** Label of an empty first option ("not set"); omit when a choice is required. */
  blank?: string;
  required?: boolean;
}) {
  const props = getSelectProps(meta, { ariaDescribedBy: hint ? hintId(meta) : undefined });
  return (
    <div className="field">
      <FieldLabel meta={meta} label={label} required={required} />
      <Hint meta={meta} hint={hint} />
      <select {...props} key={props.key}>
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText meta={meta} />
    </div>
  );
}

/** One checkbox; its label may hold a link (the privacy policy one agrees to). */
export function CheckboxField({ meta, label, hint }: { meta: AnyMeta; label: React.ReactNode; hint?: string }) {
  const props = getInputProps(meta, { type: "checkbox", ariaDescribedBy: hint ? hintId(meta) : undefined });
  return (
    <div className="field">
      <div className="check">
        <input {...props} key={props.key} />
        <label htmlFor={meta.id}>{label}</label>
      </div>
      <Hint meta={meta} hint={hint} />
      <ErrorText meta={meta} />
    </div>
  );
}

/** Several checkboxes or radios sharing one name, in a fieldset whose legend names them. */
export function ChoiceGroup({
  meta,
  legend,
  options,
  type = "checkbox",
  hint,
}: {
  meta: AnyMeta;
  legend: string;
  options: Option[];
  type?: "checkbox" | "radio";
  hint?: string;
}) {
  const controls = getCollectionProps(meta as Meta, { type, options: options.map((o) => o.value) });
  const labelOf = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className="field choice-group" aria-describedby={[hint ? hintId(meta) : "", meta.errors?.length ? meta.errorId : ""].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      <Hint meta={meta} hint={hint} />
      <div className="filters__checks">
        {controls.map((props) => (
          <div className="check" key={props.key}>
            <input {...props} key={props.key} />
            <label htmlFor={props.id}>{labelOf.get(props.value)}</label>
          </div>
        ))}
      </div>
      <ErrorText meta={meta} />
    </fieldset>
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
