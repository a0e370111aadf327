import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { MAX_QUERY_LENGTH, searchEverything } from "~/modules/discovery/search.server";
import { parseListingFilters } from "~/modules/listing/filters";
import { cleanQuery } from "~/modules/search/normalize";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { FilterForm, TownNotice } from "~/components/listing";
import { nameMaps } from "~/components/item-facts";
import { redirectToCleanListAddress } from "~/modules/listing/clean-url.server";
import { Highlight } from "~/components/highlight";
import { When } from "~/components/format";
import { pageMeta } from "~/utils/meta";
import { cacheKey, cachedPublic } from "~/utils/cache.server";

export async function loader({ request }: LoaderFunctionArgs) {
  redirectToCleanListAddress(request);
  const { locale, t } = await getRequestI18n(request);
  const url = new URL(request.url);
  const q = cleanQuery(url.searchParams.get("q") ?? "", MAX_QUERY_LENGTH);
  const filters = parseListingFilters(url);
  const [results, taxonomy] = await Promise.all([cachedPublic(cacheKey("search", q, filters, locale), () => searchEverything(q, locale, filters)), getTaxonomy(locale)]);
  return {
    meta: { title: q ? t("search.titleFor", { q }) : t("search.title"), siteName: t("site.name") },
    q,
    filters,
    taxonomy,
    results,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [...pageMeta(data), { name: "robots", content: "noindex" }];

type Row = { id: number; title: string; summary: string; lang: Record<string, string>; extra?: React.ReactNode };

function Section({ id, title, base, rows, terms }: { id: string; title: string; base: string; rows: Row[]; terms: string[] }) {
  const { i18n } = useTranslation();
  if (!rows.length) return null;
  const langOf = (l?: string) => (l && l !== i18n.language ? l : undefined);
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count">({rows.length})</span>
      </h2>
      <ul className="result-list">
        {rows.map((r) => (
          <li key={r.id}>
            <Link to={`${base}/${r.id}`} className="result-list__title" lang={langOf(r.lang.name ?? r.lang.title)}>
              <Highlight text={r.title} terms={terms} />
            </Link>
            {r.extra}
            {r.summary ? (
              <p lang={langOf(r.lang.summary)}>
                <Highlight text={r.summary} terms={terms} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export const handle = { i18n: ["listing", "lists", "search"] };

export default function SearchPage() {
  const { q, filters, taxonomy, results } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const names = nameMaps(taxonomy);
  const total = results.places.length + results.events.length + results.openings.length;
  const areaOf = (slug: string | null) => (slug ? names.areas[slug]?.name : undefined);
  return (
    <div className="container page">
      <h1>{t("search.title")}</h1>
      <Form method="get" className="searchbox" role="search">
        <label htmlFor="search-q" className="searchbox__label">
          {t("search.label")}
        </label>
        <div className="searchbox__row">
          <input id="search-q" name="q" type="search" defaultValue={q} placeholder={t("search.placeholder")} maxLength={MAX_QUERY_LENGTH} />
          <button type="submit" className="button">
            {t("search.submit")}
          </button>
        </div>
        <p className="field__hint">{t("search.hint")}</p>
      </Form>
      {q ? (
        <details className="filters-toggle">
          <summary>{t("search.narrow")}</summary>
          <FilterForm taxonomy={taxonomy} values={filters} fields={["area", "category", "audience", "beginner", "free"]} hidden={{ q }} />
        </details>
      ) : null}
      {q ? <TownNotice town={filters.town} taxonomy={taxonomy} /> : null}
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
        id="found-places"
        title={t("nav.places")}
        base="/places"
        terms={results.terms}
        rows={results.places.map((p) => ({
          id: p.id,
          title: p.name,
          summary: p.summary,
          lang: p.fieldLang,
          extra: <span className="fact__sub">{[names.placeTypes[p.typeSlug]?.name, areaOf(p.areaSlug)].filter(Boolean).join(" · ")}</span>,
        }))}
      />
      <Section
        id="found-events"
        title={t("nav.events")}
        base="/events"
        terms={results.terms}
        rows={results.events.map((e) => ({
          id: e.id,
          title: e.title,
          summary: e.summary,
          lang: e.fieldLang,
          extra: (
            <span className="fact__sub">
              <When startsAt={e.next.startsAt} endsAt={e.next.endsAt} />
              {areaOf(e.areaSlug) ? ` · ${areaOf(e.areaSlug)}` : ""}
            </span>
          ),
        }))}
      />
      <Section
        id="found-openings"
        title={t("nav.volunteer")}
        base="/volunteer"
        terms={results.terms}
        rows={results.openings.map((o) => ({
          id: o.id,
          title: o.title,
          summary: o.summary,
          lang: o.fieldLang,
          extra: <span className="fact__sub">{[t(`mode.${o.mode}`), areaOf(o.areaSlug)].filter(Boolean).join(" · ")}</span>,
        }))}
      />
    </div>
  );
}
