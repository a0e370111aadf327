import { notifyDateChanges } from "~/modules/participation/notifications.server";
import { dateSeats } from "~/modules/participation/capacity.server";
import type { Prisma } from "~/generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { indexItem } from "~/modules/search/documents.server";
import { expandSchedule, type Occurrence } from "~/modules/schedule/recurrence";
import { COMMON_FORM_SELECT, commonData, commonFormValues, taxonomyLinks } from "~/modules/forms/common-columns.server";
import { parseTokyoDate, tokyoDateKey, tokyoSlot } from "~/utils/dates";
import { addMonthsToDateKey, addTokyoMonths, tokyoInstant, tokyoTime } from "~/modules/schedule/months";
import { checkChoices } from "~/modules/taxonomy/choices.server";
import { buildRule, controlsOf } from "~/modules/schedule/rule-controls";
import type { EventInput } from "~/modules/events/schemas";
import { NEW_ITEM_STATUS, type SaveIntent } from "~/modules/publishing/status";
import { submitAfterSave, transitionItem } from "~/modules/publishing/transitions.server";
import type { SaveResult } from "~/modules/publishing/status";
import { areaOrPlaceArea } from "~/modules/places/queries.server";
import type { SaveOptions } from "~/modules/places/commands.server";
import { holds, reviewedChanges, withoutHeld, type HeldChange } from "~/modules/publishing/edit-policy";
import { recordHeldChanges } from "~/modules/publishing/revisions.server";
import { feeColumns } from "~/modules/fees/fee";
import { ITEM_STATUS } from "~/modules/publishing/visibility";

// A group's 催し: a one-off (one EventDate) or a series whose dates are materialised from its RRULE for the
// next MATERIALISE_MONTHS months. Every query carries { id, groupId }.
//
// Changing a published event: wording changes simply stay published. When a change moves or removes a date that
// people registered for, the date is never deleted (their registrations stay attached): a one-off date is marked
// "moved" with its original time, a series date that no longer fits the rule is marked "cancelled". The ids of
// those dates are recorded in the audit log as "event.dates-changed" and their registrants are emailed; a new
// place or venue for an event with upcoming registrations is recorded as "event.venue-changed" and emailed too
// (the emails are written by the participation module's notifyDateChanges, in the same transaction).

export const MATERIALISE_MONTHS = 6;


const formSelect = {
  id: true,
  status: true,
  title: true,
  titleKana: true,
  summary: true,
  description: true,
  placeId: true,
  areaId: true,
  venueName: true,
  venueAddress: true,
  onlineUrl: true,
  feeKind: true,
  fee: true,
  feeFreeFor: true,
  feeNote: true,
  capacity: true,
  registrationRequired: true,
  registrationCloseHours: true,
  phoneRegistration: true,
  recurrenceRule: true,
  recurrenceStart: true,
  recurrenceEnd: true,
  skipHolidays: true,
  pausedFrom: true,
  pausedUntil: true,
  ...COMMON_FORM_SELECT,
} as const;

/**
 * The wall-clock times of an event. The Event row has no start/end time columns (a series' times live on its
 * dates), so they are read from the first date that was not moved.
 */
export async function eventTimes(db: Tx | typeof prisma, eventId: number, now: Date) {
  const pick = { startsAt: true, endsAt: true } as const;
  const sample =
    (await db.eventDate.findFirst({ where: { eventId, status: { in: ["scheduled", "paused"] }, startsAt: { gte: now } }, select: pick, orderBy: { startsAt: "asc" } })) ??
    (await db.eventDate.findFirst({ where: { eventId, status: { not: "moved" } }, select: pick, orderBy: { startsAt: "desc" } })) ??
    (await db.eventDate.findFirst({ where: { eventId }, select: pick, orderBy: { startsAt: "desc" } }));
  return sample ? { date: tokyoDateKey(sample.startsAt), startTime: tokyoTime(sample.startsAt), endTime: tokyoTime(sample.endsAt) } : null;
}

export async function getGroupEvent(groupId: number, id: number, now = new Date()) {
  const row = await prisma.event.findFirst({ where: { id, groupId }, select: formSelect });
  if (!row) return null;
  const times = await eventTimes(prisma, id, now);
  const dates = await prisma.eventDate.findMany({
    where: { eventId: id, endsAt: { gte: now } },
    select: { id: true, startsAt: true, endsAt: true, status: true, originalStartsAt: true, registeredCount: true },
    orderBy: { startsAt: "asc" },
    take: 12,
  });
  return {
    ...commonFormValues(row),
    kind: row.recurrenceRule ? ("series" as const) : ("once" as const),
    date: row.recurrenceRule ? "" : (times?.date ?? ""),
    startTime: times?.startTime ?? "",
    endTime: times?.endTime ?? "",
    controls: controlsOf(row.recurrenceRule),
    dates,
  };
}
/** Dates of a series from max(now, first day) for MATERIALISE_MONTHS months, within its last day. */
export function seriesOccurrences(
  s: { rule: string; startTime: string; endTime: string; skipHolidays: boolean; startDate: string; endDate: string },
  now: Date,
): Occurrence[] {
  const first = parseTokyoDate(s.startDate);
  const from = first && first > now ? first : now;
  return expandSchedule({ ...s, endDate: s.endDate || undefined }, from, addTokyoMonths(from, MATERIALISE_MONTHS));
}

