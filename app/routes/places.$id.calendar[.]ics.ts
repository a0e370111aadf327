import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/modules/i18n/i18next.server";
import { placeDateIcs } from "~/modules/places/calendar.server";
import { notFound, parseIdParam } from "~/utils/http.server";
import { calendarResponse } from "~/modules/calendar/ics.server";

/** /places/:id/calendar.ics?date=YYYY-MM-DD — one meeting of a place, for "add to my calendar". */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseIdParam(params.id);
  const date = new URL(request.url).searchParams.get("date") ?? "";
  const file = await placeDateIcs(id, date, await getLocale(request));
  if (!file) notFound();
  return calendarResponse(file.body, file.filename);
}
