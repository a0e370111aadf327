import { useTranslation } from "react-i18next";
import { isJapanese } from "~/modules/i18n/config";
import { Readable } from "~/modules/furigana/ruby";

/**
 * Text in the language it is really in: a Japanese original inside a Vietnamese page gets lang="ja" (screen readers
 * switch voice, browsers pick the right font). Blocks (titles, paragraphs) shown untranslated also say so in the
 * reader's language, 「原文（日本語）」, so nobody wonders whether the page is broken; inline names do not, since a
 * card's summary or the page's title already carries the label.
 */
export function Text({ value, lang, as: Tag = "span", className }: { value: string; lang?: string; as?: "span" | "p" | "h2" | "h3" | "h1"; className?: string }) {
  const { i18n } = useTranslation();
  const foreign = lang && lang !== i18n.language ? lang : undefined;
  const element = (
    <Tag className={className} lang={foreign}>
      <Readable text={value} />
    </Tag>
  );
  if (Tag === "span" || !showsOriginal(foreign, i18n.language)) return element;
  return (
    <>
      {element}
      <OriginalLabel />
    </>
  );
}

/** Whether text in `textLang` on a page in `pageLang` is an untranslated Japanese original worth labelling. */
export function showsOriginal(textLang: string | undefined, pageLang: string): boolean {
  return textLang === "ja" && !isJapanese(pageLang);
}

export function OriginalLabel() {
  const { t } = useTranslation();
  return <p className="original-label">{t("content.original")}</p>;
}
