import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

// Field components for the organiser workspace, in the one pattern of components/forms.tsx: a label, an optional
// hint, the control, and the translated error tied to it through aria-describedby / aria-invalid (conform sets
// both). Groups of checkboxes or radios are fieldsets with a legend.

type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's metadata is generic over every schema shape
type AnyMeta = FieldMetadata<any, any, any>;

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
    <p id={`${meta.id}-hint`} className="field__hint">
      {hint}
    </p>
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
}: {
  meta: AnyMeta;
  label: string;
  hint?: string;
  type?: "text" | "email" | "tel" | "url" | "date" | "time";
  autoComplete?: string;
  inputMode?: "numeric" | "email" | "text" | "tel" | "url";
  required?: boolean;
}) {
  const { t } = useTranslation();
  // Phone numbers and addresses are text inputs with the matching keyboard: the site's input styles (and
  // 48 px targets) cover text inputs, and the server normalises and checks the value anyway.
  const htmlType = type === "tel" || type === "url" ? "text" : type;
  const props = getInputProps(meta, { type: htmlType, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  const keyboard = inputMode ?? (type === "tel" ? "tel" : type === "url" ? "url" : undefined);
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {label}
        {required ? <span className="tag tag--warn">{t("manage.form.required")}</span> : null}
      </label>
      <Hint meta={meta} hint={hint} />
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={keyboard} />
      <ErrorText meta={meta} />
    </div>
  );
}

/** Whole numbers as text with a numeric keyboard: type="number" would silently drop "２０" or "1.5" before the server sees them. */
export function NumberField({ meta, label, hint }: { meta: AnyMeta; label: string; hint?: string }) {
  return <InputField meta={meta} label={label} hint={hint} inputMode="numeric" autoComplete="off" />;
}

export function TextAreaField({ meta, label, hint, rows = 5 }: { meta: AnyMeta; label: string; hint?: string; rows?: number }) {
  const props = getTextareaProps(meta, { ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <Hint meta={meta} hint={hint} />
      <textarea {...props} key={props.key} rows={rows} />
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
  options: { value: string; label: string }[];
  hint?: string;
  /** Label of an empty first option ("not set"); omit when a choice is required. */
  blank?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const props = getSelectProps(meta, { ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {label}
        {required ? <span className="tag tag--warn">{t("manage.form.required")}</span> : null}
      </label>
      <Hint meta={meta} hint={hint} />
      <select {...props} key={props.key}>
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText meta={meta} />
    </div>
  );
}

export function CheckField({ meta, label, hint }: { meta: AnyMeta; label: string; hint?: string }) {
  const props = getInputProps(meta, { type: "checkbox", ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
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
  options: { value: string; label: string }[];
  type?: "checkbox" | "radio";
  hint?: string;
}) {
  const controls = getCollectionProps(meta as Meta, { type, options: options.map((o) => o.value) });
  const labelOf = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className="field choice-group" aria-describedby={[hint ? `${meta.id}-hint` : "", meta.errors?.length ? meta.errorId : ""].filter(Boolean).join(" ") || undefined}>
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

const STATUS_TONE: Record<string, string> = {
  draft: "tag--plain",
  pending: "tag--info",
  published: "tag--welcome",
  approved: "tag--welcome",
  closed: "tag--plain",
  archived: "tag--plain",
  hidden: "tag--warn",
  rejected: "tag--warn",
  suspended: "tag--warn",
};

/** An item's or group's status as text (never colour alone). */
export function StatusTag({ status, kind }: { status: string; kind: "item" | "group" }) {
  const { t } = useTranslation();
  return <span className={`tag ${STATUS_TONE[status] ?? "tag--plain"}`}>{t(kind === "group" ? `manage.groupStatus.${status}` : `manage.status.${status}`)}</span>;
}
