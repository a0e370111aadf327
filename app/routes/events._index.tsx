import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { defaultListRange, listEventDates } from "~/modules/events/events.server";
import { activeFilterCount, parseListingFilters } from "~/modules/search/filters";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { eventFeedLinks } from "~/modules/events/feeds.server";
import { EmptyState, EventCardView, FilterForm, Pagination, ResultCount, nameMaps } from "~/components/listing";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale, t } = await getRequestI18n(request);
  const filters = parseListingFilters(new URL(request.url));
  const [taxonomy, result] = await Promise.all([getTaxonomy(locale), listEventDates(filters, locale, defaultListRange())]);
  return {
    meta: { title: t("events.title"), description: t("events.lead"), siteName: t("site.name") },
    taxonomy,
    filters,
    feeds: { ...eventFeedLinks(filters, locale), title: t("feeds.rssTitle", { site: t("site.name") }) },
    ...result,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta(data),
  ...(data ? [{ tagName: "link", rel: "alternate", type: "application/rss+xml", href: data.feeds.rss, title: data.feeds.title }] : []),
];

export default function Events() {
  const { taxonomy, filters, feeds, items, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const names = nameMaps(taxonomy);
  return (
    <div className="container page">
      <h1>{t("events.title")}</h1>
      <p className="page__lead">{t("events.lead")}</p>
      <FilterForm taxonomy={taxonomy} values={filters} fields={["area", "audience", "category", "language", "day", "time", "dates", "beginner", "free", "available", "online"]} sorts={["soonest", "newest"] as const} />
      <p className="links-below">
        <span>{t("feeds.subscribeLead")}</span>
        <a href={feeds.ics}>{t("feeds.subscribeIcs")}</a>
        <a href={feeds.rss} type="application/rss+xml">
          {t("feeds.subscribeRss")}
        </a>
      </p>
      <ResultCount total={total} />
      {items.length ? (
        <div className="cards">
          {items.map((e) => (
            <EventCardView key={e.dateId} item={e} names={names} />
          ))}
        </div>
      ) : (
        <EmptyState filtered={activeFilterCount(filters) > 0} />
      )}
      <Pagination page={filters.page} total={total} />
    </div>
  );
}
