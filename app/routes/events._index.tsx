import { EVENT_LIST } from "~/modules/events/list-offer";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { defaultListRange, listEventDates, listMonthEventDates, parseMonth } from "~/modules/events/queries.server";
import { MonthCalendar } from "~/modules/events/month-calendar";
import { tokyoDateKey } from "~/utils/dates";
import { activeFilterCount, parseListingFilters } from "~/modules/listing/filters";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { eventFeedLinks } from "~/modules/events/feeds.server";
import { EmptyState, ListingControls, Pagination } from "~/components/listing";
import { nameMaps } from "~/components/item-facts";
import { redirectToCleanListAddress } from "~/modules/listing/clean-url.server";
import { EventCardView } from "~/modules/events/event-card";
import { FeedSubscription } from "~/components/calendar-links";
import { pageMeta } from "~/utils/meta";
import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { withReadings } from "~/modules/furigana/ruby.server";
import { useRubyT } from "~/modules/furigana/ruby";

export async function loader({ request }: LoaderFunctionArgs) {
  redirectToCleanListAddress(request);
  const { locale, t } = await getRequestI18n(request);
  const url = new URL(request.url);
  const filters = parseListingFilters(url);
  const view = url.searchParams.get("view") === "month" ? ("month" as const) : ("list" as const);
  const { year, month } = parseMonth(url.searchParams.get("month"));
  const [taxonomy, result, monthItems] = await Promise.all([
    getTaxonomy(locale),
    view === "list"
      ? cachedPublic(cacheKey("events", filters, locale), () => listEventDates(filters, locale, defaultListRange()))
      : Promise.resolve({ total: 0, items: [] }),
    view === "month" ? cachedPublic(cacheKey("events-month", filters, locale, year, month), () => listMonthEventDates(filters, locale, year, month)) : Promise.resolve([]),
  ]);
  return withReadings(request, {
    view,
    calendar: { year, month, items: monthItems, todayKey: tokyoDateKey(new Date()) },
    meta: { title: t("events.title"), description: t("events.lead"), siteName: t("site.name") },
    taxonomy,
    filters,
    feeds: { ...eventFeedLinks(filters, locale), title: t("feeds.rssTitle", { site: t("site.name") }) },
    ...result,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data),
  ...(data ? [{ tagName: "link", rel: "alternate", type: "application/rss+xml", href: data.feeds.rss, title: data.feeds.title }] : []),
];

export const handle = { i18n: ["listing", "lists", "events"] };

export default function Events() {
  const { taxonomy, filters, feeds, items, total, view, calendar } = useLoaderData<typeof loader>();
  const rt = useRubyT();
  const names = nameMaps(taxonomy);
  return (
    <div className="container page">
      <h1>{rt("events.title")}</h1>
      <p className="page__lead">{rt("events.lead")}</p>
      <ViewSwitch view={view} />
      <ListingControls taxonomy={taxonomy} values={filters} offer={EVENT_LIST} total={view === "month" ? undefined : total} />
      {view === "month" ? (
        <>
          <MonthCalendar {...calendar} />
          <p className="print-link">
            <Link to={`/print/month?${new URLSearchParams({ ...(filters.area ? { area: filters.area } : {}), month: `${calendar.year}-${String(calendar.month).padStart(2, "0")}` })}`}>
              {rt("calendar.printMonth")}
            </Link>
          </p>
        </>
      ) : (
        <>
          {items.length ? (
        <div className="cards">
          {items.map((e) => (
            <EventCardView key={e.dateId} item={e} names={names} headingLevel={2} />
          ))}
        </div>
      ) : (
        <EmptyState filtered={activeFilterCount(filters) > 0} />
          )}
          <Pagination page={filters.page} total={total} />
        </>
      )}
      <FeedSubscription webcal={feeds.webcal} ics={feeds.ics} rss={feeds.rss} />
    </div>
  );
}

/** List (agenda) or month calendar, as links that keep the filters. */
function ViewSwitch({ view }: { view: "list" | "month" }) {
  const { t } = useTranslation();
  const location = useLocation();
  const href = (v: "list" | "month") => {
    const params = new URLSearchParams(location.search);
    params.delete("page");
    if (v === "month") params.set("view", "month");
    else {
      params.delete("view");
      params.delete("month");
    }
    const qs = params.toString();
    return qs ? `${location.pathname}?${qs}` : location.pathname;
  };
  return (
    <nav className="view-switch" aria-label={t("calendar.view")}>
      {(["list", "month"] as const).map((v) =>
        v === view ? (
          <span key={v} aria-current="page" className="view-switch__current">
            {t(`calendar.${v}`)}
          </span>
        ) : (
          <Link key={v} to={href(v)}>
            {t(`calendar.${v}`)}
          </Link>
        ),
      )}
    </nav>
  );
}
