import { prisma, type Tx } from "~/utils/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { addTokyoMonths } from "~/modules/schedule/months";
import { tokyoSlot } from "~/utils/dates";
import { ITEM_STATUS } from "~/modules/publishing/visibility";
import { invalidatePublicCache } from "~/utils/cache.server";
import { eventTimes, inPause, MATERIALISE_MONTHS, seriesOccurrences } from "./commands.server";

// A series' dates are materialised MATERIALISE_MONTHS ahead when it is saved; without this step a weekly salon saved
// in April would silently end in October. The step adds the dates the rule gives after the series' last date, up to
// the same horizon from today. It never touches a date that exists: a moved or cancelled date is the organiser's
// decision, and past dates are history.

/** Series being prepared, reviewed or shown; a closed or archived series is left to end. */
const EXTENDED_STATUSES = [ITEM_STATUS.draft, ITEM_STATUS.pending, ITEM_STATUS.published];
/**
 * A series whose dates reach within a week of the horizon is left for a later scan: a weekly rule's next date lies
 * past the horizon anyway, and thousands of weekly series need not be read every hour to learn that.
 */
const SLACK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Extends every series that runs short of the horizon. Returns how many dates were added. Safe on several processes:
 * each event's check and insert happen in one write transaction (BEGIN IMMEDIATE), so a second runner sees the
 * dates the first one added.
 */
export async function extendSeries(now = new Date()): Promise<{ events: number; dates: number }> {
  const horizon = addTokyoMonths(now, MATERIALISE_MONTHS);
  const lastDates = await prisma.eventDate.groupBy({
    by: ["eventId"],
    where: { event: { recurrenceRule: { not: "" }, status: { in: EXTENDED_STATUSES } } },
    _max: { startsAt: true },
  });
  const short = lastDates.filter((d) => d._max.startsAt && d._max.startsAt.getTime() < horizon.getTime() - SLACK_MS);
  const extended: `event:${number}`[] = [];
  let dates = 0;
  for (const { eventId } of short) {
    const added = await extendOne(eventId, now);
    if (added) {
      extended.push(`event:${eventId}`);
      dates += added;
    }
  }
  // New dates appear in the lists and calendars, and on the events' and their places' pages: one mark for the run.
  if (extended.length) invalidatePublicCache(extended);
  return { events: extended.length, dates };
}

async function extendOne(eventId: number, now: Date): Promise<number> {
  // Worked out with plain reads first: most series checked (a monthly one whose next date lies past the horizon)
  // need nothing, and must not take the write lock for that.
  const planned = await datesToAdd(prisma, eventId, now);
  if (!planned.length) return 0;
  // Then again inside one write transaction, so that a second runner meeting this one adds nothing twice.
  return prisma.$transaction(async (tx) => {
    const data = await datesToAdd(tx, eventId, now);
    if (data.length) await tx.eventDate.createMany({ data });
    return data.length;
  });
}

/** The dates the series' rule gives after its last date, up to the horizon; none for a series that is not extended. */
async function datesToAdd(db: Tx | typeof prisma, eventId: number, now: Date): Promise<Prisma.EventDateCreateManyInput[]> {
  const event = await db.event.findUnique({
    where: { id: eventId },
    select: {
      status: true,
      recurrenceRule: true,
      recurrenceStart: true,
      recurrenceEnd: true,
      skipHolidays: true,
      capacity: true,
      pausedFrom: true,
      pausedUntil: true,
    },
  });
  if (!event?.recurrenceRule || !(EXTENDED_STATUSES as string[]).includes(event.status)) return [];
  // The series' wall-clock times live on its dates (the Event row has no time columns).
  const times = await eventTimes(db, eventId, now);
  if (!times) return [];
  // The last date as the rule placed it (a moved date counts at its original time).
  const rows = await db.eventDate.findMany({ where: { eventId }, select: { startsAt: true, originalStartsAt: true } });
  const last = Math.max(...rows.map((r) => (r.originalStartsAt ?? r.startsAt).getTime()));
  const occurrences = seriesOccurrences(
    {
      rule: event.recurrenceRule,
      startTime: times.startTime,
      endTime: times.endTime,
      skipHolidays: event.skipHolidays,
      startDate: event.recurrenceStart,
      endDate: event.recurrenceEnd,
    },
    now,
  ).filter((o) => o.startsAt.getTime() > last);
  return occurrences.map((o) => ({
    eventId,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    ...tokyoSlot(o.startsAt),
    capacity: event.capacity,
    status: inPause(event, o.startsAt) ? "paused" : "scheduled",
  }));
}
