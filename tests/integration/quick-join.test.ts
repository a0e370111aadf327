import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { action as openingAction, loader as openingLoader } from "~/routes/volunteer.$id";
import { action as eventAction } from "~/routes/events.$id";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { HONEYPOT_FIELD } from "~/modules/auth/schemas";
import { actionAnswer, codeFrom, cookiePair, emailsTo, ipFactory, latestEmail, uniqueEmail } from "../support/auth";
import { createEvent, createGroup, createOpening, createResident, createStaff } from "../support/factories";
import { registerPerson } from "~/modules/staff/people.server";
import { tokyoDateKey } from "~/utils/dates";
import { travel } from "../support/clock";

// Taking part without an account (issue 15): name and address on the opening's or event's page, the emailed code
// typed on the same page, and the account, consent, session and application made on the way, through the same
// code, consent and participation mechanisms as everywhere else.

const nextIp = ipFactory(151);
const MINUTE = 60_000;

afterEach(() => {
  vi.useRealTimers();
});


type Page = "volunteer" | "events";

/** POSTs a form to an opening's or event's page as a visitor (no cookie unless given). */
async function post(page: Page, id: number, fields: Record<string, string>, options: { ip?: string; lang?: string; cookie?: string } = {}) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", [CLIENT_IP_HEADER]: options.ip ?? nextIp() });
  if (options.lang) headers.set("Accept-Language", options.lang);
  if (options.cookie) headers.set("Cookie", options.cookie);
  const request = new Request(`http://localhost:3000/${page}/${id}`, { method: "POST", headers, body: new URLSearchParams(fields) });
  const action = page === "volunteer" ? openingAction : eventAction;
  try {
    const out = await action({ request, params: { id: String(id) }, context: {} });
    if (out instanceof Response) return { response: out, status: out.status, data: undefined };
    return { response: undefined, ...actionAnswer(out) };
  } catch (thrown) {
    if (thrown instanceof Response) return { response: thrown, status: thrown.status, data: undefined };
    throw thrown;
  }
}

type Join = { step: string; sentTo?: string; values?: Record<string, string>; result?: { error?: Record<string, string[] | null> } };
const joinOf = (data: unknown) => (data as { join?: Join } | undefined)?.join;
const errorsOf = (data: unknown) => joinOf(data)?.result?.error ?? {};

async function openingWithShift(options: { slots?: number; needsApproval?: boolean } = {}) {
  const group = await createGroup({ name: "若葉町 花の会" });
  const opening = await createOpening(group, { title: "若葉駅前の花壇の手入れ", needsApproval: options.needsApproval ?? false, shifts: [{ startsAt: new Date(Date.now() + 7 * 86_400_000), slots: options.slots ?? 5 }] });
  return { openingId: opening.id, shiftId: opening.shiftIds[0]! };
}

function applyFields(shiftId: number, email: string, extra: Record<string, string> = {}) {
  return { intent: "join", shiftId: String(shiftId), name: "若葉 花子", email, message: "土曜の朝なら参加できます。", consent: "on", ...extra };
}

