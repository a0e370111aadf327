import { useRubyT } from "~/modules/furigana/ruby";
import { Form, Link, useLocation, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Taxonomy } from "~/modules/taxonomy/taxonomy.server";
import { FLAG_FILTERS, TIME_BANDS, WEEKDAY_CODES, type FilterField, type FlagFilter, type ListOffer, type Sort } from "~/modules/listing/constants";
import { addressSortedBy, addressWithout, effectiveSort, offeredSorts, withoutEmptyParams } from "~/modules/listing/url";
import { findAreasForTown, townSuggestions } from "~/modules/taxonomy/towns";
import { CONTENT_LANGUAGES } from "~/modules/i18n/config";

import { Icon } from "./icon";
import { TownField } from "./town-field";
// Lists import the pager from here with the rest of a list's controls.
export { Pagination } from "./pagination";
import { nameMaps } from "./item-facts";

/**
 * A GET form: filtering is a link, works without JavaScript, and the URL can be shared. With JavaScript the empty
 * fields are left out of the address; without it the list's loader redirects to the cleaned address.
 */
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
  /** Parameters to keep when filtering (e.g. the search query, the chosen order). */
  hidden?: Record<string, string>;
  /** Sort orders offered; "near" adds a choice of area to measure from. */
  sorts?: readonly Sort[];
}) {
  const { t } = useTranslation();
  const rt = useRubyT();
  const location = useLocation();
  const submit = useSubmit();
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
    <Form
      method="get"
      action={location.pathname}
      className="filters"
      aria-label={t("filter.label")}
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const params = new URLSearchParams();
        for (const [name, value] of new FormData(form)) if (typeof value === "string") params.append(name, value);
        // Results first again: the panel closes once the resident has chosen.
        form.closest("details")?.removeAttribute("open");
        submit(withoutEmptyParams(params), { method: "get", action: location.pathname });
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.includes("area") ? <TownField id="f-town" names={townSuggestions(taxonomy.areas)} defaultValue={String(values.town ?? "")} /> : null}
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
              <label htmlFor="f-from">{rt("filter.from")}</label>
              <input id="f-from" type="date" name="from" defaultValue={String(values.from ?? "")} />
            </div>
            <div className="field">
              <label htmlFor="f-to">{rt("filter.to")}</label>
              <input id="f-to" type="date" name="to" defaultValue={String(values.to ?? "")} />
            </div>
          </>
        ) : null}
        {sorts.includes("near") ? select("near", t("filter.near"), opts(taxonomy.areas)) : null}
      </div>
      <div className="filters__checks">
        {FLAG_FILTERS.filter((flag) => fields.includes(flag)).map((flag) => check(flag, t(`filter.${flag}`)))}
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          {rt("filter.apply")}
        </button>
        <Link to={hidden.q ? `${location.pathname}?q=${encodeURIComponent(hidden.q)}` : location.pathname} className="button button--ghost">
          {rt("filter.clear")}
        </Link>
      </div>
    </Form>
  );
}

/** Which area a typed 町名 was taken to mean, or that it was not found. */
export function TownNotice({ town, taxonomy }: { town?: string; taxonomy: Taxonomy }) {
  const { t } = useTranslation();
  const rt = useRubyT();
  if (!town) return null;
  const match = findAreasForTown(town, taxonomy.areas);
  if (match.kind === "unknown") return <p className="notice notice--warn town-notice">{rt("town.unknown", { town: match.town })}</p>;
  const areas = match.areas.map((a) => a.name).join(t("list.separator"));
  return (
    <p className="notice notice--info town-notice">
      {match.areas.length === 1 ? t("town.inArea", { town: match.town, area: areas }) : t("town.inAreas", { town: match.town, areas })}
    </p>
  );
}

type Chip = { names: string[]; label: string };

/** The filters in force, each with its own words, for the chips above the results. */
function activeChips(values: Record<string, string | number | boolean | undefined>, taxonomy: Taxonomy, t: TFunction): Chip[] {
  const names = nameMaps(taxonomy);
  const chips: Chip[] = [];
  const str = (k: string) => (typeof values[k] === "string" && values[k] !== "" ? (values[k] as string) : undefined);
  const add = (param: string, label: string | undefined) => {
    if (label) chips.push({ names: [param], label });
  };
  add("town", str("town"));
  const area = str("area");
  add("area", area ? (names.areas[area]?.name ?? undefined) : undefined);
  const type = str("type");
  add("type", type ? names.placeTypes[type]?.name : undefined);
  const category = str("category");
  add("category", category ? names.categories[category]?.name : undefined);
  const audience = str("audience");
  add("audience", audience ? names.audiences[audience]?.name : undefined);
  const mode = str("mode");
  add("mode", mode ? t(`mode.${mode}`) : undefined);
  const language = str("language");
  add("language", language ? t(`language.${language}`) : undefined);
  const day = str("day");
  add("day", day ? t(`weekday.${day}`) : undefined);
  const time = str("time");
  add("time", time ? t(`filter.timeBand.${time}`) : undefined);
  add("from", str("from") ? `${t("filter.from")} ${str("from")}` : undefined);
  add("to", str("to") ? `${t("filter.to")} ${str("to")}` : undefined);
  for (const flag of FLAG_FILTERS) if (values[flag] === true) add(flag, t(`filter.${flag}`));
  const near = str("near");
  add("near", near && names.areas[near] ? t("chips.near", { area: names.areas[near].name }) : undefined);
  return chips;
}

