import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { addDays, tokyoDateKey, tokyoSlot } from "~/utils/dates";
import { saveEvent } from "~/modules/events/commands.server";
import { eventSchema } from "~/modules/events/schemas";
import { decideApplication } from "~/modules/participation/organiser.server";
import { applyToShift, registerForEventDate, withdrawApplication, withdrawRegistration } from "~/modules/participation/participation.server";
import { APPLICATION_STATUS, REGISTRATION_STATUS } from "~/modules/participation/status";
import { createResident, createSession } from "../support/factories";
import { actionAnswer } from "../support/auth";

// One queue rule for shift slots and event-date seats (capacity.server.ts): places go to the waitlist in order of
// queuedAt, then id; a party that does not fit stops the queue; someone new never passes a waiting party; and every
// trigger (a withdrawal, an organiser's decline, more places, a moved date) hands places on by that same rule.

const GROUP = 1;
const { accepted, waitlisted } = REGISTRATION_STATUS;

async function people(n: number) {
  const users = [];
  for (let i = 0; i < n; i++) users.push(await createResident({ name: `待つ人 ${i}` }));
  return users;
}

async function organiser() {
  return prisma.user.findUniqueOrThrow({ where: { email: "owner@example.jp" }, select: { id: true } });
}

const day = (n: number) => tokyoDateKey(addDays(new Date(), n));

/** The organiser's event form, as the edit page posts it (a one-off that takes registrations). */
function eventForm(fields: { date: string; capacity: number; title: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ intent: "save", kind: "once", startTime: "10:00", endTime: "12:00", languages: "ja", registrationRequired: "on", ...fields })) form.set(k, String(v));
  const submission = parseWithZod(form, { schema: eventSchema({ today: day(0), creating: false }) });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

/** A published one-off event of group 1, made and changed the way the organiser's form does it. */
async function organisersEvent(capacity: number) {
  const title = `キャンセル待ちの順番 ${Date.now()}-${Math.random()}`;
  const { id: actorId } = await organiser();
  const saved = await saveEvent(GROUP, actorId, null, eventForm({ date: day(10), capacity, title }), "save");
  if (!saved.ok) throw new Error("the event was not saved");
  await prisma.event.update({ where: { id: saved.id }, data: { status: "published" } });
  const date = await prisma.eventDate.findFirstOrThrow({ where: { eventId: saved.id }, select: { id: true } });
  // A new day for a published event waits for staff (publishing/edit-policy.ts); this is the save as staff's approval
  // replays it, which is when the date moves and the capacity rules run.
  const change = async (fields: { date: string; capacity: number }) => {
    const again = await saveEvent(GROUP, actorId, saved.id, eventForm({ ...fields, title }), "save", new Date(), { reviewed: true });
    expect(again.ok).toBe(true);
  };
  return { eventId: saved.id, dateId: date.id, change };
}

async function register(userId: number, eventDateId: number, partySize: number) {
  const r = await registerForEventDate({ userId, eventDateId, partySize, consent: true });
  if (!r.ok) throw new Error(r.reason);
  return r;
}

async function statusesOf(eventDateId: number, users: { id: number }[]) {
  const rows = await prisma.registration.findMany({ where: { eventDateId }, select: { userId: true, status: true } });
  return users.map((u) => rows.find((r) => r.userId === u.id)?.status);
}

async function seatsTaken(eventDateId: number) {
  return (await prisma.eventDate.findUniqueOrThrow({ where: { id: eventDateId }, select: { registeredCount: true } })).registeredCount;
}

async function promotedEmails(users: { email: string }[]) {
  return Promise.all(users.map((u) => prisma.emailOutbox.count({ where: { toAddress: u.email, template: "waitlist-promoted" } })));
}