type DateRow = { id: number; startsAt: Date; endsAt: Date; status: string; originalStartsAt: Date | null; _count: { registrations: number } };

const dateRowSelect = { id: true, startsAt: true, endsAt: true, status: true, originalStartsAt: true, _count: { select: { registrations: true } } } as const;

export type Pause = { pausedFrom: Date | null; pausedUntil: Date | null };

export function inPause(p: Pause, at: Date) {
  return Boolean(p.pausedFrom && p.pausedUntil && at >= p.pausedFrom && at <= p.pausedUntil);
}

/**
 * Makes the event's dates (those in `rows`) match `desired`: matching dates are kept with their registrations,
 * missing ones created, the rest deleted when nobody registered and cancelled otherwise.
 * Returns the ids of dates with registrations that were cancelled.
 */
async function reconcileDates(tx: Tx, eventId: number, rows: DateRow[], desired: Occurrence[], capacity: number | null, pause: Pause, now: Date) {
  const affected: number[] = [];
  const byStart = new Map(rows.map((r) => [(r.originalStartsAt ?? r.startsAt).getTime(), r]));
  const create: Prisma.EventDateCreateManyInput[] = [];
  for (const o of desired) {
    const row = byStart.get(o.startsAt.getTime());
    if (row) {
      byStart.delete(o.startsAt.getTime());
      // A moved or cancelled date is the organiser's exception to the rule and stays as it is.
      const keepsTime = row.status === "scheduled" || row.status === "paused";
      await tx.eventDate.update({ where: { id: row.id }, data: { capacity, ...(keepsTime ? { endsAt: o.endsAt } : {}) }, select: { id: true } });
      // A larger capacity lets the people waiting longest in (and tells them by email).
      await dateSeats.promote(tx, row.id, now);
    } else {
      create.push({ eventId, startsAt: o.startsAt, endsAt: o.endsAt, ...tokyoSlot(o.startsAt), capacity, status: inPause(pause, o.startsAt) ? "paused" : "scheduled" });
    }
  }
  for (const row of byStart.values()) {
    if (row._count.registrations === 0) {
      // Conditional: a registration that arrived meanwhile keeps the row.
      await tx.eventDate.deleteMany({ where: { id: row.id, registrations: { none: {} } } });
    } else if (row.status !== "cancelled") {
      await tx.eventDate.update({ where: { id: row.id }, data: { status: "cancelled" }, select: { id: true } });
      affected.push(row.id);
    }
  }
  if (create.length) await tx.eventDate.createMany({ data: create });
  return affected;
}

/** A one-off keeps its single row: its registrations follow it to the new time, marked "moved" for residents. */
async function syncOneOff(tx: Tx, eventId: number, target: Occurrence, capacity: number | null, pause: Pause, now: Date) {
  const rows = await tx.eventDate.findMany({ where: { eventId }, select: dateRowSelect, orderBy: { startsAt: "asc" } });
  const only = rows.length === 1 ? rows[0]! : null;
  // A series turned into a one-off: its past dates are history and stay; the future ones make way.
  if (!only) return reconcileDates(tx, eventId, rows.filter((r) => r.startsAt >= now), [target], capacity, pause, now);
  const same = only.startsAt.getTime() === target.startsAt.getTime() && only.endsAt.getTime() === target.endsAt.getTime();
  if (same) {
    await tx.eventDate.update({ where: { id: only.id }, data: { capacity }, select: { id: true } });
    await dateSeats.promote(tx, only.id, now);
    return [];
  }
  const registered = only._count.registrations > 0;
  await tx.eventDate.update({
    where: { id: only.id },
    data: {
      startsAt: target.startsAt,
      endsAt: target.endsAt,
      ...tokyoSlot(target.startsAt),
      capacity,
      status: registered ? "moved" : "scheduled",
      originalStartsAt: registered ? (only.originalStartsAt ?? only.startsAt) : null,
    },
    select: { id: true },
  });
  // The moved date may have more room (a new capacity): the queue gets it, as for any other change.
  await dateSeats.promote(tx, only.id, now);
  return registered ? [only.id] : [];
}

