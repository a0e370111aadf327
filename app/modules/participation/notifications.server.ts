
import { WRITE_TX, prisma, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { addDays, formatRange, startOfTokyoDay } from "~/utils/dates";
import { APPLICATION_STATUS, DATE_STATUSES_OPEN_FOR_REGISTRATION, LIVE_APPLICATION_STATUSES, LIVE_REGISTRATION_STATUSES, REGISTRATION_STATUS, SHIFT_STATUS_OPEN } from "./status";

// Emails about participation that are not a direct answer to the resident's own action: the day-before
// reminder, changes and cancellations, and an organiser's message to everyone on a shift.

/**
 * Queues a reminder for every accepted application and registration that starts tomorrow (Tokyo), once each,
 * for residents who keep reminders on. Safe to run often and on several instances (claimed row by row).
 */
export async function queueDayBeforeReminders(now = new Date()) {
  const from = addDays(startOfTokyoDay(now), 1);
  const until = addDays(from, 1);
  const apps = await prisma.application.findMany({
    where: {
      status: APPLICATION_STATUS.accepted,
      remindedAt: null,
      shift: { startsAt: { gte: from, lt: until }, status: SHIFT_STATUS_OPEN },
      user: { status: "active", OR: [{ profile: null }, { profile: { notifyReminders: true } }] },
    },
    select: { id: true, user: { select: { email: true, name: true, locale: true } }, shift: { select: { startsAt: true, endsAt: true, opening: { select: { id: true, title: true } } } } },
    take: 500,
  });
  const regs = await prisma.registration.findMany({
    where: {
      status: REGISTRATION_STATUS.accepted,
      remindedAt: null,
      eventDate: { startsAt: { gte: from, lt: until }, status: { in: [...DATE_STATUSES_OPEN_FOR_REGISTRATION] } },
      user: { status: "active", OR: [{ profile: null }, { profile: { notifyReminders: true } }] },
    },
    select: { id: true, user: { select: { email: true, name: true, locale: true } }, eventDate: { select: { startsAt: true, endsAt: true, event: { select: { id: true, title: true } } } } },
    take: 500,
  });
  let queued = 0;
  for (const a of apps) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.application.updateMany({ where: { id: a.id, remindedAt: null }, data: { remindedAt: now } });
      if (claimed.count !== 1 || !a.user) return;
      await enqueueEmail(tx, {
        to: a.user.email,
        locale: a.user.locale,
        template: "reminder",
        vars: { name: a.user.name, title: a.shift.opening.title, when: a.shift.endsAt ? formatRange(a.shift.startsAt, a.shift.endsAt, a.user.locale) : "", link: appUrl(`/volunteer/${a.shift.opening.id}`) },
        idempotencyKey: `reminder/a${a.id}`,
      });
      queued += 1;
    }, WRITE_TX);
  }
  for (const r of regs) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.registration.updateMany({ where: { id: r.id, remindedAt: null }, data: { remindedAt: now } });
      if (claimed.count !== 1 || !r.user) return;
      await enqueueEmail(tx, {
        to: r.user.email,
        locale: r.user.locale,
        template: "reminder",
        vars: { name: r.user.name, title: r.eventDate.event.title, when: formatRange(r.eventDate.startsAt, r.eventDate.endsAt, r.user.locale), link: appUrl(`/events/${r.eventDate.event.id}`) },
        idempotencyKey: `reminder/r${r.id}`,
      });
      queued += 1;
    }, WRITE_TX);
  }
  return queued;
}

/** Tells everyone who applied to these shifts that the date, time or place changed, or that it was cancelled. */
export async function notifyShiftChanges(tx: Tx, shiftIds: number[], now = new Date()) {
  if (!shiftIds.length) return;
  const apps = await tx.application.findMany({
    where: { shiftId: { in: shiftIds }, status: { in: [...LIVE_APPLICATION_STATUSES] }, userId: { not: null } },
    select: { id: true, user: { select: { email: true, name: true, locale: true } }, shift: { select: { opening: { select: { id: true, title: true } } } } },
  });
  for (const a of apps) {
    await enqueueEmail(tx, {
      to: a.user!.email,
      locale: a.user!.locale,
      template: "schedule-changed",
      vars: { name: a.user!.name, title: a.shift.opening.title, link: appUrl(`/volunteer/${a.shift.opening.id}`) },
      idempotencyKey: `schedule-changed/a${a.id}/${now.getTime()}`,
    });
  }
}

