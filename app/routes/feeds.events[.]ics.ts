import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { buildEventsIcs } from "~/modules/events/feeds.server";
import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { parseListingFilters } from "~/modules/listing/filters";

/** /feeds/events.ics — the /events list (same GET filters, ?lng=) as a calendar to subscribe to. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = await getRequestI18n(request);
  const filters = parseListingFilters(new URL(request.url));
  const body = await cachedPublic(cacheKey("feed-ics", filters, locale), () => buildEventsIcs(filters, locale, new Date()));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // Without ?lng= the language comes from the cookie or Accept-Language.
      Vary: "Accept-Language, Cookie",
    },
  });
}
