import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { buildEventDateIcs } from "~/modules/events/feeds.server";
import { notFound, parseIdParam } from "~/utils/http.server";
import { calendarResponse } from "~/modules/calendar/ics.server";

/** /events/:id/calendar.ics[?date=<EventDate id>] — "add to calendar" for one event, or one of its dates. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseIdParam(params.id);
  const date = new URL(request.url).searchParams.get("date");
  const dateId = date === null ? undefined : parseIdParam(date);
  const { locale } = await getRequestI18n(request);
  const ics = await buildEventDateIcs(id, dateId, locale, new Date());
  if (!ics) notFound();
  return calendarResponse(ics.body, ics.filename);
}
