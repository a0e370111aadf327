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

/** Start and end as UTC instants in and out: the file names no time zone, so every calendar app agrees on the time. */
export function utcSpan(startsAt: Date, endsAt: Date) {
  return { start: startsAt.getTime(), startInputType: "utc", startOutputType: "utc", end: endsAt.getTime(), endInputType: "utc", endOutputType: "utc" } as const;
}

/**
 * A calendar file as an answer: a download with `filename`, or (without one) a feed to subscribe to. Public for five
 * minutes; the language comes from ?lng=, the cookie or Accept-Language, hence the Vary.
 */
export function calendarResponse(body: string, filename?: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      ...(filename ? { "Content-Disposition": `attachment; filename="${filename}"` } : {}),
      "Cache-Control": "public, max-age=300",
      Vary: "Accept-Language, Cookie",
    },
  });
}

/** A one-event iCalendar file (a place's single meeting, say). */
export function singleEventIcs(e: { uid: string; title: string; startsAt: Date; endsAt: Date; description: string; location: string; url: string; locale: string }) {
  const { error, value } = createEvents(
    [
      {
        uid: e.uid,
        title: e.title,
        ...utcSpan(e.startsAt, e.endsAt),
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