/** Step 1 then the code from the email: the fields of step 2 as the page would send them. */
async function startJoin(page: Page, id: number, fields: Record<string, string>, options: { ip?: string; lang?: string } = {}) {
  const first = await post(page, id, fields, options);
  expect(first.status).toBe(200);
  const join = joinOf(first.data)!;
  expect(join.step).toBe("code");
  const code = codeFrom((await latestEmail(fields.email!, "quick-join-code")).textBody);
  return { join, code, confirm: (typed: string, ip = nextIp()) => post(page, id, { ...join.values!, intent: "join-code", code: typed }, { ip }) };
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("a visitor applies to an opening with a name, an address and the emailed code", () => {
  it("step 1 emails a 6-digit code through the outbox; a wrong code creates nothing; the right one makes the account, consent, session and application", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const email = uniqueEmail("quick");
    const { join, code, confirm } = await startJoin("volunteer", openingId, applyFields(shiftId, email));
    expect(code).toMatch(/^\d{6}$/);
    expect(join.sentTo).toBe(`q***@${email.split("@")[1]}`);
    const sent = await latestEmail(email, "quick-join-code");
    expect(sent.locale).toBe("ja");
    expect(sent.subject).toBe("【つなぐ】お申し込みの確認コード");
    // The stored email holds no working code (sealed like every code), and nothing exists yet.
    expect((await prisma.emailOutbox.findUniqueOrThrow({ where: { id: sent.id }, select: { textBody: true } })).textBody).not.toContain(code);
    expect(await prisma.user.count({ where: { email } })).toBe(0);

    const refused = await confirm(wrong(code));
    expect(refused.status).toBe(400);
    expect(errorsOf(refused.data)).toMatchObject({ code: ["quickjoin.errors.invalid"] });
    expect(joinOf(refused.data)).toMatchObject({ step: "code", values: join.values });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect(await prisma.application.count({ where: { shiftId } })).toBe(0);

    const done = await confirm(code);
    expect(done.status).toBe(303);
    expect(done.response!.headers.get("Location")).toBe(`/volunteer/${openingId}?applied=${shiftId}`);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, name: true, locale: true, emailVerifiedAt: true, password: true, roles: { select: { role: { select: { name: true } } } }, consents: { select: { kind: true, method: true } } },
    });
    expect(user).toMatchObject({ name: "若葉 花子", locale: "ja", password: null, roles: [{ role: { name: "resident" } }], consents: [{ kind: "privacy-notice", method: "online" }] });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(await prisma.application.findMany({ where: { shiftId }, select: { userId: true, status: true, message: true, consentToShareContact: true } })).toEqual([
      { userId: user.id, status: "accepted", message: "土曜の朝なら参加できます。", consentToShareContact: true },
    ]);
    // Signed in: the page read with the new cookie shows the ordinary confirmation.
    const cookie = cookiePair(done.response!.headers.get("Set-Cookie"));
    const page = await openingLoader({ request: new Request(`http://localhost:3000/volunteer/${openingId}?applied=${shiftId}`, { headers: { Cookie: cookie } }), params: { id: String(openingId) }, context: {} });
    expect(page.signedIn).toBe(true);
    expect(page.applied).toEqual({ message: "participation.applied.accepted", tone: "info" });
    expect(await emailsTo(email, "application-received")).toHaveLength(1);

    // The code was used up: sending it again is refused and applies nothing twice.
    expect(errorsOf((await confirm(code)).data)).toMatchObject({ code: ["quickjoin.errors.invalid"] });
  });

  it("the code email is in the language of the page", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const email = uniqueEmail("quick-en");
    await startJoin("volunteer", openingId, applyFields(shiftId, email), { lang: "en" });
    const sent = await latestEmail(email, "quick-join-code");
    expect(sent.locale).toBe("en");
    expect(sent.subject).toBe("[Tsunagu] Your code to confirm your sign-up");
  });

  it("missing consent, name or a bad address: 400 with the errors on their fields, no email", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const email = uniqueEmail("quick-bad");
    const out = await post("volunteer", openingId, { intent: "join", shiftId: String(shiftId), name: "", email: "not-an-address", message: "" });
    expect(out.status).toBe(400);
    expect(joinOf(out.data)?.step).toBe("details");
    expect(errorsOf(out.data)).toMatchObject({ consent: ["quickjoin.consentRequired"], email: ["errors.emailInvalid"] });
    expect(errorsOf(out.data).name?.length).toBeGreaterThan(0);
    const noConsent = await post("volunteer", openingId, applyFields(shiftId, email, { consent: "" }));
    expect(noConsent.status).toBe(400);
    expect(await emailsTo(email)).toHaveLength(0);
  });

  it("a code in the wrong shape (5 digits, letters) is refused before it is checked", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const email = uniqueEmail("quick-shape");
    const { confirm } = await startJoin("volunteer", openingId, applyFields(shiftId, email));
    const out = await confirm("12a45");
    expect(out.status).toBe(400);
    expect(errorsOf(out.data)).toMatchObject({ code: ["quickjoin.errors.codeFormat"] });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("a filled honeypot is a bot: 400, nothing sent", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const email = uniqueEmail("quick-bot");
    const out = await post("volunteer", openingId, applyFields(shiftId, email, { [HONEYPOT_FIELD]: "https://spam.example" }));
    expect(out.status).toBe(400);
    expect(await emailsTo(email)).toHaveLength(0);
  });

  it("any other form sent without a session still goes to the login page", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const out = await post("volunteer", openingId, { intent: "apply", shiftId: String(shiftId), consent: "on", message: "" });
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("an address that already has an account", () => {
  it("gets the same answer as a new one; the code signs its owner in (no second account, their name kept) and applies", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const owner = await createResident({ email: uniqueEmail("quick-owner"), name: "鶴ヶ島 次郎" });
    const fresh = uniqueEmail("quick-fresh");
    const forOwner = await post("volunteer", openingId, applyFields(shiftId, owner.email));
    const forFresh = await post("volunteer", openingId, applyFields(shiftId, fresh));
    expect(forOwner.status).toBe(forFresh.status);
    const shape = (j: Join | undefined) => ({ step: j?.step, keys: Object.keys(j?.values ?? {}).sort(), sentTo: j?.sentTo?.replace(/^.\*\*\*/, "") });
    expect(shape(joinOf(forOwner.data))).toEqual(shape(joinOf(forFresh.data)));
    expect(await prisma.user.findUniqueOrThrow({ where: { id: owner.id }, select: { lastLoginAt: true } })).toEqual({ lastLoginAt: null });

    const code = codeFrom((await latestEmail(owner.email, "quick-join-code")).textBody);
    const done = await post("volunteer", openingId, { ...joinOf(forOwner.data)!.values!, intent: "join-code", code });
    expect(done.status).toBe(303);
    expect(done.response!.headers.get("Set-Cookie")).toBeTruthy();
    expect(await prisma.user.count({ where: { email: owner.email } })).toBe(1);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: owner.id }, select: { name: true } })).toEqual({ name: "鶴ヶ島 次郎" });
    expect(await prisma.application.findMany({ where: { shiftId }, select: { userId: true } })).toEqual([{ userId: owner.id }]);
    expect(await prisma.consent.count({ where: { userId: owner.id, kind: "privacy-notice" } })).toBe(1);
  });

  it("a suspended account is told so after the code, and nothing is applied or signed in", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const suspended = await createResident({ email: uniqueEmail("quick-suspended"), status: "suspended" });
    const { confirm, code } = await startJoin("volunteer", openingId, applyFields(shiftId, suspended.email));
    const out = await confirm(code);
    expect(out.status).toBe(403);
    expect(out.data).toEqual({ message: "quickjoin.suspended", tone: "warn" });
    expect(await prisma.application.count({ where: { shiftId } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: suspended.id } })).toBe(0);
  });

  it("a record staff made for the person (代理登録) is taken over: proven, audited as claimed, and applied with", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const staff = await createStaff();
    const email = uniqueEmail("quick-proxy");
    const made = await registerPerson(
      { name: "脚折 ハナ", nameKana: "すねおり はな", email, phone: "049-000-0000", postalCode: "", postalAddress: "", areaId: null, locale: "ja", consentMethod: "phone", consentDate: tokyoDateKey(new Date()) },
      staff.id,
    );
    if (!made.ok) throw new Error("proxy registration failed");
    const { confirm, code } = await startJoin("volunteer", openingId, applyFields(shiftId, email));
    expect((await confirm(code)).status).toBe(303);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: made.userId }, select: { emailVerifiedAt: true } })).not.toEqual({ emailVerifiedAt: null });
    expect(await prisma.auditLog.count({ where: { action: "person.claimed", entityId: made.userId } })).toBe(1);
    expect(await prisma.application.findMany({ where: { shiftId }, select: { userId: true } })).toEqual([{ userId: made.userId }]);
  });
});

