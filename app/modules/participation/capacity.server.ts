import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { formatRange } from "~/utils/dates";
import { APPLICATION_STATUS, DATE_STATUSES_OPEN_FOR_REGISTRATION, REGISTRATION_STATUS, SHIFT_STATUS_OPEN } from "./status";

// Places on a shift (one slot per volunteer) and on an event date (a party's seats at once): taking them, releasing
// them and handing freed ones to the waitlist. Every caller (applying and registering, withdrawing, an organiser's
// accept or decline, more places or a changed date or shift) goes through here, so there is one queue rule:
//
// - The queue is the rows "waitlisted" that still have a person (a deleted account keeps its row but waits for
//   nothing), ordered by queuedAt, then id. Coming back after withdrawing queues at the end (a new queuedAt).
// - Freed places go to the head of the queue. A party that does not fit the places left stops the queue: nobody
//   behind it goes first, so a family of four is not passed over by one person after another. For shifts every
//   party is one person, so this is plain first come, first served. A party larger than the whole date (the
//   organiser lowered the capacity under it) could never fit and blocks nobody.
// - Someone new takes a place only while nobody who could use it is waiting; otherwise they join the end of the
//   queue. So a newcomer never passes a waiting party either.
// - Places are handed on only while they can be used: an open shift that has not started (or the open-ended shift
//   of an ongoing opening), a scheduled or moved date that has not started. A cancelled date or shift keeps its
//   waitlist as it was.
// - An organiser may accept someone out of this order only by saying so; it is recorded in the audit log
//   (see acceptApplication and decideApplication).
//
// Counts change with one conditional UPDATE each, so 200 parallel requests for 30 places give exactly 30. The SQL
// is portable (SQLite and PostgreSQL alike: CASE and WHERE guards, no two-argument MAX or other dialect functions);
// capacity.test.ts reads this file and fails on dialect-specific SQL.

/** Queue order for Prisma reads: when they joined the queue, then the row id for the same instant. */
export const QUEUE_ORDER: [{ queuedAt: "asc" }, { id: "asc" }] = [{ queuedAt: "asc" }, { id: "asc" }];

type Waiting = { id: number; size: number; queuedAt: Date; name: string | null };

type Pool = {
  /** Identifiers for the shared SQL: the counted row's table, its count and limit, the queue's table and key. */
  table: Prisma.Sql;
  taken: Prisma.Sql;
  limit: Prisma.Sql;
  queue: Prisma.Sql;
  key: Prisma.Sql;
  /** A waiting row's party size in SQL (`w` is the queue row). */
  size: Prisma.Sql;
  waitlisted: string;
  /** The limit, and whether freed places are handed on now; null when the row does not exist. */
  state(tx: Tx, id: number, now: Date): Promise<{ limit: number | null; open: boolean } | null>;
  /** The queue in order (people only); with `before`, only those queued ahead of that point. */
  waiting(tx: Tx, id: number, before?: { id: number; queuedAt: Date }): Promise<Waiting[]>;
  /** Gives the place to a waiting row and tells the person. */
  admit(tx: Tx, rowId: number, now: Date): Promise<void>;
};

function aheadOf(before: { id: number; queuedAt: Date } | undefined) {
  return before ? { OR: [{ queuedAt: { lt: before.queuedAt } }, { queuedAt: before.queuedAt, id: { lt: before.id } }] } : {};
}

