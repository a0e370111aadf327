import { getEnv } from "~/utils/env.server";
import { addDays, parseTokyoDate, tokyoDateKey } from "~/utils/dates";
import { expandSchedule } from "~/modules/schedule/recurrence";
import { googleCalendarUrl, originHost, singleEventIcs } from "~/modules/calendar/ics.server";
import { getTaxonomy, findBySlug } from "~/modules/taxonomy/taxonomy.server";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { getPublishedPlace, type PlaceDetail } from "./queries.server";
import { bookingLines } from "./booking";

// "Add to my calendar" for one meeting of a 居場所 (its schedule's occurrence on a given Tokyo day).

/** The summary, then (要予約) how to book: the note and phone travel with the meeting into the calendar. */
async function placeDescription(place: PlaceDetail, locale: string) {
  const t = serverI18n.getFixedT(locale, "common");
  return [place.summary, bookingLines(place, t).join("\n")].filter(Boolean).join("\n\n");
}

async function placeLocation(place: PlaceDetail, locale: string) {
  const area = findBySlug((await getTaxonomy(locale)).areas, place.areaSlug)?.name ?? "";
  // An "area only" place gives its area, never its address.
  return [place.name, place.showAreaOnly ? area : place.address ?? area].filter(Boolean).join(", ");
}

export async function placeDateIcs(placeId: number, dateKey: string, locale: string, now = new Date()) {
  const day = parseTokyoDate(dateKey);
  if (!day) return null;
  const place = await getPublishedPlace(placeId, locale, now);
  if (!place?.schedule.rule) return null;
  const [occurrence] = expandSchedule(place.schedule, day, addDays(day, 1), 1);
  if (!occurrence || occurrence.endsAt < now) return null;
  return {
    filename: `place-${place.id}-${dateKey}.ics`,
    body: singleEventIcs({
      uid: `place-${place.id}-${dateKey}@${originHost()}`,
      title: place.name,
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
      description: await placeDescription(place, locale),
      location: await placeLocation(place, locale),
      url: `${getEnv().APP_ORIGIN}/places/${place.id}`,
      locale,
    }),
  };
}

export async function calendarLinksForPlace(place: PlaceDetail, locale: string) {
  const location = await placeLocation(place, locale);
  const details = [await placeDescription(place, locale), `${getEnv().APP_ORIGIN}/places/${place.id}`].filter(Boolean).join("\n\n");
  return place.nextDates.map((d) => {
    const startsAt = new Date(d.startsAt);
    return {
      startsAt: d.startsAt,
      ics: `/places/${place.id}/calendar.ics?date=${tokyoDateKey(startsAt)}`,
      google: googleCalendarUrl({ title: place.name, startsAt, endsAt: new Date(d.endsAt), details, location }),
    };
  });
}