describe("one queue rule across every trigger", () => {
  it("someone new queues behind a waiting family even when a seat is free; withdrawals let them in in the order they queued", async () => {
    const { dateId } = await organisersEvent(4);
    const [a, x, family, single, late] = await people(5);
    expect((await register(a!.id, dateId, 1)).status).toBe(accepted);
    expect((await register(x!.id, dateId, 2)).status).toBe(accepted);
    expect((await register(family!.id, dateId, 2)).status).toBe(waitlisted);
    // One seat is free, but a family of two has waited longer: the newcomer does not pass them.
    expect((await register(single!.id, dateId, 1)).status).toBe(waitlisted);
    expect(await seatsTaken(dateId)).toBe(3);

    const registrationOf = async (u: { id: number }) => (await prisma.registration.findFirstOrThrow({ where: { eventDateId: dateId, userId: u.id } })).id;
    expect((await withdrawRegistration({ userId: a!.id, registrationId: await registrationOf(a!) })).ok).toBe(true);
    expect(await statusesOf(dateId, [family!, single!])).toEqual([accepted, waitlisted]);
    expect(await seatsTaken(dateId)).toBe(4);

    expect((await withdrawRegistration({ userId: x!.id, registrationId: await registrationOf(x!) })).ok).toBe(true);
    expect(await statusesOf(dateId, [family!, single!])).toEqual([accepted, accepted]);
    expect(await seatsTaken(dateId)).toBe(3);
    expect(await promotedEmails([family!, single!])).toEqual([1, 1]);

    // With nobody waiting, the last seat is simply taken.
    expect((await register(late!.id, dateId, 1)).status).toBe(accepted);
    expect(await seatsTaken(dateId)).toBe(4);
  }, 60_000);

  it("a waiting family that leaves the queue lets the person behind them take the seat they could not use", async () => {
    const { dateId } = await organisersEvent(3);
    const [a, family, single] = await people(3);
    await register(a!.id, dateId, 2);
    const waiting = await register(family!.id, dateId, 2);
    expect((await register(single!.id, dateId, 1)).status).toBe(waitlisted);
    expect((await withdrawRegistration({ userId: family!.id, registrationId: waiting.registrationId })).ok).toBe(true);
    expect(await statusesOf(dateId, [family!, single!])).toEqual([REGISTRATION_STATUS.withdrawn, accepted]);
    expect(await seatsTaken(dateId)).toBe(3);
  }, 60_000);

  it("an organiser's decline hands the slot to whoever waited longest; the rest keep their places in the queue", async () => {
    const startsAt = new Date(Date.now() + 5 * 86400_000);
    const opening = await prisma.opening.create({
      data: { groupId: GROUP, title: "辞退テストの募集", status: "published", shifts: { create: { startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), slots: 1, ...tokyoSlot(startsAt) } } },
      select: { shifts: { select: { id: true } } },
    });
    const shiftId = opening.shifts[0]!.id;
    const [a, b, c] = await people(3);
    const applied = [];
    for (const u of [a!, b!, c!]) applied.push(await applyToShift({ userId: u.id, shiftId, consent: true, message: "" }));
    expect(applied.map((r) => r.ok && r.status)).toEqual([APPLICATION_STATUS.accepted, APPLICATION_STATUS.waitlisted, APPLICATION_STATUS.waitlisted]);
    const ids = applied.map((r) => (r.ok ? r.applicationId : 0));
    expect(await decideApplication({ groupId: GROUP, applicationId: ids[0]!, decision: "decline", staffUserId: (await organiser()).id })).toEqual({ ok: true });
    const rows = await prisma.application.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { status: true } });
    expect(rows.map((r) => r.status)).toEqual([APPLICATION_STATUS.declined, APPLICATION_STATUS.accepted, APPLICATION_STATUS.waitlisted]);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(1);
    // b withdraws: c is next; b coming back queues at the end and waits.
    expect((await withdrawApplication({ userId: b!.id, applicationId: ids[1]! })).ok).toBe(true);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids[2]! } })).status).toBe(APPLICATION_STATUS.accepted);
    expect(await applyToShift({ userId: b!.id, shiftId, consent: true, message: "" })).toMatchObject({ ok: true, status: APPLICATION_STATUS.waitlisted });
  });

  it("more seats go to the queue in order: a family at the head that does not fit yet stops it, so nobody passes them", async () => {
    const { dateId, change } = await organisersEvent(3);
    const [a, family, single] = await people(3);
    await register(a!.id, dateId, 2);
    expect((await register(family!.id, dateId, 3)).status).toBe(waitlisted);
    expect((await register(single!.id, dateId, 1)).status).toBe(waitlisted);

    await change({ date: day(10), capacity: 4 });
    expect(await statusesOf(dateId, [family!, single!])).toEqual([waitlisted, waitlisted]);
    expect(await seatsTaken(dateId)).toBe(2);

    await change({ date: day(10), capacity: 5 });
    expect(await statusesOf(dateId, [family!, single!])).toEqual([accepted, waitlisted]);
    expect(await seatsTaken(dateId)).toBe(5);

    await change({ date: day(10), capacity: 6 });
    expect(await statusesOf(dateId, [family!, single!])).toEqual([accepted, accepted]);
    expect(await seatsTaken(dateId)).toBe(6);
    expect(await promotedEmails([family!, single!])).toEqual([1, 1]);
  }, 60_000);

  it("a date moved to a bigger room lets the people waiting in, in order, and tells them", async () => {
    const { dateId, change } = await organisersEvent(2);
    const [a, b, c] = await people(3);
    await register(a!.id, dateId, 2);
    expect((await register(b!.id, dateId, 1)).status).toBe(waitlisted);
    expect((await register(c!.id, dateId, 1)).status).toBe(waitlisted);

    await change({ date: day(12), capacity: 3 });
    const date = await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId }, select: { status: true, registeredCount: true } });
    expect(date).toEqual({ status: "moved", registeredCount: 3 });
    expect(await statusesOf(dateId, [a!, b!, c!])).toEqual([accepted, accepted, waitlisted]);
    expect(await promotedEmails([b!, c!])).toEqual([1, 0]);
  }, 60_000);
});

