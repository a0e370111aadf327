import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PlaceCard } from "~/modules/places/queries.server";
import type { OccurrenceCard } from "~/modules/events/queries.server";
import type { OpeningCard } from "~/modules/volunteering/queries.server";
import type { Taxonomy } from "~/modules/taxonomy/taxonomy.server";
import { PAGE_SIZE, TIME_BANDS, WEEKDAY_CODES } from "~/modules/listing/constants";
import { describeSchedule } from "~/modules/schedule/describe";
import { DayLabel, Fee, Languages, When } from "./format";
import { Icon, type IconName } from "./icon";

type Named = { name: string; lang: string };
export type NameMaps = Record<"areas" | "categories" | "audiences" | "placeTypes", Record<string, Named>>;

export function nameMaps(tax: Taxonomy): NameMaps {
  const map = (items: { slug: string; name: string; lang: string }[]) =>
    Object.fromEntries(items.map((i) => [i.slug, { name: i.name, lang: i.lang }]));
  return { areas: map(tax.areas), categories: map(tax.categories), audiences: map(tax.audiences), placeTypes: map(tax.placeTypes) };
}

/** Text in the language it is really in: a Japanese fallback inside an English page gets lang="ja". */
export function Text({ value, lang, as: Tag = "span", className }: { value: string; lang?: string; as?: "span" | "p" | "h2" | "h3" | "h1"; className?: string }) {
  const { i18n } = useTranslation();
  return (
    <Tag className={className} lang={lang && lang !== i18n.language ? lang : undefined}>
      {value}
    </Tag>
  );
}

function Tag({ children, tone = "plain" }: { children: React.ReactNode; tone?: "plain" | "welcome" | "warn" | "info" }) {
  return <span className={`tag tag--${tone}`}>{children}</span>;
}

