import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { searchEverything } from "~/modules/search/search.server";
import { Text } from "~/components/listing";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale, t } = await getRequestI18n(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const results = await searchEverything(q, locale);
  return {
    meta: { title: q ? t("search.titleFor", { q: q.slice(0, 100) }) : t("search.title"), siteName: t("site.name") },
    q: q.slice(0, 100),
    results,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

function Section({ title, items, base }: { title: string; base: string; items: { id: number; label: string; summary: string; lang: Record<string, string> }[] }) {
  if (!items.length) return null;
  return (
    <section className="section">
      <h2>
        {title} <span className="count">({items.length})</span>
      </h2>
      <ul className="result-list">
        {items.map((i) => (
          <li key={i.id}>
            <Link to={`${base}/${i.id}`} className="result-list__title">
              <Text value={i.label} lang={i.lang.name ?? i.lang.title} />
            </Link>
            {i.summary ? <Text as="p" value={i.summary} lang={i.lang.summary} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function SearchPage() {
  const { q, results } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const total = results.places.length + results.events.length + results.openings.length;
  return (
    <div className="container page">
      <h1>{t("search.title")}</h1>
      <Form method="get" className="searchbox" role="search">
        <label htmlFor="search-q" className="searchbox__label">
          {t("search.label")}
        </label>
        <div className="searchbox__row">
          <input id="search-q" name="q" type="search" defaultValue={q} placeholder={t("search.placeholder")} maxLength={100} />
          <button type="submit" className="button">
            {t("search.submit")}
          </button>
        </div>
      </Form>
      {q ? (
        <p className="result-count" role="status">
          {t("search.resultCount", { count: total, q })}
        </p>
      ) : null}
      {q && total === 0 ? (
        <div className="empty">
          <p className="empty__title">{t("list.emptyTitle")}</p>
          <p>{t("search.emptyHint")}</p>
        </div>
      ) : null}
      <Section
        title={t("nav.places")}
        base="/places"
        items={results.places.map((p) => ({ id: p.id, label: p.name, summary: p.summary, lang: p.fieldLang }))}
      />
      <Section
        title={t("nav.events")}
        base="/events"
        items={results.events.map((e) => ({ id: e.id, label: e.title, summary: e.summary, lang: e.fieldLang }))}
      />
      <Section
        title={t("nav.volunteer")}
        base="/volunteer"
        items={results.openings.map((o) => ({ id: o.id, label: o.title, summary: o.summary, lang: o.fieldLang }))}
      />
    </div>
  );
}
