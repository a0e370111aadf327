import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { applyToShift, registerForEventDate } from "~/modules/participation/participation.server";
import { cancelEventDate, previewEventDateCancellation } from "~/modules/participation/organiser.server";
import { getSignupNotice, queueSignupDigests, setSignupNotice } from "~/modules/participation/signup-notices.server";
import { openEmail } from "~/modules/email/outbox.server";
import { addDays, fromTokyo, startOfTokyoDay, tokyoParts } from "~/utils/dates";
import * as registrationsPage from "~/routes/manage.groups.$groupId.events.$eventId_.registrations";
import { actionAnswer } from "../support/auth";
import { addMember, createEvent, createGroup, createOpening, createResident, createSession, daysFromNow } from "../support/factories";

// Organisers hear of sign-ups (an email each, a daily summary, or nothing, as each member chooses), and cancelling
// a date is a two-step action whose confirmation says who will be told; all checked through the outbox.

/** A group with an owner (each, the default), an editor who chose the daily summary and one who chose nothing. */
async function groupWithMembers() {
  const [owner, daily, quiet] = [await createResident({ name: "代表 花子" }), await createResident({ name: "会計 次郎" }), await createResident({ name: "書記 三郎" })];
  const group = await createGroup({ owner, name: "脚折 ふれあいの会" });
  await addMember(group, daily, "editor");
  await addMember(group, quiet, "editor");
  expect(await setSignupNotice({ groupId: group.id, userId: daily.id, notice: "daily" })).toBe(true);
  expect(await setSignupNotice({ groupId: group.id, userId: quiet.id, notice: "none" })).toBe(true);
  return { group, owner, daily, quiet };
}

const sent = (email: string, template: string) => prisma.emailOutbox.findMany({ where: { toAddress: email, template }, orderBy: { id: "asc" } });

