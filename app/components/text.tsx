import { useTranslation } from "react-i18next";

/** Text in the language it is really in: a Japanese fallback inside an English page gets lang="ja". */
export function Text({ value, lang, as: Tag = "span", className }: { value: string; lang?: string; as?: "span" | "p" | "h2" | "h3" | "h1"; className?: string }) {
  const { i18n } = useTranslation();
  return (
    <Tag className={className} lang={lang && lang !== i18n.language ? lang : undefined}>
      {value}
    </Tag>
  );
}
