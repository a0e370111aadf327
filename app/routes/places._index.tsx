import { PLACE_LIST } from "~/modules/places/list-offer";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useLoaderData, useLocation } from "@remix-run/react";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { listPublishedPlaces, withScheduleText } from "~/modules/places/queries.server";
import { ListingMap } from "~/components/map";
import { mapConfig } from "~/utils/env.server";
import { activeFilterCount, parseListingFilters } from "~/modules/listing/filters";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { EmptyState, ListingControls, Pagination } from "~/components/listing";
import { nameMaps } from "~/components/item-facts";
import { redirectToCleanListAddress } from "~/modules/listing/clean-url.server";
import { PlaceCardView } from "~/modules/places/place-card";
import { pageMeta } from "~/utils/meta";
import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { withReadings } from "~/modules/furigana/ruby.server";
import { useRubyT } from "~/modules/furigana/ruby";

export async function loader({ request }: LoaderFunctionArgs) {
  redirectToCleanListAddress(request);
  const { locale, t } = await getRequestI18n(request);
  const filters = parseListingFilters(new URL(request.url));
  const [taxonomy, result] = await Promise.all([
    getTaxonomy(locale),
    cachedPublic(cacheKey("places", filters, locale), () => listPublishedPlaces(filters, locale)),
  ]);
  return withReadings(request, {
    meta: { title: t("places.title"), description: t("places.lead"), siteName: t("site.name") },
    taxonomy,
    filters,
    map: mapConfig(),
    ...result,
    items: withScheduleText(result.items, t),
  }, result.items.map((p): [string, string] => [p.name, p.nameKana]));
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data);

export const handle = { i18n: ["listing", "lists", "places"] };

export default function Places() {
  const { taxonomy, filters, items, total, map } = useLoaderData<typeof loader>();
  const location = useLocation();
  const rt = useRubyT();
  const names = nameMaps(taxonomy);
  return (
    <div className="container page">
      <h1>{rt("places.title")}</h1>
      <p className="page__lead">{rt("places.lead")}</p>
      <ListingControls taxonomy={taxonomy} values={filters} offer={PLACE_LIST} total={total} />
      {items.length ? (
        <div className="cards">
          {items.map((p) => (
            <PlaceCardView key={p.id} place={p} names={names} headingLevel={2} />
          ))}
        </div>
      ) : (
        <EmptyState filtered={activeFilterCount(filters) > 0} />
      )}
      <Pagination page={filters.page} total={total} />
      {/* After the list: on a phone the first results, not the map, come right after the count. */}
      <ListingMap pointsUrl={`/places/map.json${location.search}`} config={map} hasItems={total > 0} />
    </div>
  );
}