/** Tells everyone registered for these dates that the date, time or place changed, or that it was cancelled. */
export async function notifyDateChanges(tx: Tx, eventDateIds: number[], now = new Date()) {
  if (!eventDateIds.length) return;
  const regs = await tx.registration.findMany({
    where: { eventDateId: { in: eventDateIds }, status: { in: [...LIVE_REGISTRATION_STATUSES] }, userId: { not: null } },
    select: { id: true, user: { select: { email: true, name: true, locale: true } }, eventDate: { select: { event: { select: { id: true, title: true } } } } },
  });
  for (const r of regs) {
    await enqueueEmail(tx, {
      to: r.user!.email,
      locale: r.user!.locale,
      template: "schedule-changed",
      vars: { name: r.user!.name, title: r.eventDate.event.title, link: appUrl(`/events/${r.eventDate.event.id}`) },
      idempotencyKey: `schedule-changed/r${r.id}/${now.getTime()}`,
    });
  }
}

/**
 * Tells everyone registered for a cancelled date, with the group's reason quoted when one was written (typed text:
 * the template escapes and defuses it, and it never reaches the subject).
 */
export async function notifyDateCancelled(tx: Tx, eventDateId: number, reason: string, now = new Date()) {
  const regs = await tx.registration.findMany({
    where: { eventDateId, status: { in: [...LIVE_REGISTRATION_STATUSES] }, userId: { not: null } },
    select: { id: true, user: { select: { email: true, name: true, locale: true } }, eventDate: { select: { startsAt: true, endsAt: true, event: { select: { id: true, title: true } } } } },
  });
  for (const r of regs) {
    await enqueueEmail(tx, {
      to: r.user!.email,
      locale: r.user!.locale,
      template: "date-cancelled",
      vars: {
        name: r.user!.name,
        title: r.eventDate.event.title,
        when: formatRange(r.eventDate.startsAt, r.eventDate.endsAt, r.user!.locale),
        reason,
        status: reason.trim() ? "reason" : "plain",
        link: appUrl(`/events/${r.eventDate.event.id}`),
      },
      idempotencyKey: `date-cancelled/r${r.id}/${now.getTime()}`,
    });
  }
  return regs.length;
}

/** An organiser's message to everyone accepted on a shift (of their own group). Returns how many were queued. */
export async function messageShift(input: { groupId: number; shiftId: number; message: string; senderId: number }, now = new Date()) {
  const shift = await prisma.shift.findFirst({
    where: { id: input.shiftId, opening: { groupId: input.groupId } },
    select: {
      startsAt: true,
      endsAt: true,
      opening: { select: { id: true, title: true, group: { select: { name: true } } } },
      applications: { where: { status: APPLICATION_STATUS.accepted, userId: { not: null } }, select: { id: true, user: { select: { email: true, name: true, locale: true } } } },
    },
  });
  if (!shift) return null;
  await prisma.$transaction(async (tx) => {
    for (const a of shift.applications) {
      await enqueueEmail(tx, {
        to: a.user!.email,
        locale: a.user!.locale,
        template: "shift-message",
        vars: {
          name: a.user!.name,
          group: shift.opening.group.name,
          title: shift.opening.title,
          when: shift.endsAt ? formatRange(shift.startsAt, shift.endsAt, a.user!.locale) : "",
          message: input.message,
          link: appUrl(`/volunteer/${shift.opening.id}`),
        },
        idempotencyKey: `shift-message/${input.shiftId}/${a.id}/${now.getTime()}`,
      });
    }
    await tx.auditLog.create({ data: { actorId: input.senderId, action: "shift.messaged", entityType: "shift", entityId: input.shiftId, detail: JSON.stringify({ recipients: shift.applications.length }) } });
  }, WRITE_TX);
  return shift.applications.length;
}