const SHIFT: Pool = {
  table: Prisma.sql`"Shift"`,
  taken: Prisma.sql`"acceptedCount"`,
  limit: Prisma.sql`"slots"`,
  queue: Prisma.sql`"Application"`,
  key: Prisma.sql`"shiftId"`,
  size: Prisma.sql`1`,
  waitlisted: APPLICATION_STATUS.waitlisted,
  async state(tx, id, now) {
    const shift = await tx.shift.findUnique({ where: { id }, select: { slots: true, status: true, startsAt: true, endsAt: true } });
    if (!shift) return null;
    return { limit: shift.slots, open: shift.status === SHIFT_STATUS_OPEN && (shift.endsAt === null || shift.startsAt > now) };
  },
  async waiting(tx, id, before) {
    const rows = await tx.application.findMany({
      where: { shiftId: id, status: APPLICATION_STATUS.waitlisted, userId: { not: null }, ...aheadOf(before) },
      orderBy: QUEUE_ORDER,
      select: { id: true, queuedAt: true, user: { select: { name: true } } },
    });
    return rows.map((r) => ({ id: r.id, size: 1, queuedAt: r.queuedAt, name: r.user?.name ?? null }));
  },
  async admit(tx, rowId, now) {
    const app = await tx.application.update({
      where: { id: rowId },
      data: { status: APPLICATION_STATUS.accepted },
      select: { user: { select: { email: true, name: true, locale: true } }, shift: { select: { startsAt: true, endsAt: true, opening: { select: { id: true, title: true } } } } },
    });
    if (!app.user) return;
    const { user, shift } = app;
    await enqueueEmail(tx, {
      to: user.email,
      locale: user.locale,
      template: "waitlist-promoted",
      vars: { name: user.name, title: shift.opening.title, when: shift.endsAt ? formatRange(shift.startsAt, shift.endsAt, user.locale) : "", link: appUrl(`/volunteer/${shift.opening.id}`) },
      idempotencyKey: `waitlist-promoted/${rowId}/${now.getTime()}`,
    });
  },
};

const DATE: Pool = {
  table: Prisma.sql`"EventDate"`,
  taken: Prisma.sql`"registeredCount"`,
  limit: Prisma.sql`"capacity"`,
  queue: Prisma.sql`"Registration"`,
  key: Prisma.sql`"eventDateId"`,
  size: Prisma.sql`w."partySize"`,
  waitlisted: REGISTRATION_STATUS.waitlisted,
  async state(tx, id, now) {
    const date = await tx.eventDate.findUnique({ where: { id }, select: { capacity: true, status: true, startsAt: true } });
    if (!date) return null;
    return { limit: date.capacity, open: DATE_STATUSES_OPEN_FOR_REGISTRATION.includes(date.status) && date.startsAt > now };
  },
  async waiting(tx, id, before) {
    const rows = await tx.registration.findMany({
      where: { eventDateId: id, status: REGISTRATION_STATUS.waitlisted, userId: { not: null }, ...aheadOf(before) },
      orderBy: QUEUE_ORDER,
      select: { id: true, partySize: true, queuedAt: true, user: { select: { name: true } } },
    });
    return rows.map((r) => ({ id: r.id, size: r.partySize, queuedAt: r.queuedAt, name: r.user?.name ?? null }));
  },
  async admit(tx, rowId, now) {
    const reg = await tx.registration.update({
      where: { id: rowId },
      data: { status: REGISTRATION_STATUS.accepted },
      select: { user: { select: { email: true, name: true, locale: true } }, eventDate: { select: { startsAt: true, endsAt: true, event: { select: { id: true, title: true } } } } },
    });
    if (!reg.user) return;
    const { user, eventDate } = reg;
    await enqueueEmail(tx, {
      to: user.email,
      locale: user.locale,
      template: "waitlist-promoted",
      vars: { name: user.name, title: eventDate.event.title, when: formatRange(eventDate.startsAt, eventDate.endsAt, user.locale), link: appUrl(`/events/${eventDate.event.id}`) },
      idempotencyKey: `waitlist-promoted/r${rowId}/${now.getTime()}`,
    });
  },
};

/**
 * Takes `size` places if they are free. With `behindQueue`, only while nobody who could use them is waiting
 * (someone new queues behind them); the head of the queue and an organiser's confirmed accept take without it.
 */
