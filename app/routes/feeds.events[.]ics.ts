import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { buildEventsIcs } from "~/modules/events/feeds.server";
import { cacheKey, cachedPublic } from "~/utils/cache.server";
import { parseListingFilters } from "~/modules/listing/filters";
import { calendarResponse } from "~/modules/calendar/ics.server";

/** /feeds/events.ics — the /events list (same GET filters, ?lng=) as a calendar to subscribe to. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = await getRequestI18n(request);
  const filters = parseListingFilters(new URL(request.url));
  const body = await cachedPublic(cacheKey("feed-ics", filters, locale), () => buildEventsIcs(filters, locale, new Date()));
  return calendarResponse(body);
}
