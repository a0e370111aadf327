import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { buildEventsRss } from "~/modules/events/feeds.server";
import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { parseListingFilters } from "~/modules/listing/filters";

/** /feeds/events.rss — the /events list (same GET filters, ?lng=) for feed readers. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = await getRequestI18n(request);
  const filters = parseListingFilters(new URL(request.url));
  const body = await cachedPublic(cacheKey("feed-rss", filters, locale), () => buildEventsRss(filters, locale, new Date()));
  return new Response(body, {
    headers: {
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // Without ?lng= the language comes from the cookie or Accept-Language.
      Vary: "Accept-Language, Cookie",
    },
  });
}
