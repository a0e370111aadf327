import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { listPlaceMapPoints } from "~/modules/places/queries.server";
import { parseListingFilters } from "~/modules/listing/filters";
import { cacheKey, cachedPublic } from "~/utils/cache.server";

/**
 * Map points for /places with the same filters, fetched by the map in the browser. Kept out of the page itself so
 * visitors without JavaScript (and every page load) do not carry hundreds of points they never draw.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = await getRequestI18n(request);
  const filters = parseListingFilters(new URL(request.url));
  const points = await cachedPublic(cacheKey("place-map", { ...filters, page: 1, sort: undefined, near: undefined }, locale), () => listPlaceMapPoints(filters, locale));
  return new Response(JSON.stringify(points), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=60", Vary: "Accept-Language, Cookie" },
  });
}