describe("organisers hear of sign-ups", () => {
  it("a member who chose 'each' gets one email per application and per registration; 'daily' and 'none' get none at once", async () => {
    const { group, owner, daily, quiet } = await groupWithMembers();
    const opening = await createOpening(group, { title: "富士見 公園清掃ボランティア" });
    const event = await createEvent(group, { title: "脚折 健康体操教室", registrationRequired: true, dates: [{ startsAt: daysFromNow(5), capacity: 20 }] });
    const resident = await createResident({ name: "鶴ヶ島 一郎" });

    const applied = await applyToShift({ userId: resident.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
    expect(applied.ok).toBe(true);
    const registered = await registerForEventDate({ userId: resident.id, eventDateId: event.dateIds[0]!, partySize: 3, consent: true });
    expect(registered.ok).toBe(true);

    const toOwner = await sent(owner.email, "signup-received");
    expect(toOwner).toHaveLength(2);
    expect(toOwner[0]!.textBody).toContain("富士見 公園清掃ボランティア");
    expect(toOwner[0]!.textBody).toContain("鶴ヶ島 一郎");
    expect(toOwner[0]!.textBody).toContain(`/manage/groups/${group.id}/openings/${opening.id}/applicants`);
    expect(toOwner[1]!.textBody).toContain("3名");
    expect(toOwner[1]!.textBody).toContain(`/manage/groups/${group.id}/events/${event.id}/registrations`);
    // Nobody's words in a subject.
    for (const mail of toOwner) expect(mail.subject).not.toMatch(/清掃|体操|一郎/);
    expect(await sent(daily.email, "signup-received")).toHaveLength(0);
    expect(await sent(quiet.email, "signup-received")).toHaveLength(0);
  });

  it("a member who signs up for their own group's item is not told about themselves; another group hears nothing", async () => {
    const { group, owner } = await groupWithMembers();
    const other = await createGroup({ owner: await createResident(), name: "よその会" });
    const opening = await createOpening(group, { title: "自分で応募する募集" });
    await applyToShift({ userId: owner.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
    expect(await sent(owner.email, "signup-received")).toHaveLength(0);
    const otherOwner = await prisma.groupMember.findFirstOrThrow({ where: { groupId: other.id }, select: { user: { select: { email: true } } } });
    expect(await sent(otherOwner.user.email, "signup-received")).toHaveLength(0);
  });

  it("the daily summary goes once a day from 8:00 Tokyo to 'daily' members, with a line per item, and only when there is something", async () => {
    const { group, owner, daily, quiet } = await groupWithMembers();
    const opening = await createOpening(group, { title: "若葉 配食ボランティア" });
    const event = await createEvent(group, { title: "大橋 子ども将棋教室", registrationRequired: true });
    const [r1, r2] = [await createResident(), await createResident()];
    await applyToShift({ userId: r1.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
    await applyToShift({ userId: r2.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
    await registerForEventDate({ userId: r1.id, eventDateId: event.dateIds[0]!, partySize: 2, consent: true });

    // The first 8:05 Tokyo after these sign-ups (today's, when they happen before 8:00 Tokyo): a digest covers the
    // day before it, so tomorrow's would miss sign-ups made between midnight and 8:00.
    const p = tokyoParts(startOfTokyoDay(new Date()));
    let morning = fromTokyo(p.year, p.month, p.day, 8, 5);
    if (morning.getTime() <= Date.now()) morning = addDays(morning, 1);
    const early = new Date(morning.getTime() - 65 * 60_000);
    expect(await queueSignupDigests(early)).toBe(0);
    await queueSignupDigests(morning);
    await queueSignupDigests(new Date(morning.getTime() + 3600_000));
    const digests = await sent(daily.email, "signup-digest");
    expect(digests).toHaveLength(1);
    expect(digests[0]!.textBody).toContain("「若葉 配食ボランティア」 応募 2件");
    expect(digests[0]!.textBody).toContain("「大橋 子ども将棋教室」 申し込み 1件（2名）");
    expect(digests[0]!.htmlBody).toContain("<br>");
    expect(digests[0]!.subject).not.toContain("若葉");
    expect(await sent(owner.email, "signup-digest")).toHaveLength(0);
    expect(await sent(quiet.email, "signup-digest")).toHaveLength(0);

    // The next day, with no new sign-ups since: no email, and the day still counts as done.
    const nextMorning = addDays(morning, 1);
    await queueSignupDigests(nextMorning);
    expect(await sent(daily.email, "signup-digest")).toHaveLength(1);
    const member = await prisma.groupMember.findUniqueOrThrow({ where: { groupId_userId: { groupId: group.id, userId: daily.id } }, select: { signupDigestSentAt: true } });
    expect(member.signupDigestSentAt?.getTime()).toBe(nextMorning.getTime());
  });

  it("two members on the daily summary each get the sign-ups since their own last summary", async () => {
    const { group, daily, quiet } = await groupWithMembers();
    expect(await setSignupNotice({ groupId: group.id, userId: quiet.id, notice: "daily" })).toBe(true);
    const opening = await createOpening(group, { title: "鶴ヶ島 見守り訪問" });
    const [r1, r2] = [await createResident(), await createResident()];
    // `daily` had a summary just before both applications, `quiet` between them.
    const lastSummary = (userId: number, at: Date) => prisma.groupMember.update({ where: { groupId_userId: { groupId: group.id, userId } }, data: { signupDigestSentAt: at } });
    await lastSummary(daily.id, new Date(Date.now() - 60_000));
    await applyToShift({ userId: r1.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await lastSummary(quiet.id, new Date());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await applyToShift({ userId: r2.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });

    const p = tokyoParts(startOfTokyoDay(addDays(new Date(), 1)));
    await queueSignupDigests(fromTokyo(p.year, p.month, p.day, 8, 5));
    expect((await sent(daily.email, "signup-digest"))[0]!.textBody).toContain("「鶴ヶ島 見守り訪問」 応募 2件");
    expect((await sent(quiet.email, "signup-digest"))[0]!.textBody).toContain("「鶴ヶ島 見守り訪問」 応募 1件");
  });

  it("the setting is per member and per group, and refuses values it does not know", async () => {
    const { group, owner, daily } = await groupWithMembers();
    expect(await getSignupNotice(group.id, owner.id)).toBe("each");
    expect(await getSignupNotice(group.id, daily.id)).toBe("daily");
    expect(await setSignupNotice({ groupId: group.id, userId: owner.id, notice: "hourly" as "each" })).toBe(false);
    const stranger = await createResident();
    expect(await setSignupNotice({ groupId: group.id, userId: stranger.id, notice: "none" })).toBe(false);
    expect(await getSignupNotice(group.id, stranger.id)).toBeNull();
  });
});

describe("cancelling a date takes a confirmation", () => {
  async function dateWithRegistrants() {
    const { group, owner } = await groupWithMembers();
    const event = await createEvent(group, { title: "高倉 お茶会", registrationRequired: true, dates: [{ startsAt: daysFromNow(6), capacity: 10 }] });
    const dateId = event.dateIds[0]!;
    const [a, b] = [await createResident({ name: "住民 一" }), await createResident({ name: "住民 二" })];
    await registerForEventDate({ userId: a.id, eventDateId: dateId, partySize: 2, consent: true });
    await registerForEventDate({ userId: b.id, eventDateId: dateId, partySize: 1, consent: true });
    return { group, owner, event, dateId, a, b };
  }

  it("the preview counts who will be told; cancelling quotes the reason, escaped, in their email and never in its subject", async () => {
    const { group, owner, event, dateId, a, b } = await dateWithRegistrants();
    expect(await previewEventDateCancellation(group.id, event.id, dateId)).toMatchObject({ id: dateId, registrations: 2, people: 3 });
    expect(await previewEventDateCancellation(group.id + 1000, event.id, dateId)).toBeNull();
    const reason = '講師が急病のため <script>alert("x")</script> https://evil.example/x';
    expect(await cancelEventDate({ groupId: group.id, eventDateId: dateId, note: reason, staffUserId: owner.id })).toEqual({ ok: true, told: 2 });
    for (const person of [a, b]) {
      const [mail] = await sent(person.email, "date-cancelled");
      expect(mail).toBeDefined();
      const opened = openEmail(mail!)!;
      expect(opened.textBody).toContain("「講師が急病のため");
      expect(opened.textBody).toContain("evil[.]example");
      expect(opened.htmlBody).toContain("&lt;script&gt;");
      expect(opened.htmlBody).not.toContain("<script>");
      expect(opened.subject).not.toContain("講師");
    }
    expect(await previewEventDateCancellation(group.id, event.id, dateId)).toBeNull();
  });

  it("without a reason the email says nothing of one", async () => {
    const { group, owner, dateId, a } = await dateWithRegistrants();
    await cancelEventDate({ groupId: group.id, eventDateId: dateId, note: "", staffUserId: owner.id });
    const [mail] = await sent(a.email, "date-cancelled");
    expect(mail!.textBody).not.toContain("団体からのひとこと");
  });

  it("through the page: ?cancel= shows the confirmation with the count and changes nothing; only its POST cancels", async () => {
    const { group, owner, event, dateId, a } = await dateWithRegistrants();
    const cookie = await createSession(owner);
    const params = { groupId: String(group.id), eventId: String(event.id) };
    const url = `http://localhost:3000/manage/groups/${group.id}/events/${event.id}/registrations`;
    const load = async (query: string) =>
      (await registrationsPage.loader({ request: new Request(`${url}${query}`, { headers: { Cookie: cookie } }), params, context: {} } as LoaderFunctionArgs)) as {
        cancelling: { id: number; registrations: number; people: number } | null;
      };
    expect((await load("")).cancelling).toBeNull();
    expect((await load(`?cancel=${dateId}`)).cancelling).toMatchObject({ id: dateId, registrations: 2, people: 3 });
    expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } })).status).not.toBe("cancelled");
    expect(await sent(a.email, "date-cancelled")).toHaveLength(0);

    const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, [CLIENT_IP_HEADER]: "10.88.0.1" });
    // A reason over 200 characters, or a date that is not a number: a translated refusal, and nothing happens.
    for (const bad of [{ eventDateId: String(dateId), note: "雨".repeat(201) }, { eventDateId: "abc", note: "" }]) {
      const refused = actionAnswer(
        await registrationsPage.action({ request: new Request(`${url}?cancel=${dateId}`, { method: "POST", headers, body: new URLSearchParams({ intent: "cancel-date", ...bad }) }), params, context: {} } as ActionFunctionArgs),
      );
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.data)).toContain("manageApplicants.badInput");
      expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } })).status).not.toBe("cancelled");
      expect(await sent(a.email, "date-cancelled")).toHaveLength(0);
    }

    const body = new URLSearchParams({ intent: "cancel-date", eventDateId: String(dateId), note: "雨天のため" });
    const out = actionAnswer(await registrationsPage.action({ request: new Request(url, { method: "POST", headers, body }), params, context: {} } as ActionFunctionArgs));
    expect(out.data).toMatchObject({ tone: "info", count: 2 });
    expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } })).status).toBe("cancelled");
    expect((await sent(a.email, "date-cancelled"))[0]!.textBody).toContain("「雨天のため」");
    expect((await load(`?cancel=${dateId}`)).cancelling).toBeNull();
  });
});