async function take(tx: Tx, p: Pool, id: number, size: number, { behindQueue }: { behindQueue: boolean }): Promise<boolean> {
  const queueIsEmpty = behindQueue
    ? Prisma.sql`
      AND NOT EXISTS (
        SELECT 1 FROM ${p.queue} w
        WHERE w.${p.key} = ${id} AND w."status" = ${p.waitlisted} AND w."userId" IS NOT NULL
          AND ${p.size} <= ${p.table}.${p.limit})`
    : Prisma.empty;
  const changed = await tx.$executeRaw`
    UPDATE ${p.table} SET ${p.taken} = ${p.taken} + ${size}
    WHERE "id" = ${id} AND (${p.limit} IS NULL OR ${p.taken} + ${size} <= ${p.limit})${queueIsEmpty}`;
  return changed === 1;
}

/** Gives back `size` places; a count that is already wrong stops at zero rather than going negative. */
async function release(tx: Tx, p: Pool, id: number, size: number) {
  await tx.$executeRaw`
    UPDATE ${p.table} SET ${p.taken} = CASE WHEN ${p.taken} >= ${size} THEN ${p.taken} - ${size} ELSE 0 END
    WHERE "id" = ${id}`;
}

/** Hands free places to the queue in order, stopping at the first party that does not fit (see the rule above). */
async function promote(tx: Tx, p: Pool, id: number, now: Date) {
  const place = await p.state(tx, id, now);
  if (!place?.open) return;
  for (const next of await p.waiting(tx, id)) {
    if (place.limit !== null && next.size > place.limit) continue;
    if (!(await take(tx, p, id, next.size, { behindQueue: false }))) return;
    await p.admit(tx, next.id, now);
  }
}

function placesOf(p: Pool) {
  return {
    /** Someone new (or back after withdrawing) takes places: true when they got them, false when they queue. */
    take: (tx: Tx, id: number, size = 1) => take(tx, p, id, size, { behindQueue: true }),
    /** Places given back (withdrawn, declined) go to the queue at once. */
    release: async (tx: Tx, id: number, size: number, now: Date) => {
      await release(tx, p, id, size);
      await promote(tx, p, id, now);
    },
    /** After more places or a changed date or shift: the queue gets whatever is free now. */
    promote: (tx: Tx, id: number, now: Date) => promote(tx, p, id, now),
  };
}

/** Slots of a volunteer shift (each application takes one). */
export const shiftSlots = placesOf(SHIFT);

/** Seats of an event date (a registration takes its party size). */
export const dateSeats = placesOf(DATE);

export type AcceptOutcome =
  | { ok: true; passedOver: { id: number; name: string | null }[] }
  | { ok: false; reason: "full" }
  | { ok: false; reason: "out-of-order"; ahead: { id: number; name: string | null }[] };

/**
 * An organiser accepts an application (applied or waitlisted) on its shift. Refused while the shift is full, and
 * while people are waiting ahead of it unless the organiser confirmed passing them over (`outOfOrder`); then the
 * caller records who was passed over. In an opening that needs approval the "applied" rows are the organiser's
 * to choose from and are not a queue: only waitlisted people count as ahead.
 */
export async function acceptApplication(tx: Tx, app: { id: number; shiftId: number; queuedAt: Date }, { outOfOrder }: { outOfOrder: boolean }): Promise<AcceptOutcome> {
  const shift = await tx.shift.findUnique({ where: { id: app.shiftId }, select: { slots: true, acceptedCount: true } });
  if (!shift || (shift.slots !== null && shift.acceptedCount >= shift.slots)) return { ok: false, reason: "full" };
  const ahead = (await SHIFT.waiting(tx, app.shiftId, app)).map(({ id, name }) => ({ id, name }));
  if (ahead.length && !outOfOrder) return { ok: false, reason: "out-of-order", ahead };
  if (!(await take(tx, SHIFT, app.shiftId, 1, { behindQueue: false }))) return { ok: false, reason: "full" };
  await tx.application.update({ where: { id: app.id }, data: { status: APPLICATION_STATUS.accepted }, select: { id: true } });
  return { ok: true, passedOver: ahead };
}
