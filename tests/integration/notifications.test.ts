import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { messageShift, notifyShiftChanges, queueDayBeforeReminders } from "~/modules/participation/notifications.server";
import { addDays, fromTokyo, startOfTokyoDay, tokyoParts, tokyoSlot } from "~/utils/dates";

let seq = 0;
async function person(options: { reminders?: boolean } = {}) {
  return prisma.user.create({
    data: { email: `n-${Date.now()}-${seq++}@example.jp`, name: "通知 テスト", emailVerifiedAt: new Date(), profile: { create: { notifyReminders: options.reminders ?? true } } },
    select: { id: true, email: true },
  });
}

async function shiftAt(startsAt: Date, groupId = 1) {
  const opening = await prisma.opening.create({
    data: { groupId, title: "通知テストの募集", status: "published", shifts: { create: { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), slots: 5, ...tokyoSlot(startsAt) } } },
    select: { shifts: { select: { id: true } } },
  });
  return opening.shifts[0]!.id;
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
    const [wants, optedOut, waiting, notYet] = [await person(), await person({ reminders: false }), await person(), await person()];
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
    const [a, b, w] = [await person(), await person(), await person()];
    await prisma.application.createMany({ data: [{ shiftId, userId: a.id, status: "accepted" }, { shiftId, userId: b.id, status: "accepted" }, { shiftId, userId: w.id, status: "waitlisted" }] });
    expect(await messageShift({ groupId: 2, shiftId, message: "よそから", senderId: 1 })).toBeNull();
    expect(await messageShift({ groupId: 1, shiftId, message: "当日は軍手をお持ちください。\n雨天決行です。", senderId: 1 })).toBe(2);
    const mail = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: a.email, template: "shift-message" } });
    expect(mail.textBody).toContain("当日は軍手をお持ちください。");
    expect(await prisma.emailOutbox.count({ where: { toAddress: w.email, template: "shift-message" } })).toBe(0);
  });

  it("a changed or cancelled shift tells everyone who applied", async () => {
    const shiftId = await shiftAt(addDays(new Date(), 6));
    const [a, b] = [await person(), await person()];
    await prisma.application.createMany({ data: [{ shiftId, userId: a.id, status: "applied" }, { shiftId, userId: b.id, status: "withdrawn" }] });
    await prisma.$transaction((tx) => notifyShiftChanges(tx, [shiftId]));
    expect(await prisma.emailOutbox.count({ where: { toAddress: a.email, template: "schedule-changed" } })).toBe(1);
    expect(await prisma.emailOutbox.count({ where: { toAddress: b.email, template: "schedule-changed" } })).toBe(0);
  });
});
