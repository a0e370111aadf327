import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { defaultListRange, listEventDates } from "~/modules/events/events.server";
import { activeFilterCount, parseListingFilters } from "~/modules/search/filters";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
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
    ...result,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export default function Events() {
  const { taxonomy, filters, items, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const names = nameMaps(taxonomy);
  return (
    <div className="container page">
      <h1>{t("events.title")}</h1>
      <p className="page__lead">{t("events.lead")}</p>
      <FilterForm taxonomy={taxonomy} values={filters} fields={["area", "audience", "category", "language", "beginner", "free"]} />
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