/**
 * The list's controls, results first: one 「絞り込み」 disclosure holding the filters (a <details>, so it opens
 * without JavaScript), then the count and the order, then each filter in force as a chip that removes it.
 */
export function ListingControls({
  taxonomy,
  values,
  offer,
  total,
  modes,
}: {
  taxonomy: Taxonomy;
  values: Record<string, string | number | boolean | undefined>;
  offer: ListOffer;
  /** Left out where the page shows no counted list (the month calendar): then no count and no order either. */
  total?: number;
  modes?: readonly string[];
}) {
  const { t } = useTranslation();
  const rt = useRubyT();
  const location = useLocation();
  const chips = activeChips(values, taxonomy, t);
  const sort = effectiveSort(offer, { sort: values.sort as Sort | undefined, near: values.near as string | undefined });
  return (
    <div className="list-controls">
      <details className="filter-panel">
        <summary className="filter-panel__toggle">
          <Icon name="filter" /> {rt("filters.toggle")}
          {chips.length ? <span className="filter-panel__count">{rt("filters.active", { count: chips.length })}</span> : null}
        </summary>
        {/* Keyed by the address: after a chip is removed the fields show the list's filters again, not the old ones. */}
        <FilterForm
          key={location.search}
          taxonomy={taxonomy}
          values={values}
          fields={offer.fields}
          sorts={offer.sorts}
          modes={modes}
          hidden={values.sort && values.sort === sort ? { sort: String(values.sort) } : {}}
        />
      </details>
      {total === undefined ? null : (
        <div className="list-controls__bar">
          <ResultCount total={total} />
          <SortLinks offer={offer} current={sort} near={values.near as string | undefined} />
        </div>
      )}
      <TownNotice town={values.town as string | undefined} taxonomy={taxonomy} />
      {chips.length ? (
        <ul className="filter-chips" aria-label={t("chips.label")}>
          {chips.map((c) => (
            <li key={c.names.join()}>
              <Link className="chip chip--active" to={addressWithout(location.pathname, location.search, c.names)} aria-label={t("chips.remove", { label: c.label })}>
                {c.label}
                <span className="chip__x" aria-hidden="true">
                  ×
                </span>
              </Link>
            </li>
          ))}
          {chips.length > 1 ? (
            <li>
              <Link className="chip chip--clear" to={addressWithout(location.pathname, location.search, [...chips.flatMap((c) => c.names), "sort"])}>
                {rt("filter.clear")}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

/** The same orders on every list, as links: one tap, no JavaScript, and the current one marked. */
export function SortLinks({ offer, current, near }: { offer: ListOffer; current: Sort; near?: string }) {
  const { t } = useTranslation();
  const rt = useRubyT();
  const location = useLocation();
  const sorts = offeredSorts(offer, near);
  if (sorts.length < 2) return null;
  return (
    <nav className="sort-links" aria-label={t("filter.sort")}>
      <span className="sort-links__label" aria-hidden="true">
        {rt("filter.sort")}
      </span>
      <ul>
        {sorts.map((s) => (
          <li key={s}>
            {s === current ? (
              <span className="sort-links__current" aria-current="true">
                {rt(`filter.sortBy.${s}`)}
              </span>
            ) : (
              <Link to={addressSortedBy(location.pathname, location.search, offer, s)}>{rt(`filter.sortBy.${s}`)}</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ResultCount({ total }: { total: number }) {
  const rt = useRubyT();
  return (
    <p className="result-count" role="status">
      {rt("list.resultCount", { count: total })}
    </p>
  );
}

export function EmptyState({ filtered }: { filtered: boolean }) {
  const rt = useRubyT();
  const location = useLocation();
  return (
    <div className="empty">
      <p className="empty__title">{rt("list.emptyTitle")}</p>
      {filtered ? (
        <p>
          {rt("list.emptyLoosen")} <Link to={location.pathname}>{rt("filter.clear")}</Link>
        </p>
      ) : (
        <p>{rt("list.emptyNone")}</p>
      )}
    </div>
  );
}

