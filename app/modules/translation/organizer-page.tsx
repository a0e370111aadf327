import type { SubmissionResult } from "@conform-to/react";
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, type Locale } from "~/modules/i18n/config";
import type { Coverage, TranslatableKind } from "~/modules/i18n/content-fields";
import { LanguagePicker, SideBySideForm, type FormField } from "./translation-form";

export type OrganizerTranslationsData = {
  kind: TranslatableKind;
  group: { id: number; name: string };
  item: { id: number; title: string };
  editHref: string;
  locale: string;
  languages: { locale: string; coverage: Coverage; outdated: number }[];
  fields: FormField[];
  waiting: string[];
};

/** The organiser's translation page (shared by places, events and openings). */
export function OrganizerTranslationsPage({ page, lastResult }: { page: OrganizerTranslationsData; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const language = LOCALE_NAMES[page.locale as Locale];
  return (
    <div className="container page stack form-page translation-page">
      <p>
        <Link to={page.editHref}>{t("translation.backToItem")}</Link>
      </p>
      <h1>
        {t("translation.heading")}: <span lang="ja">{page.item.title}</span>
      </h1>
      <p className="page__lead">{t("translation.lead")}</p>
      {params.get("saved") ? (
        <p className="notice notice--info" role="status">
          {t("translation.saved", { language })}
        </p>
      ) : null}
      <LanguagePicker languages={page.languages} current={page.locale} hrefFor={(l) => `?lang=${encodeURIComponent(l)}`} />
      <h2 className="translation-page__language">
        <span lang={page.locale}>{language}</span>
      </h2>
      {page.waiting.length ? <p className="notice notice--info">{t("translation.waiting", { count: page.waiting.length })}</p> : null}
      <p className="field__hint">{t("translation.blankHint")}</p>
      <SideBySideForm key={page.locale} id={`translations-${page.locale}`} kind={page.kind} locale={page.locale} fields={page.fields} lastResult={lastResult} submitLabel={t("translation.save")} hidden={{ locale: page.locale }} />
    </div>
  );
}
