import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { inviteMember } from "~/modules/groups/groups.server";
import { messageShift } from "~/modules/participation/notifications.server";
import { appUrl, renderEmail, type EmailTemplate } from "~/modules/email/templates.server";
import { uniqueEmail } from "../support/auth";
import { createGroup, createOpening, createResident } from "../support/factories";
import { withEmailDelivery } from "../support/email-delivery";
import { addDays } from "~/utils/dates";

// Issue 8 item 5 (the email half): the council's address must not carry anyone's words in a subject, and a
// body shows user-written text only quoted and defused, never as a link (text and HTML alike).

const PHISH = "社協より給付金のご案内 https://evil.example/kyufu 至急";

const delivery = withEmailDelivery();

type Mail = { subject: string; text: string; html: string };
const hrefsOf = (html: string) => [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map((m) => m[1]!);

/** What a mail client could turn into a link to the phishing site: a URL or a bare domain. */
const CLICKABLE = /https?:\/\/evil|evil\.example/i;

function expectNoUserTextInSubject(mail: Mail, words: string[]) {
  for (const word of words) expect(mail.subject, `subject ${JSON.stringify(mail.subject)}`).not.toContain(word);
  expect(mail.subject).not.toMatch(/evil|https?:/i);
}

function expectQuotedAndInert(mail: Mail) {
  expect(mail.text).not.toMatch(CLICKABLE);
  expect(mail.html).not.toMatch(CLICKABLE);
  for (const href of hrefsOf(mail.html)) expect(href.startsWith("http://localhost:3000/"), href).toBe(true);
  // The words are still there for the reader, inside quotation marks.
  expect(mail.text).toMatch(/「社協より給付金のご案内 [^」]*至急」/);
  expect(mail.html).toMatch(/「社協より給付金のご案内 [^」]*至急」/);
}

async function deliveredTo(address: string): Promise<Mail> {
  await delivery.sender.deliverDueEmails({ pace: false });
  const request = delivery.recorder.requests.find((r) => (r.body as { to: string[] }).to.includes(address));
  if (!request) throw new Error(`nothing delivered to ${address}`);
  return request.body as Mail;
}

describe("no user-written text in subjects; in bodies only quoted and never a link (item 5b)", () => {
  it("a pending group named with a phishing text: the invitation's subject is fixed, the name in the body is quoted and not clickable", async () => {
    const owner = await createResident();
    const group = await createGroup({ name: PHISH, nameKana: "キュウフキン", status: "pending", owner });
    const invitee = uniqueEmail("phish-invitee");
    await inviteMember(group.id, owner.id, { email: invitee, role: "editor", locale: "ja" });
    const mail = await deliveredTo(invitee);
    expectNoUserTextInSubject(mail, ["給付金", "社協より", "至急"]);
    expectQuotedAndInert(mail);
    // The invitation link itself is the portal's own and stays clickable.
    expect(hrefsOf(mail.html).some((h) => h.startsWith("http://localhost:3000/manage/invite?token="))).toBe(true);
  });

  it("an organiser's message with a phishing text reaches volunteers quoted and not clickable, under a fixed subject", async () => {
    const startsAt = addDays(new Date(), 5);
    const opening = await createOpening({ id: 1 }, { title: "至急 https://evil.example/title", shifts: [{ startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), slots: 3 }] });
    const volunteer = await createResident({ email: uniqueEmail("phish-volunteer") });
    const shiftId = opening.shiftIds[0]!;
    await prisma.application.create({ data: { shiftId, userId: volunteer.id, status: "accepted" } });
    expect(await messageShift({ groupId: 1, shiftId, message: PHISH, senderId: 1 })).toBe(1);
    const mail = await deliveredTo(volunteer.email);
    const groupName = (await prisma.group.findUniqueOrThrow({ where: { id: 1 } })).name;
    expectNoUserTextInSubject(mail, ["給付金", "至急", groupName]);
    expectQuotedAndInert(mail);
  });

  const TEMPLATES: EmailTemplate[] = [
    "verify-email",
    "login-code",
    "reset-password",
    "signup-existing",
    "change-email",
    "email-changed",
    "account-deleted",
    "outbox-dead",
    "application-received",
    "registration-received",
    "waitlist-promoted",
    "group-invite",
    "reminder",
    "schedule-changed",
    "shift-message",
    "application-decided",
    "reports-threshold",
    "place-confirm",
    "moderation-decided",
    "digest",
    "match-invitation",
    "activity-thanks",
    "translation-decided",
  ];
  const everyVar = () => ({
    name: PHISH,
    title: PHISH,
    group: PHISH,
    message: PHISH,
    newEmail: "x@evil.example",
    lastError: PHISH,
    reason: PHISH,
    when: "2026年12月5日（土）10:00〜12:00",
    link: appUrl("/volunteer/1"),
    code: "12345678",
    role: "編集者",
    days: 7,
    months: 6,
    count: 1,
    partySize: 2,
    status: "accepted",
    reasons: "「高齢者」に関心のあるあなたに",
    profileLink: appUrl("/me/profile"),
    unsubscribe: appUrl("/unsubscribe/1.20000.x"),
    // A digest and a thank-you email list typed titles of items: each one as inert as any other typed text, and
    // only the portal's own links.
    items: [{ lines: [PHISH, "おすすめの理由：あなたの地区です"], url: appUrl("/volunteer/1") }, { lines: [PHISH], url: "https://evil.example/x" }],
    steps: [{ lines: [PHISH, "同じグループの次の日 / 12月5日"], url: appUrl("/events/1") }],
    more: appUrl("/match"),
    language: "English",
    hours: "2",
  });

  it.each(TEMPLATES.flatMap((t) => [[t, "ja"], [t, "en"]] as const))("%s (%s): fixed subject, user text quoted and inert", async (template, locale) => {
    // A staff decision's email has a body per outcome; "rejected" is the one that quotes staff's reason.
    const vars =
      template === "moderation-decided" || template === "translation-decided" ? { ...everyVar(), status: "rejected" } : template === "activity-thanks" ? { ...everyVar(), status: "steps" } : everyVar();
    const mail = await renderEmail(template, locale, vars as never);
    // The reason reaches the body, quoted (and defused below), never the subject.
    if (template === "moderation-decided" || template === "digest" || template === "activity-thanks") expect(mail.text).toContain("給付金");
    expectNoUserTextInSubject(mail, ["給付金", "至急"]);
    expect(mail.text).not.toMatch(CLICKABLE);
    expect(mail.html).not.toMatch(CLICKABLE);
    for (const href of hrefsOf(mail.html)) expect(href.startsWith("http://localhost:3000/"), href).toBe(true);
  });
});
