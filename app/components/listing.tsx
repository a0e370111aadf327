import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Taxonomy } from "~/modules/taxonomy/taxonomy.server";
import { FLAG_FILTERS, PAGE_SIZE, TIME_BANDS, WEEKDAY_CODES, type FilterField, type FlagFilter, type Sort } from "~/modules/listing/constants";
import { CONTENT_LANGUAGES } from "~/modules/i18n/config";

import { Icon, type IconName } from "./icon";

type Named = { name: string; lang: string };
export type NameMaps = Record<"areas" | "categories" | "audiences" | "placeTypes", Record<string, Named>>;

export function nameMaps(tax: Taxonomy): NameMaps {
  const map = (items: { slug: string; name: string; lang: string }[]) =>
    Object.fromEntries(items.map((i) => [i.slug, { name: i.name, lang: i.lang }]));
  return { areas: map(tax.areas), categories: map(tax.categories), audiences: map(tax.audiences), placeTypes: map(tax.placeTypes) };
}


export function Tag({ children, tone = "plain" }: { children: React.ReactNode; tone?: "plain" | "welcome" | "warn" | "info" }) {
  return <span className={`tag tag--${tone}`}>{children}</span>;
}

export function Fact({ icon, label, children }: { icon: IconName; label: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>
        <Icon name={icon} /> {label}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A GET form: filtering is a link, works without JavaScript, and the URL can be shared. */
export function FilterForm({
  taxonomy,
  values,
  fields,
  modes = [],
  hidden = {},
  sorts = [],
}: {
  taxonomy: Taxonomy;
  values: Record<string, string | number | boolean | undefined>;
  fields: readonly FilterField[];
  modes?: readonly string[];
  /** Parameters to keep when filtering (e.g. the search query). */
  hidden?: Record<string, string>;
  /** Sort orders offered; "near" adds a choice of area to measure from. */
  sorts?: readonly Sort[];
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const select = (name: FilterField | "near", label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={String(values[name] ?? "")}>
        <option value="">{t("filter.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const check = (name: FlagFilter, label: string) => (
    <div className="check" key={name}>
      <input id={`f-${name}`} type="checkbox" name={name} value="1" defaultChecked={Boolean(values[name])} />
      <label htmlFor={`f-${name}`}>{label}</label>
    </div>
  );
  const opts = (items: { slug: string; name: string }[]) => items.map((i) => ({ value: i.slug, label: i.name }));
  return (
    <Form method="get" className="filters" aria-label={t("filter.label")}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="filters__grid">
        {fields.includes("area") ? select("area", t("filter.area"), opts(taxonomy.areas)) : null}
        {fields.includes("type") ? select("type", t("filter.type"), opts(taxonomy.placeTypes)) : null}
        {fields.includes("category") ? select("category", t("filter.category"), opts(taxonomy.categories)) : null}
        {fields.includes("audience") ? select("audience", t("filter.audience"), opts(taxonomy.audiences)) : null}
        {fields.includes("mode") ? select("mode", t("filter.mode"), modes.map((m) => ({ value: m, label: t(`mode.${m}`) }))) : null}
        {fields.includes("language")
          ? select("language", t("filter.language"), CONTENT_LANGUAGES.map((c) => ({ value: c, label: t(`language.${c}`) })))
          : null}
        {fields.includes("day") ? select("day", t("filter.day"), WEEKDAY_CODES.map((d) => ({ value: d, label: t(`weekday.${d}`) }))) : null}
        {fields.includes("time") ? select("time", t("filter.time"), TIME_BANDS.map((b) => ({ value: b, label: t(`filter.timeBand.${b}`) }))) : null}
        {fields.includes("dates") ? (
          <>
            <div className="field">
              <label htmlFor="f-from">{t("filter.from")}</label>
              <input id="f-from" type="date" name="from" defaultValue={String(values.from ?? "")} />
            </div>
            <div className="field">
              <label htmlFor="f-to">{t("filter.to")}</label>
              <input id="f-to" type="date" name="to" defaultValue={String(values.to ?? "")} />
            </div>
          </>
        ) : null}
        {sorts.length ? (
          <div className="field">
            <label htmlFor="f-sort">{t("filter.sort")}</label>
            <select id="f-sort" name="sort" defaultValue={String(values.sort ?? "")}>
              {sorts.map((o, i) => (
                <option key={o} value={i === 0 ? "" : o}>
                  {t(`filter.sortBy.${o}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {sorts.includes("near") ? select("near", t("filter.near"), opts(taxonomy.areas)) : null}
      </div>
      <div className="filters__checks">
        {FLAG_FILTERS.filter((flag) => fields.includes(flag)).map((flag) => check(flag, t(`filter.${flag}`)))}
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          {t("filter.apply")}
        </button>
        <Link to={hidden.q ? `${location.pathname}?q=${encodeURIComponent(hidden.q)}` : location.pathname} className="button button--ghost">
          {t("filter.clear")}
        </Link>
      </div>
    </Form>
  );
}

export function ResultCount({ total }: { total: number }) {
  const { t } = useTranslation();
  return (
    <p className="result-count" role="status">
      {t("list.resultCount", { count: total })}
    </p>
  );
}

export function EmptyState({ filtered }: { filtered: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <div className="empty">
      <p className="empty__title">{t("list.emptyTitle")}</p>
      {filtered ? (
        <p>
          {t("list.emptyLoosen")} <Link to={location.pathname}>{t("filter.clear")}</Link>
        </p>
      ) : (
        <p>{t("list.emptyNone")}</p>
      )}
    </div>
  );
}

export function Pagination({ page, total }: { page: number; total: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t("list.pagination")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" className="button button--ghost">
          {t("list.prev")}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t("list.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next" className="button button--ghost">
          {t("list.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