function eventData(input: EventInput, rule: string, areaId: number | null) {
  return {
    title: input.title,
    titleKana: input.titleKana,
    summary: input.summary,
    description: input.description,
    placeId: input.placeId,
    areaId,
    venueName: input.venueName,
    venueAddress: input.venueAddress,
    onlineUrl: input.onlineUrl,
    ...feeColumns(input),
    feeNote: input.feeNote,
    capacity: input.capacity,
    registrationRequired: input.registrationRequired,
    registrationCloseHours: input.registrationCloseHours,
    // Only meaningful with registration; kept off otherwise so the public page never offers it.
    phoneRegistration: input.registrationRequired && input.phoneRegistration,
    ...commonData(input),
    recurrenceRule: rule,
    recurrenceStart: rule ? input.seriesStart : "",
    recurrenceEnd: rule ? input.seriesEnd : "",
    skipHolidays: rule ? input.skipHolidays : false,
  };
}

/** The schedule the form describes: a one-off's day and times, or a series' rule, days and times. */
type ScheduleInput = Pick<EventInput, "kind" | "date" | "startTime" | "endTime" | "seriesStart" | "seriesEnd" | "skipHolidays">;

/** The public version's values that the edit policy compares (publishing/edit-policy.ts). */
const reviewedSelect = {
  title: true,
  titleKana: true,
  description: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  placeId: true,
  areaId: true,
  venueName: true,
  venueAddress: true,
  onlineUrl: true,
  feeKind: true,
  fee: true,
  feeFreeFor: true,
  recurrenceRule: true,
  recurrenceStart: true,
  recurrenceEnd: true,
  skipHolidays: true,
  audiences: { select: { id: true } },
} as const;

/**
 * Creates or updates an event of the group and brings its dates in line. On a published event, changes to reviewed
 * fields (edit-policy.ts: title, description, contact, venue, fee, audiences, schedule) are held for staff while
 * the rest is saved; a held schedule leaves the dates as they are until staff approve.
 */
export async function saveEvent(
  groupId: number,
  actorId: number,
  id: number | null,
  input: EventInput,
  intent: SaveIntent,
  now = new Date(),
  options: SaveOptions = {},
): Promise<SaveResult & { changedDateIds?: number[] }> {
  const existing =
    id === null
      ? null
      : await prisma.event.findFirst({
          where: { id, groupId },
          select: { status: true, pausedFrom: true, pausedUntil: true, ...reviewedSelect },
        });
  if (id !== null && !existing) return { ok: false, fieldErrors: { "": ["manage.errors.notFound"] } };
  const fieldErrors = await checkChoices(groupId, input);
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  const proposedRule = input.kind === "once" ? "" : buildRule(input, existing?.recurrenceRule ?? "");
  // Saving never changes the status; "submit" takes the submit step afterwards (publishing/transitions.server.ts).
  const data = eventData(input, proposedRule, await areaOrPlaceArea(groupId, input.areaId, input.placeId));
  const { connect, links } = taxonomyLinks(input);
  const pause: Pause = { pausedFrom: existing?.pausedFrom ?? null, pausedUntil: existing?.pausedUntil ?? null };

  const reviewing = existing?.status === ITEM_STATUS.published && !options.reviewed;
  let held: HeldChange[] = [];
  let schedule: ScheduleInput = input;
  let rule = proposedRule;
  if (existing && reviewing && id !== null) {
    const times = await eventTimes(prisma, id, now);
    const current: ScheduleInput = {
      kind: existing.recurrenceRule ? "series" : "once",
      date: existing.recurrenceRule ? "" : (times?.date ?? ""),
      startTime: times?.startTime ?? "",
      endTime: times?.endTime ?? "",
      seriesStart: existing.recurrenceStart,
      seriesEnd: existing.recurrenceEnd,
      skipHolidays: existing.skipHolidays,
    };
    const proposed = { date: input.kind === "once" ? input.date : "", startTime: input.startTime, endTime: input.endTime };
    held = reviewedChanges(
      "event",
      { ...existing, audienceIds: existing.audiences.map((a) => a.id), date: current.date, startTime: current.startTime, endTime: current.endTime },
      { ...data, audienceIds: input.audienceIds, ...proposed },
    );
    // A held schedule: the dates stay those of the public version until staff approve.
    if (holds(held, "schedule")) {
      schedule = current;
      rule = existing.recurrenceRule;
    }
  }
  const live = withoutHeld("event", data, held);
  const liveLinks = holds(held, "audiences") ? { categories: links.categories } : links;

  const result = await prisma.$transaction(async (tx) => {
    const eventId =
      id === null
        ? (await tx.event.create({ data: { ...data, status: NEW_ITEM_STATUS, groupId, ...connect }, select: { id: true } })).id
        : (await tx.event.update({ where: { id, groupId }, data: { ...live, ...liveLinks }, select: { id: true } })).id;
    if (reviewing) await recordHeldChanges(tx, { kind: "event", id: eventId, groupId, actorId }, held, input);
    let changed: number[];
    if (schedule.kind === "once") {
      changed = await syncOneOff(
        tx,
        eventId,
        { startsAt: tokyoInstant(schedule.date, schedule.startTime), endsAt: tokyoInstant(schedule.date, schedule.endTime) },
        input.capacity,
        pause,
        now,
      );
    } else {
      const desired = seriesOccurrences(
        { rule, startTime: schedule.startTime, endTime: schedule.endTime, skipHolidays: schedule.skipHolidays, startDate: schedule.seriesStart, endDate: schedule.seriesEnd },
        now,
      );
      const rows = await tx.eventDate.findMany({ where: { eventId, startsAt: { gte: now } }, select: dateRowSelect });
      changed = await reconcileDates(tx, eventId, rows, desired, input.capacity, pause, now);
    }
    if (changed.length) {
      await recordAudit(tx, { actorId, action: "event.dates-changed", entityType: "event", entityId: eventId, detail: { dateIds: changed } });
      await notifyDateChanges(tx, changed, now);
    }
    const venueChanged =
      existing && !holds(held, "address") && (existing.placeId !== input.placeId || existing.venueName !== input.venueName || existing.venueAddress !== input.venueAddress);
    if (venueChanged && (await tx.registration.count({ where: { eventDate: { eventId, startsAt: { gte: now } } } })) > 0) {
      await recordAudit(tx, { actorId, action: "event.venue-changed", entityType: "event", entityId: eventId, detail: { placeId: input.placeId } });
      const upcoming = await tx.eventDate.findMany({ where: { eventId, startsAt: { gte: now } }, select: { id: true } });
      // People whose date also changed were told above: one email each.
      await notifyDateChanges(tx, upcoming.map((d) => d.id).filter((id) => !changed.includes(id)), now);
    }
    return { eventId, changed };
  });
  await indexItem("event", result.eventId);
  const status = await submitAfterSave("event", result.eventId, intent, existing?.status ?? NEW_ITEM_STATUS, { actorId, groupId, now });
  return { ok: true, id: result.eventId, status, changedDateIds: result.changed };
}

