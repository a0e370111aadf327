import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { messageShift, notifyShiftChanges, queueDayBeforeReminders } from "~/modules/participation/notifications.server";
import { addDays, fromTokyo, startOfTokyoDay, tokyoParts } from "~/utils/dates";
import { createOpening, createResident } from "../support/factories";

/** The id of the one shift of a new opening of the seeded group 1. */
async function shiftAt(startsAt: Date) {
  const opening = await createOpening({ id: 1 }, { title: "通知テストの募集", shifts: [{ startsAt }] });
  return opening.shiftIds[0]!;
}

const tomorrowAt = (hour: number, now: Date) => {
  const p = tokyoParts(addDays(startOfTokyoDay(now), 1));
  return fromTokyo(p.year, p.month, p.day, hour);
};

describe("day-before reminders", () => {
  it("go once to accepted people whose activity is tomorrow (Tokyo), and not to those who turned reminders off", async () => {
    const now = new Date();
    const tomorrow = await shiftAt(tomorrowAt(10, now));
    const later = await shiftAt(addDays(tomorrowAt(10, now), 3));
    const [wants, optedOut, waiting, notYet] = [await createResident(), await createResident({ reminders: false }), await createResident(), await createResident()];
    await prisma.application.createMany({
      data: [
        { shiftId: tomorrow, userId: wants.id, status: "accepted" },
        { shiftId: tomorrow, userId: optedOut.id, status: "accepted" },
        { shiftId: tomorrow, userId: waiting.id, status: "waitlisted" },
        { shiftId: later, userId: notYet.id, status: "accepted" },
      ],
    });
    await queueDayBeforeReminders(now);
    await queueDayBeforeReminders(now);
    const count = (email: string) => prisma.emailOutbox.count({ where: { toAddress: email, template: "reminder" } });
    expect(await count(wants.email)).toBe(1);
    expect(await count(optedOut.email)).toBe(0);
    expect(await count(waiting.email)).toBe(0);
    expect(await count(notYet.email)).toBe(0);
  });
});

describe("messages and changes", () => {
  it("an organiser's message reaches everyone accepted on the shift, only within their own group", async () => {
    const shiftId = await shiftAt(addDays(new Date(), 4));
    const [a, b, w] = [await createResident(), await createResident(), await createResident()];
    await prisma.application.createMany({ data: [{ shiftId, userId: a.id, status: "accepted" }, { shiftId, userId: b.id, status: "accepted" }, { shiftId, userId: w.id, status: "waitlisted" }] });
    expect(await messageShift({ groupId: 2, shiftId, message: "よそから", senderId: 1 })).toBeNull();
    expect(await messageShift({ groupId: 1, shiftId, message: "当日は軍手をお持ちください。\n雨天決行です。", senderId: 1 })).toBe(2);
    const mail = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: a.email, template: "shift-message" } });
    expect(mail.textBody).toContain("当日は軍手をお持ちください。");
    expect(await prisma.emailOutbox.count({ where: { toAddress: w.email, template: "shift-message" } })).toBe(0);
  });

  it("a changed or cancelled shift tells everyone who applied", async () => {
    const shiftId = await shiftAt(addDays(new Date(), 6));
    const [a, b] = [await createResident(), await createResident()];
    await prisma.application.createMany({ data: [{ shiftId, userId: a.id, status: "applied" }, { shiftId, userId: b.id, status: "withdrawn" }] });
    await prisma.$transaction((tx) => notifyShiftChanges(tx, [shiftId]));
    expect(await prisma.emailOutbox.count({ where: { toAddress: a.email, template: "schedule-changed" } })).toBe(1);
    expect(await prisma.emailOutbox.count({ where: { toAddress: b.email, template: "schedule-changed" } })).toBe(0);
  });
});
