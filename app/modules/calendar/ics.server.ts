import { getEnv } from "~/utils/env.server";

// Calendar output every kind of item shares: iCalendar files (RFC 5545) and Google Calendar links. What goes into
// them (which dates, which words) is the domains' business.
//
// Why written here and not with the `ics` library (which this replaced): `ics` checks every event against a yup
// schema as it writes it, about 0.15 ms an event, so the events feed of 500 dates spent ~80 ms of its ~100 ms of
// CPU there (issue 13: the feeds' gate is 30 ms), and its writer alone took ~25 ms more. What we write is a handful
// of properties we build ourselves: text escaped as RFC 5545 §3.3.11 says, lines folded at 75 octets without
// splitting a character (§3.1), CRLF endings, UTC times. tests check the files against `ics`'s own output for the
// same events, property by property.

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

/** One VEVENT: times are UTC instants, so the file names no time zone and every calendar app agrees on the time. */
export type IcsEvent = {
  uid: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  description?: string;
  location?: string;
  url?: string;
  status: "CONFIRMED" | "CANCELLED" | "TENTATIVE";
};

/** "20261203T010000Z": a UTC date-time (RFC 5545 §3.3.5, form #2). */
function utcDateTime(instant: Date) {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** TEXT values (§3.3.11): backslash, semicolon and comma escaped, line breaks written as \n. */
function escapeText(value: string) {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "\\n");
}

const encoder = new TextEncoder();

/**
 * One content line, folded (§3.1): at most 75 octets a line, continuation lines starting with a space, never inside
 * a character (Japanese is 3 octets a character in UTF-8; an emoji 4, as a pair of UTF-16 units).
 */
function contentLine(line: string): string {
  if (line.length <= 25 || encoder.encode(line).length <= 75) return `${line}\r\n`;
  let out = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = char.codePointAt(0)! < 0x80 ? 1 : char.codePointAt(0)! < 0x800 ? 2 : char.codePointAt(0)! < 0x10000 ? 3 : 4;
    if (octets + size > limit) {
      out += "\r\n ";
      octets = 0;
      limit = 74; // the leading space counts
    }
    out += char;
    octets += size;
  }
  return `${out}\r\n`;
}

/** A calendar of `events` (VCALENDAR with one VEVENT each), as the text of an .ics file. */
export function icsCalendar(header: { productId: string; calName: string }, events: readonly IcsEvent[], now = new Date()): string {
  const stamp = utcDateTime(now);
  let out =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n" +
    contentLine(`PRODID:${header.productId}`) +
    "METHOD:PUBLISH\r\n" +
    contentLine(`X-WR-CALNAME:${escapeText(header.calName)}`) +
    "X-PUBLISHED-TTL:PT1H\r\n";
  for (const e of events) {
    out += "BEGIN:VEVENT\r\n";
    out += contentLine(`UID:${e.uid}`);
    out += contentLine(`SUMMARY:${escapeText(e.title)}`);
    out += `DTSTAMP:${stamp}\r\nDTSTART:${utcDateTime(e.startsAt)}\r\nDTEND:${utcDateTime(e.endsAt)}\r\n`;
    if (e.description) out += contentLine(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) out += contentLine(`URL:${e.url}`);
    if (e.location) out += contentLine(`LOCATION:${escapeText(e.location)}`);
    out += `STATUS:${e.status}\r\nEND:VEVENT\r\n`;
  }
  return `${out}END:VCALENDAR\r\n`;
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
  return icsCalendar({ productId: `-//Tsunagu//${originHost()}//${e.locale.toUpperCase()}`, calName: e.title }, [
    { uid: e.uid, title: e.title, startsAt: e.startsAt, endsAt: e.endsAt, description: e.description || undefined, location: e.location || undefined, url: e.url, status: "CONFIRMED" },
  ]);
}
