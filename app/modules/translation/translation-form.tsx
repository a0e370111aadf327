import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { InputField, TextAreaField } from "~/components/forms";
import { LOCALE_NAMES, type Locale } from "~/modules/i18n/config";
import { EasyJapaneseHints, easyHintsId } from "./easy-japanese-hints";
import { EASY_JAPANESE, fieldRule, translationSchema, type Coverage, type TranslatableKind } from "~/modules/i18n/content-fields";

// The side-by-side translation form shared by the organiser's page and /translate: each field's Japanese original
// on the left (lang="ja"), the translation on the right (in the language being written), one column on a phone.

export type FormField = {
  field: string;
  original: string;
  value: string;
  /** open: editable; done: already published; waiting: someone's translation is being reviewed. */
  state: "open" | "done" | "waiting";
  /** The published translation was written from an earlier original (organiser view). */
  outdated?: boolean;
  /** A change of this field's original waits for staff; readers still see the original shown here. */
  underReview?: boolean;
};

/** The languages of an item with how far each is translated; the current one is marked for screen readers too. */
export function LanguagePicker({ languages, current, hrefFor }: { languages: { locale: string; coverage: Coverage; outdated?: number }[]; current: string; hrefFor: (locale: string) => string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("translation.languages")} className="translation-languages">
      <ul>
        {languages.map((l) => (
          <li key={l.locale}>
            <Link to={hrefFor(l.locale)} aria-current={l.locale === current ? "page" : undefined} className="translation-languages__link">
              <span lang={l.locale}>{LOCALE_NAMES[l.locale as Locale]}</span>
              <span className={`tag ${l.coverage === "complete" ? "tag--welcome" : l.coverage === "partial" ? "tag--info" : "tag--plain"}`}>{t(`translation.coverage.${l.coverage}`)}</span>
              {l.outdated ? <span className="tag tag--warn">{t("translation.outdatedCount", { count: l.outdated })}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A field written in やさしい日本語 gets the checker's advice beside it (advisory: it never stops a save); other
 * languages render the field alone.
 */
export function EasyJapaneseCheck({ inputId, value, locale, children }: { inputId: string; value: string; locale: string; children: ReactNode }) {
  if (locale !== EASY_JAPANESE) return <>{children}</>;
  return (
    <>
      {children}
      <EasyJapaneseHints fieldId={inputId} value={value} />
    </>
  );
}

export function SideBySideForm({
  id,
  kind,
  locale,
  fields,
  lastResult,
  submitLabel,
  hidden,
}: {
  id: string;
  kind: TranslatableKind;
  locale: string;
  fields: FormField[];
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  /** Extra hidden inputs (the language). */
  hidden?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const editable = fields.filter((f) => f.state === "open").map((f) => f.field);
  const schema = translationSchema(kind, editable);
  const [form, metas] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: Object.fromEntries(fields.filter((f) => f.state === "open").map((f) => [f.field, f.value])),
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const language = LOCALE_NAMES[locale as Locale] ?? locale;
  return (
    <Form method="post" className="form stack" {...getFormProps(form)}>
      {hidden ? Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />) : null}
      {form.errors?.length ? (
        <p className="notice notice--warn" role="alert" id={form.errorId}>
          {t(form.errors[0]!)}
        </p>
      ) : null}
      <div className="translation-grid__head" aria-hidden="true">
        <span>{t("translation.originalColumn")}</span>
        <span lang={locale}>{language}</span>
      </div>
      {fields.map((f) => {
        const label = t(`translation.field.${f.field}`);
        const meta = metas[f.field]!;
        const rule = fieldRule(kind, f.field);
        return (
          <section key={f.field} className="translation-grid" aria-labelledby={`${id}-${f.field}-h`}>
            <div className="translation-grid__original">
              <h2 className="translation-grid__label" id={`${id}-${f.field}-h`}>
                {label}
              </h2>
              <p className="translation-grid__text" lang="ja">
                {f.original}
              </p>
              {f.underReview ? <p className="field__hint">{t("translation.underReview")}</p> : null}
            </div>
            <div className="translation-grid__target">
              {f.state === "open" ? (
                <EasyJapaneseCheck inputId={meta.id} value={typeof meta.value === "string" ? meta.value : f.value} locale={locale}>
                  {rule.multiline ? (
                    <TextAreaField meta={meta} label={t("translation.inLanguage", { field: label, language })} lang={locale} rows={f.field === "description" ? 8 : 4} hint={locale === EASY_JAPANESE ? t("translation.easyHint") : undefined} alsoDescribedBy={locale === EASY_JAPANESE ? easyHintsId(meta.id) : undefined} />
                  ) : (
                    <InputField meta={meta} label={t("translation.inLanguage", { field: label, language })} lang={locale} hint={locale === EASY_JAPANESE ? t("translation.easyHint") : undefined} alsoDescribedBy={locale === EASY_JAPANESE ? easyHintsId(meta.id) : undefined} />
                  )}
                </EasyJapaneseCheck>
              ) : (
                <div className="field">
                  <p className="translation-grid__label">
                    {t("translation.inLanguage", { field: label, language })}
                    <span className={`tag ${f.state === "done" ? "tag--welcome" : "tag--info"}`}>{t(`translate.state.${f.state}`)}</span>
                  </p>
                  <p className="translation-grid__text" lang={locale}>
                    {f.value}
                  </p>
                </div>
              )}
              {f.outdated ? (
                <p className="notice notice--warn" role="note">
                  {t("translation.outdated")}
                </p>
              ) : null}
            </div>
          </section>
        );
      })}
      {editable.length ? (
        <div>
          <button type="submit" className="button">
            {submitLabel}
          </button>
        </div>
      ) : null}
    </Form>
  );
}