/** archive | withdraw (pending → draft). Returns false when the event is not the group's or the change is not allowed. */
export async function changeEventStatus(groupId: number, actorId: number, id: number, action: "archive" | "withdraw"): Promise<boolean> {
  return (await transitionItem("event", id, action, { actorId, groupId })).ok;
}

/** Copies an event as a draft one month later (a one-off's date, or a series' first and last days). */
export async function duplicateEvent(groupId: number, id: number, now = new Date()): Promise<number | null> {
  const src = await prisma.event.findFirst({ where: { id, groupId }, select: formSelect });
  if (!src) return null;
  const times = await eventTimes(prisma, id, now);
  const { id: _id, status: _status, categories, audiences, pausedFrom: _pf, pausedUntil: _pu, ...fields } = src;
  const recurrenceStart = src.recurrenceRule ? addMonthsToDateKey(src.recurrenceStart || (times?.date ?? tokyoDateKey(now)), 1) : "";
  const recurrenceEnd = src.recurrenceRule && src.recurrenceEnd ? addMonthsToDateKey(src.recurrenceEnd, 1) : "";
  const copyId = await prisma.$transaction(async (tx) => {
    const copy = await tx.event.create({
      data: {
        ...fields,
        recurrenceStart,
        recurrenceEnd,
        groupId,
        status: NEW_ITEM_STATUS,
        categories: { connect: categories },
        audiences: { connect: audiences },
      },
      select: { id: true },
    });
    if (!times) return copy.id;
    const occurrences = src.recurrenceRule
      ? seriesOccurrences({ rule: src.recurrenceRule, startTime: times.startTime, endTime: times.endTime, skipHolidays: src.skipHolidays, startDate: recurrenceStart, endDate: recurrenceEnd }, now)
      : [{ startsAt: tokyoInstant(addMonthsToDateKey(times.date, 1), times.startTime), endsAt: tokyoInstant(addMonthsToDateKey(times.date, 1), times.endTime) }];
    if (occurrences.length) {
      await tx.eventDate.createMany({ data: occurrences.map((o) => ({ eventId: copy.id, startsAt: o.startsAt, endsAt: o.endsAt, ...tokyoSlot(o.startsAt), capacity: src.capacity })) });
    }
    return copy.id;
  });
  await indexItem("event", copyId);
  return copyId;
}
