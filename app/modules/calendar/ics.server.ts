import { createEvents } from "ics";
import { getEnv } from "~/utils/env.server";

// Calendar output every kind of item shares: iCalendar files (RFC 5545, through the ics library) and Google
// Calendar links. What goes into them (which dates, which words) is the domains' business.

/** The host part of APP_ORIGIN: iCalendar UIDs and product ids are scoped to it. */
export function originHost() {
  return new URL(getEnv().APP_ORIGIN).host;
}

/** "20261203T010000Z", the form Google Calendar's `dates=` wants. */
function googleDate(instant: Date) {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** A Google Calendar "add event" link (the form Google documents; "/" between start and end stays as it is). */
export function googleCalendarUrl(e: { title: string; startsAt: Date; endsAt: Date; details: string; location: string }) {
  const query = [
    "action=TEMPLATE",
    `text=${encodeURIComponent(e.title)}`,
    `dates=${googleDate(e.startsAt)}/${googleDate(e.endsAt)}`,
    `details=${encodeURIComponent(e.details)}`,
    `location=${encodeURIComponent(e.location)}`,
  ].join("&");
  return `https://calendar.google.com/calendar/render?${query}`;
}

/** A one-event iCalendar file (a place's single meeting, say). */
export function singleEventIcs(e: { uid: string; title: string; startsAt: Date; endsAt: Date; description: string; location: string; url: string; locale: string }) {
  const { error, value } = createEvents(
    [
      {
        uid: e.uid,
        title: e.title,
        start: e.startsAt.getTime(),
        startInputType: "utc",
        startOutputType: "utc",
        end: e.endsAt.getTime(),
        endInputType: "utc",
        endOutputType: "utc",
        description: e.description || undefined,
        location: e.location || undefined,
        url: e.url,
        status: "CONFIRMED",
      },
    ],
    { productId: `-//Tsunagu//${originHost()}//${e.locale.toUpperCase()}`, calName: e.title },
  );
  if (error || value == null) throw error ?? new Error("ics returned no calendar");
  return value;
}
