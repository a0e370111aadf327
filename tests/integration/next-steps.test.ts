import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { prepareThanks } from "~/modules/matching/next-steps.server";
import { decideApplication, recordRegistrationAttendance } from "~/modules/participation/organiser.server";
import { loader as meLoader } from "~/routes/me._index";
import { requestWithCookie } from "../support/auth";
import { withEmailDelivery } from "../support/email-delivery";
import { createEvent, createGroup, createOpening, createResident, createSession, daysFromNow } from "../support/factories";

// The next step after an activity (plan measure ⑥): once attendance is recorded, the resident is thanked by email
// with one or two ways to continue, and their page shows the same suggestions.

const delivery = withEmailDelivery();
type Mail = { subject: string; text: string; html: string; to: string[] };

async function deliveredTo(address: string): Promise<Mail[]> {
  await delivery.sender.deliverDueEmails({ pace: false });
  return delivery.recorder.requests.map((r) => r.body as Mail).filter((m) => m.to.includes(address));
}

async function elderlyCategory() {
  return prisma.category.findFirstOrThrow({ where: { slug: "elderly" }, select: { id: true } });
}

/** A group with an opening that was held yesterday and comes again next week, and a resident accepted yesterday. */
async function openingAttendedYesterday() {
  const owner = await createResident({ name: "世話人 一郎" });
  const group = await createGroup({ owner, name: "脚折 見守りの会" });
  const [elderly, fujimi] = await Promise.all([elderlyCategory(), prisma.area.findFirstOrThrow({ where: { slug: "fujimi" }, select: { id: true } })]);
  const opening = await createOpening(group, {
    title: "高齢者サロンのお茶出し",
    areaId: fujimi.id,
    categories: { connect: [{ id: elderly.id }] },
    shifts: [{ startsAt: daysFromNow(-1) }, { startsAt: daysFromNow(6) }],
  });
  const resident = await createResident({ name: "参加 花子" });
  const application = await prisma.application.create({ data: { shiftId: opening.shiftIds[0]!, userId: resident.id, status: "accepted" }, select: { id: true } });
  return { owner, group, opening, resident, application };
}

describe("after an activity", () => {
  it("thanks the resident by email with the same group's next date and a similar opening nearby, once", async () => {
    const { owner, group, opening, resident, application } = await openingAttendedYesterday();
    expect(await decideApplication({ groupId: group.id, applicationId: application.id, decision: "attended", hours: 2, staffUserId: owner.id, thank: prepareThanks })).toEqual({ ok: true });

    const [mail, ...more] = await deliveredTo(resident.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe("【つなぐ】ご参加ありがとうございました");
    expect(mail!.text).toContain("「高齢者サロンのお茶出し」へのご参加、ありがとうございました。");
    // The same opening's next shift, from the same group, with its page…
    expect(mail!.text).toContain("同じ団体の次の予定");
    expect(mail!.text).toContain(`http://localhost:3000/volunteer/${opening.id}`);
    // …and a similar opening of another group, with its reason, as a link only to the portal's own pages.
    expect(mail!.text).toContain("近くの似た活動");
    const similarId = Number(/近くの似た活動[\s\S]*?http:\/\/localhost:3000\/volunteer\/(\d+)/.exec(mail!.text)?.[1]);
    const similar = await prisma.opening.findUniqueOrThrow({ where: { id: similarId }, select: { groupId: true, categories: { select: { slug: true } } } });
    expect(similar.groupId).not.toBe(group.id);
    expect(similar.categories.map((c) => c.slug)).toContain("elderly");
    expect(mail!.html).toContain(`<a href="http://localhost:3000/volunteer/${opening.id}">`);
    expect(mail!.text).toContain("http://localhost:3000/match");

    // Recording it again (a correction of the hours) thanks nobody twice.
    expect(await decideApplication({ groupId: group.id, applicationId: application.id, decision: "attended", hours: 3, staffUserId: owner.id, thank: prepareThanks })).toEqual({ ok: true });
    expect(await deliveredTo(resident.email)).toHaveLength(1);
    expect(await prisma.emailOutbox.count({ where: { toAddress: resident.email, template: "activity-thanks" } })).toBe(1);
  });

  it("sends nothing for a no-show", async () => {
    const { owner, group, resident, application } = await openingAttendedYesterday();
    await decideApplication({ groupId: group.id, applicationId: application.id, decision: "no-show", staffUserId: owner.id, thank: prepareThanks });
    expect(await prisma.emailOutbox.count({ where: { toAddress: resident.email, template: "activity-thanks" } })).toBe(0);
  });

  it("shows the same next steps on the resident's page", async () => {
    const { owner, group, opening, resident, application } = await openingAttendedYesterday();
    const cookie = await createSession(resident);
    expect((await meLoader({ request: requestWithCookie("/me", cookie), params: {}, context: {} })).nextSteps).toBeNull();

    await decideApplication({ groupId: group.id, applicationId: application.id, decision: "attended", hours: 2, staffUserId: owner.id, thank: prepareThanks });
    const { nextSteps } = await meLoader({ request: requestWithCookie("/me", cookie), params: {}, context: {} });
    expect(nextSteps!.after).toMatchObject({ kind: "opening", id: opening.id, title: "高齢者サロンのお茶出し" });
    expect(nextSteps!.steps.map((s) => s.step)).toEqual(["same-group", "similar"]);
    expect(nextSteps!.steps[0]).toMatchObject({ kind: "opening", id: opening.id });
    expect(nextSteps!.steps[0]!.reasons.map((r) => r.code)).toContain("same-group");
    expect(nextSteps!.steps[1]!.groupId).not.toBe(group.id);
  });

  it("thanks an event's participant in their own language, with the event's next date", async () => {
    const owner = await createResident();
    const group = await createGroup({ owner, name: "富士見 体操の会" });
    const elderly = await elderlyCategory();
    const event = await createEvent(group, { title: "いきいき体操教室", categories: { connect: [{ id: elderly.id }] }, dates: [{ startsAt: daysFromNow(-2) }, { startsAt: daysFromNow(12) }] });
    const resident = await createResident();
    await prisma.user.update({ where: { id: resident.id }, data: { locale: "vi" } });
    const registration = await prisma.registration.create({ data: { eventDateId: event.dateIds[0]!, userId: resident.id, status: "accepted" }, select: { id: true } });

    expect(await recordRegistrationAttendance({ groupId: group.id, registrationId: registration.id, attended: true, staffUserId: owner.id, thank: prepareThanks })).toEqual({ ok: true });
    const [mail] = await deliveredTo(resident.email);
    expect(mail!.subject).toBe("[Tsunagu] Cảm ơn bạn đã tham gia");
    expect(mail!.text).toContain("Lịch tiếp theo của cùng nhóm");
    expect(mail!.text).toContain(`http://localhost:3000/events/${event.id}`);

    await recordRegistrationAttendance({ groupId: group.id, registrationId: registration.id, attended: true, staffUserId: owner.id, thank: prepareThanks });
    expect(await prisma.emailOutbox.count({ where: { toAddress: resident.email, template: "activity-thanks" } })).toBe(1);
  });
});