describe("codes run out and are limited", () => {
  it("an expired code (after 15 minutes) is refused and creates nothing; a new one can be asked for from the same form", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const email = uniqueEmail("quick-expired");
    const { join, confirm, code } = await startJoin("volunteer", openingId, applyFields(shiftId, email));
    travel(16 * MINUTE);
    const out = await confirm(code);
    expect(out.status).toBe(400);
    expect(errorsOf(out.data)).toMatchObject({ code: ["quickjoin.errors.expired"] });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    // "Send the code again" posts the carried values with the first step's intent.
    const again = await post("volunteer", openingId, { ...join.values!, intent: "join", code: "" });
    expect(joinOf(again.data)?.step).toBe("code");
    expect(await emailsTo(email, "quick-join-code")).toHaveLength(2);
  });

  it("five wrong codes lock the code: the right one no longer works", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const email = uniqueEmail("quick-locked");
    const { confirm, code } = await startJoin("volunteer", openingId, applyFields(shiftId, email));
    for (let i = 0; i < 4; i++) expect(errorsOf((await confirm(wrong(code))).data)).toMatchObject({ code: ["quickjoin.errors.invalid"] });
    expect(errorsOf((await confirm(wrong(code))).data)).toMatchObject({ code: ["quickjoin.errors.locked"] });
    expect(errorsOf((await confirm(code)).data)).toMatchObject({ code: ["quickjoin.errors.locked"] });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("per address: after 3 codes in 10 minutes no more are sent (same answer); per client address: the 7th request in 5 minutes is 429", async () => {
    const { openingId, shiftId } = await openingWithShift();
    const email = uniqueEmail("quick-limit");
    for (let i = 0; i < 4; i++) expect(joinOf((await post("volunteer", openingId, applyFields(shiftId, email))).data)?.step).toBe("code");
    expect(await emailsTo(email, "quick-join-code")).toHaveLength(3);

    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post("volunteer", openingId, applyFields(shiftId, uniqueEmail("quick-ip")), { ip })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});

describe("a visitor registers for an event the same way; capacity and the waitlist hold", () => {
  it("with a party size; once the places are taken the next visitor is waitlisted", async () => {
    const group = await createGroup({ name: "富士見 健康づくりの会" });
    const event = await createEvent(group, { title: "富士見 健康体操教室", registrationRequired: true, capacity: 2, dates: [{ startsAt: new Date(Date.now() + 5 * 86_400_000), capacity: 2 }] });
    const eventDateId = event.dateIds[0]!;
    const fields = (email: string, partySize: string) => ({ intent: "join", eventDateId: String(eventDateId), partySize, name: "富士見 一郎", email, consent: "on" });

    const first = uniqueEmail("quick-event-1");
    const a = await startJoin("events", event.id, fields(first, "2"));
    const done = await a.confirm(a.code);
    expect(done.status).toBe(303);
    expect(done.response!.headers.get("Location")).toBe(`/events/${event.id}?registered=${eventDateId}`);

    const second = uniqueEmail("quick-event-2");
    const b = await startJoin("events", event.id, fields(second, "1"));
    expect((await b.confirm(b.code)).status).toBe(303);

    const rows = await prisma.registration.findMany({ where: { eventDateId }, select: { partySize: true, status: true, user: { select: { email: true } } }, orderBy: { id: "asc" } });
    expect(rows).toEqual([
      { partySize: 2, status: "accepted", user: { email: first } },
      { partySize: 1, status: "waitlisted", user: { email: second } },
    ]);
    expect(await prisma.eventDate.findUniqueOrThrow({ where: { id: eventDateId }, select: { registeredCount: true } })).toEqual({ registeredCount: 2 });
  });

  it("a party size out of range is refused on the first step, before any email", async () => {
    const group = await createGroup();
    const event = await createEvent(group, { registrationRequired: true, dates: [{ startsAt: new Date(Date.now() + 5 * 86_400_000) }] });
    const email = uniqueEmail("quick-party");
    const out = await post("events", event.id, { intent: "join", eventDateId: String(event.dateIds[0]), partySize: "0", name: "富士見 一郎", email, consent: "on" });
    expect(out.status).toBe(400);
    expect(errorsOf(out.data)).toMatchObject({ partySize: ["participation.partySizeInvalid"] });
    expect(await emailsTo(email)).toHaveLength(0);
  });
});