describe("releasing places", () => {
  it("never takes a count below zero, even when it was already wrong", async () => {
    const { dateId } = await organisersEvent(5);
    const [a] = await people(1);
    const r = await register(a!.id, dateId, 3);
    await prisma.eventDate.update({ where: { id: dateId }, data: { registeredCount: 1 } });
    expect((await withdrawRegistration({ userId: a!.id, registrationId: r.registrationId })).ok).toBe(true);
    expect(await seatsTaken(dateId)).toBe(0);

    const startsAt = new Date(Date.now() + 5 * 86400_000);
    const opening = await prisma.opening.create({
      data: { groupId: GROUP, title: "数のずれの募集", status: "published", shifts: { create: { startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), slots: 2, ...tokyoSlot(startsAt) } } },
      select: { shifts: { select: { id: true } } },
    });
    const shiftId = opening.shifts[0]!.id;
    const applied = await applyToShift({ userId: a!.id, shiftId, consent: true, message: "" });
    await prisma.shift.update({ where: { id: shiftId }, data: { acceptedCount: 0 } });
    expect((await withdrawApplication({ userId: a!.id, applicationId: applied.ok ? applied.applicationId : 0 })).ok).toBe(true);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(0);
  });
});

describe("accepting someone out of turn is the organiser's explicit, audited choice", () => {
  /** A shift with a free slot and three people waiting (e.g. a slot freed while the opening needed approval). */
  async function shiftWithQueue() {
    const startsAt = new Date(Date.now() + 5 * 86400_000);
    const opening = await prisma.opening.create({
      data: { groupId: GROUP, title: "順番テストの募集", status: "published", shifts: { create: { startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), slots: 2, acceptedCount: 1, ...tokyoSlot(startsAt) } } },
      select: { id: true, shifts: { select: { id: true } } },
    });
    const shiftId = opening.shifts[0]!.id;
    const waiting = await people(3);
    const ids = [];
    for (const [i, u] of waiting.entries()) {
      const row = await prisma.application.create({
        data: { shiftId, userId: u.id, status: APPLICATION_STATUS.waitlisted, consentToShareContact: true, queuedAt: new Date(Date.now() - (10 - i) * 60_000) },
        select: { id: true },
      });
      ids.push(row.id);
    }
    return { openingId: opening.id, shiftId, waiting, ids };
  }

  it("is refused without confirmation, naming who is ahead; with it, the slot is taken and the audit says who accepted whom over whom", async () => {
    const { shiftId, waiting, ids } = await shiftWithQueue();
    const staff = await organiser();
    const third = ids[2]!;
    expect(await decideApplication({ groupId: GROUP, applicationId: third, decision: "accept", staffUserId: staff.id })).toEqual({
      ok: false,
      reason: "out-of-order",
      ahead: [
        { id: ids[0], name: "待つ人 0" },
        { id: ids[1], name: "待つ人 1" },
      ],
    });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: third } })).status).toBe(APPLICATION_STATUS.waitlisted);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(1);
    expect(await prisma.auditLog.count({ where: { entityType: "application", entityId: third } })).toBe(0);

    expect(await decideApplication({ groupId: GROUP, applicationId: third, decision: "accept", staffUserId: staff.id, outOfOrder: true })).toEqual({ ok: true });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: third } })).status).toBe(APPLICATION_STATUS.accepted);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(2);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityType: "application", entityId: third }, select: { actorId: true, action: true, detail: true } });
    expect(audit).toMatchObject({ actorId: staff.id, action: "application.accept-out-of-order" });
    expect(JSON.parse(audit.detail)).toEqual({ residentId: waiting[2]!.id, passedOver: [ids[0], ids[1]] });
  });

  it("the head of the queue is accepted without any question", async () => {
    const { ids } = await shiftWithQueue();
    const staff = await organiser();
    expect(await decideApplication({ groupId: GROUP, applicationId: ids[0]!, decision: "accept", staffUserId: staff.id })).toEqual({ ok: true });
    expect(await prisma.auditLog.findFirst({ where: { entityType: "application", entityId: ids[0]! }, select: { action: true } })).toEqual({ action: "application.accept" });
  });

  it("the applicants page asks again with a translated message and a form that works without JavaScript", async () => {
    const route = await import("~/routes/manage.groups.$groupId.openings.$openingId_.applicants");
    const { openingId, ids } = await shiftWithQueue();
    const cookie = await createSession(await organiser());
    const post = async (fields: Record<string, string>) => {
      const request = new Request(`http://localhost:3000/manage/groups/${GROUP}/openings/${openingId}/applicants`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      });
      return route.action({ request, params: { groupId: String(GROUP), openingId: String(openingId) }, context: {} });
    };
    const refused = await post({ applicationId: String(ids[1]), decision: "accept" });
    expect(refused).toEqual({ message: "manageApplicants.refused.out-of-order", tone: "warn", count: 1, ahead: ["待つ人 0"], confirm: ids[1] });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids[1]! } })).status).toBe(APPLICATION_STATUS.waitlisted);
    // Only the confirmation form's own value counts as saying yes.
    const notYes = actionAnswer(await post({ applicationId: String(ids[1]), decision: "accept", outOfOrder: "yes" }));
    expect(notYes.status).toBe(400);
    expect((notYes.data as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["manageApplicants.badInput"]);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids[1]! } })).status).toBe(APPLICATION_STATUS.waitlisted);
    expect(await post({ applicationId: String(ids[1]), decision: "accept", outOfOrder: "confirmed" })).toEqual({ message: "manageApplicants.done.accept", tone: "info" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids[1]! } })).status).toBe(APPLICATION_STATUS.accepted);
  });
});