function Fact({ icon, label, children }: { icon: IconName; label: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>
        <Icon name={icon} /> {label}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

export function PlaceCardView({ place, names }: { place: PlaceCard; names: NameMaps }) {
  const { t } = useTranslation();
  const type = names.placeTypes[place.typeSlug];
  const area = place.areaSlug ? names.areas[place.areaSlug] : undefined;
  const next = place.nextDates[0];
  return (
    <article className="card">
      <p className="card__kicker">{type ? <Text value={type.name} lang={type.lang} /> : null}</p>
      <h3 className="card__title">
        <Link to={`/places/${place.id}`}>
          <Text value={place.name} lang={place.fieldLang.name} />
        </Link>
      </h3>
      {place.summary ? <Text as="p" className="card__summary" value={place.summary} lang={place.fieldLang.summary} /> : null}
      <dl className="facts">
        <Fact icon="calendar" label={t("card.when")}>
          {next ? <When startsAt={next.startsAt} endsAt={next.endsAt} /> : t("card.askSchedule")}
          {place.schedule.rule ? <span className="fact__sub">{describeSchedule(place.schedule, t)}</span> : null}
        </Fact>
        <Fact icon="pin" label={t("card.where")}>
          {area ? <Text value={area.name} lang={area.lang} /> : t("card.areaUnknown")}
        </Fact>
        <Fact icon="people" label={t("card.forWhom")}>
          {place.audienceSlugs.map((s) => names.audiences[s]?.name ?? s).join(t("list.separator")) || t("audience.anyone")}
        </Fact>
        <Fact icon="yen" label={t("card.fee")}>
          <Fee fee={place.fee} />
        </Fact>
        <Fact icon="chat" label={t("card.languages")}>
          <Languages codes={place.languages} />
        </Fact>
      </dl>
      <p className="tags">
        {place.beginnerFriendly ? <Tag tone="welcome">{t("tag.beginners")}</Tag> : null}
        {place.wheelchairAccess ? <Tag tone="info">{t("tag.wheelchair")}</Tag> : null}
        {place.mealsProvided ? <Tag>{t("tag.meals")}</Tag> : null}
        {place.bookingRequired ? <Tag tone="warn">{t("tag.booking")}</Tag> : null}
      </p>
    </article>
  );
}

export function EventCardView({ item, names }: { item: OccurrenceCard; names: NameMaps }) {
  const { t } = useTranslation();
  const area = item.areaSlug ? names.areas[item.areaSlug] : undefined;
  const cancelled = item.status === "cancelled";
  return (
    <article className={`card${cancelled ? " card--cancelled" : ""}`}>
      <p className="card__kicker">
        <When startsAt={item.startsAt} endsAt={item.endsAt} />
      </p>
      <h3 className="card__title">
        <Link to={`/events/${item.eventId}`}>
          <Text value={item.title} lang={item.fieldLang.title} />
        </Link>
      </h3>
      {cancelled ? (
        <p className="notice notice--warn">
          <strong>{t("event.cancelled")}</strong> {item.note}
        </p>
      ) : null}
      {item.status === "moved" && item.originalStartsAt ? (
        <p className="notice notice--info">
          {t("event.movedFrom")} <DayLabel at={item.originalStartsAt} />
        </p>
      ) : null}
      {item.summary ? <Text as="p" className="card__summary" value={item.summary} lang={item.fieldLang.summary} /> : null}
      <dl className="facts">
        <Fact icon="pin" label={t("card.where")}>
          {item.online ? t("event.online") : null}
          {item.venue ? <Text value={item.venue.name} lang={item.venue.lang} /> : null}
          {area ? (
            <span className="fact__sub">
              <Text value={area.name} lang={area.lang} />
            </span>
          ) : null}
        </Fact>
        <Fact icon="people" label={t("card.forWhom")}>
          {item.audienceSlugs.map((s) => names.audiences[s]?.name ?? s).join(t("list.separator")) || t("audience.anyone")}
        </Fact>
        <Fact icon="yen" label={t("card.fee")}>
          <Fee fee={item.fee} />
        </Fact>
        <Fact icon="chat" label={t("card.languages")}>
          <Languages codes={item.languages} />
        </Fact>
      </dl>
      <p className="tags">
        {item.beginnerFriendly ? <Tag tone="welcome">{t("tag.beginners")}</Tag> : null}
        {item.registrationRequired ? <Tag tone="warn">{t("tag.registration")}</Tag> : <Tag>{t("tag.dropIn")}</Tag>}
        {item.placesLeft !== null && !cancelled ? (
          <Tag tone={item.placesLeft === 0 ? "warn" : "info"}>
            {item.placesLeft === 0 ? t("tag.full") : t("tag.placesLeft", { count: item.placesLeft })}
          </Tag>
        ) : null}
      </p>
    </article>
  );
}

export function OpeningCardView({ item, names }: { item: OpeningCard; names: NameMaps }) {
  const { t } = useTranslation();
  const area = item.areaSlug ? names.areas[item.areaSlug] : undefined;
  return (
    <article className="card">
      <p className="card__kicker">{t(`mode.${item.mode}`)}</p>
      <h3 className="card__title">
        <Link to={`/volunteer/${item.id}`}>
          <Text value={item.title} lang={item.fieldLang.title} />
        </Link>
      </h3>
      {item.summary ? <Text as="p" className="card__summary" value={item.summary} lang={item.fieldLang.summary} /> : null}
      <dl className="facts">
        <Fact icon="calendar" label={t("card.when")}>
          {item.ongoing ? t("opening.ongoing") : item.nextShift ? <When startsAt={item.nextShift.startsAt} endsAt={item.nextShift.endsAt} /> : t("opening.noShifts")}
          {item.shiftCount > 1 ? <span className="fact__sub">{t("opening.moreShifts", { count: item.shiftCount })}</span> : null}
        </Fact>
        <Fact icon="pin" label={t("card.where")}>
          {area ? <Text value={area.name} lang={area.lang} /> : t(`mode.${item.mode}`)}
        </Fact>
        <Fact icon="home" label={t("card.group")}>
          <span lang="ja">{item.groupName}</span>
        </Fact>
      </dl>
      <p className="tags">
        {item.beginnerFriendly ? <Tag tone="welcome">{t("tag.beginners")}</Tag> : null}
        {item.schoolFriendly ? <Tag tone="info">{t("tag.students")}</Tag> : null}
        {item.minAge ? <Tag>{t("tag.minAge", { age: item.minAge })}</Tag> : null}
        {item.slotsLeft !== null ? (
          <Tag tone={item.slotsLeft === 0 ? "warn" : "info"}>
            {item.slotsLeft === 0 ? t("tag.full") : t("tag.slotsLeft", { count: item.slotsLeft })}
          </Tag>
        ) : null}
      </p>
    </article>
  );
}

type FilterField =
  | "area"
  | "category"
  | "audience"
  | "type"
  | "language"
  | "beginner"
  | "free"
  | "barrierFree"
  | "mode"
  | "day"
  | "time"
  | "dates"
  | "available"
  | "online"
  | "near";

export const CONTENT_LANGUAGES = ["ja", "en", "zh-Hans", "ko", "vi", "tl", "ne", "pt-BR"] as const;

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
  fields: FilterField[];
  modes?: readonly string[];
  /** Parameters to keep when filtering (e.g. the search query). */
  hidden?: Record<string, string>;
  /** Sort orders offered; "near" adds a choice of area to measure from. */
  sorts?: readonly ("soonest" | "newest" | "name" | "near")[];
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const select = (name: FilterField, label: string, options: { value: string; label: string }[]) => (
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
  const check = (name: FilterField, label: string) => (
    <div className="check">
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
        {fields.includes("beginner") ? check("beginner", t("filter.beginner")) : null}
        {fields.includes("free") ? check("free", t("filter.free")) : null}
        {fields.includes("barrierFree") ? check("barrierFree", t("filter.barrierFree")) : null}
        {fields.includes("available") ? check("available", t("filter.available")) : null}
        {fields.includes("online") ? check("online", t("filter.online")) : null}
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
