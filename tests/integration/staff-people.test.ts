import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { addDays, tokyoDateKey, parseTokyoDate } from "~/utils/dates";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { enqueueEmail, prepareEmail } from "~/modules/email/outbox.server";
import { isUndeliverableAddress } from "~/modules/email/undeliverable";
import { applyToShift, registerForEventDate } from "~/modules/participation/participation.server";
import { listApplicants } from "~/modules/participation/organiser.server";
import * as peoplePage from "~/routes/staff.people._index";
import * as personPage from "~/routes/staff.people.$userId";
import * as newPersonPage from "~/routes/staff.people.new";
import { action as signupAction } from "~/routes/signup";
import { action as verifyAction } from "~/routes/verify";
import { action as loginAction } from "~/routes/login";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginCodeAction } from "~/routes/login_.code";
import { TEST_PASSWORD, codeFrom, cookiePair, dataOf, emailsTo, errorKeys, fieldErrors, ipFactory, latestEmail, postForm, responseOf, uniqueEmail } from "../support/auth";
import { createEvent, createGroup, createOpening, createResident, createSession, createStaff, daysFromNow } from "../support/factories";

// Issue 10, people and 代理登録: staff find a resident, see what the portal holds about them (every view audited),
// suspend them, lift it, or log them out everywhere; register someone who phoned or came to the counter, with or
// without an email address and with how and when they consented; apply and register for them (ordinary rows with
// enteredById, under the same capacity rules); a placeholder address is never emailed nor usable to sign in; and
// the person, signing up later with the address staff recorded, takes the same record over after proving it.

const ORIGIN = "http://localhost:3000";
const nextIp = ipFactory(72);

type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;
type Answer = { status: number; location: string | null; data?: { result?: { error?: Record<string, string[] | null> } } };

async function post(action: Action, url: string, params: Record<string, string>, fields: Record<string, string>, cookie: string): Promise<Answer> {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "Accept-Language": "ja" });
  headers.set(CLIENT_IP_HEADER, nextIp());
  try {
    const out = await action({ request: new Request(`${ORIGIN}${url}`, { method: "POST", headers, body: new URLSearchParams(fields) }), params, context: {} });
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location") };
    const init = (out as { init?: { status?: number } } | null)?.init;
    return { status: init?.status ?? 200, location: null, data: (init ? (out as { data: unknown }).data : out) as Answer["data"] };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    throw error;
  }
}

async function load<T>(loader: (args: LoaderFunctionArgs) => T, url: string, params: Record<string, string>, cookie: string): Promise<Awaited<T>> {
  return (await (loader as Loader)({ request: new Request(`${ORIGIN}${url}`, { headers: { Cookie: cookie, "Accept-Language": "ja" } }), params, context: {} })) as Awaited<T>;
}

const signedIn = (cookie: string) => getCurrentUser(new Request(`${ORIGIN}/me`, { headers: { Cookie: cookie } }));

async function staffMember() {
  const staff = await createStaff({ name: "窓口 担当" });
  return { staff, cookie: await createSession(staff, SESSION_POLICIES.STAFF) };
}

async function firstAreaId() {
  return (await prisma.area.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } })).id;
}

/** The 代理登録 form as staff fill it in for someone who phoned. */
function proxyForm(fields: Record<string, string> = {}) {
  return {
    name: "代理 花子",
    nameKana: "ダイリ ハナコ",
    phone: "０４９‐２８５‐１２３４",
    postalCode: "〒３５０‐２２１１",
    postalAddress: "鶴ヶ島市富士見1-2-3 富士見荘101",
    locale: "ja",
    consentMethod: "phone",
    consentDate: tokyoDateKey(addDays(new Date(), -2)),
    ...fields,
  };
}

async function registerByStaff(cookie: string, fields: Record<string, string> = {}) {
  const answer = await post(newPersonPage.action, "/staff/people/new", {}, proxyForm(fields), cookie);
  expect(answer.status, JSON.stringify(answer.data)).toBe(303);
  const id = Number(/\/staff\/people\/(\d+)\?done=registered$/.exec(answer.location ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

const placeholderEmails = () => prisma.emailOutbox.count({ where: { toAddress: { endsWith: ".invalid" } } });

describe("代理登録: staff register a resident who phoned or came to the counter", () => {
  it("without an email address: a placeholder that is never shown, the contact, area and language, and how and when consent was given", async () => {
    const { staff, cookie } = await staffMember();
    const areaId = await firstAreaId();
    const consentDate = tokyoDateKey(addDays(new Date(), -2));
    const userId = await registerByStaff(cookie, { areaId: String(areaId), locale: "en", consentDate });

    const user = await prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, emailVerifiedAt: true, name: true, nameKana: true, locale: true, status: true, registeredById: true, password: true, profile: true, consents: true, roles: { select: { role: { select: { name: true } } } } },
    });
    expect(user.email).toMatch(/^proxy-[0-9a-f]{24}@resident\.invalid$/);
    expect(isUndeliverableAddress(user.email)).toBe(true);
    expect(user).toMatchObject({ name: "代理 花子", nameKana: "だいり はなこ", locale: "en", status: "active", registeredById: staff.id, emailVerifiedAt: null, password: null });
    expect(user.roles.map((r) => r.role.name)).toEqual(["resident"]);
    expect(user.profile).toMatchObject({ phone: "049-285-1234", postalCode: "350-2211", postalAddress: "鶴ヶ島市富士見1-2-3 富士見荘101", areaId });
    expect(user.consents).toHaveLength(1);
    expect(user.consents[0]).toMatchObject({ kind: "privacy-notice", method: "phone", recordedById: staff.id });
    expect(user.consents[0]!.grantedAt.getTime()).toBe(parseTokyoDate(consentDate)!.getTime());

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.proxy-registered", entityId: userId } });
    expect(audit.actorId).toBe(staff.id);
    expect(JSON.parse(audit.detail)).toEqual({ consentMethod: "phone", consentDate, withEmail: false });

    // Staff's page of the person: no address shown, the consent with its method and who recorded it.
    const page = await load(personPage.loader, `/staff/people/${userId}?done=registered`, { userId: String(userId) }, cookie);
    expect(page.person.email).toBeNull();
    expect(JSON.stringify(page)).not.toContain("resident.invalid");
    expect(page.person.consents[0]).toMatchObject({ method: "phone", recordedBy: "窓口 担当" });
    expect(page.person.registeredBy).toEqual({ id: staff.id, name: "窓口 担当" });
    expect(page.person.unclaimed).toBe(true);
    expect(page.done).toBe("people.done.registered");
  });

  it("with an email address (consent at the counter, given today: dated now)", async () => {
    const { staff, cookie } = await staffMember();
    const email = uniqueEmail("counter");
    const before = Date.now();
    const userId = await registerByStaff(cookie, { email: email.toUpperCase(), phone: "", postalCode: "", postalAddress: "", consentMethod: "counter", consentDate: tokyoDateKey(new Date()) });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailVerifiedAt: true, consents: true } });
    expect(user.email).toBe(email);
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.consents[0]).toMatchObject({ method: "counter", recordedById: staff.id });
    expect(user.consents[0]!.grantedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const page = await load(personPage.loader, `/staff/people/${userId}`, { userId: String(userId) }, cookie);
    expect(page.person).toMatchObject({ email, emailVerified: false });
  });

  it("refuses (400, nothing stored) a person with no way to reach them, a consent dated in the future, an 'online' consent, a taken address", async () => {
    const { cookie } = await staffMember();
    const taken = await createResident();
    const users = await prisma.user.count();
    const cases: [Record<string, string>, string, string][] = [
      [{ phone: "", postalCode: "", postalAddress: "" }, "phone", "people.errors.contactRequired"],
      // A postal code alone reaches nobody.
      [{ phone: "", postalCode: "350-2211", postalAddress: "" }, "phone", "people.errors.contactRequired"],
      [{ consentDate: tokyoDateKey(addDays(new Date(), 3)) }, "consentDate", "people.errors.consentDateFuture"],
      [{ consentMethod: "online" }, "consentMethod", "people.errors.consentMethod"],
      [{ email: taken.email }, "email", "people.errors.emailTaken"],
      [{ email: "proxy-123@resident.invalid" }, "email", "errors.emailInvalid"],
      [{ postalCode: "12-34" }, "postalCode", "people.errors.postalCode"],
      [{ nameKana: "花子" }, "nameKana", "manage.errors.kana"],
    ];
    for (const [fields, field, key] of cases) {
      const answer = await post(newPersonPage.action, "/staff/people/new", {}, proxyForm(fields), cookie);
      expect(answer.status, JSON.stringify(fields)).toBe(400);
      expect(fieldErrors(answer.data?.result, field), JSON.stringify(fields)).toEqual([key]);
    }
    expect(await prisma.user.count()).toBe(users);
  });
});

describe("staff apply and register for a person", () => {
  async function fixture(options: { email?: string } = {}) {
    const { staff, cookie } = await staffMember();
    const userId = await registerByStaff(cookie, options.email ? { email: options.email } : {});
    const group = await createGroup({ name: "代理参加テストの会", nameKana: "だいりさんかてすとのかい" });
    const event = await createEvent(group, { title: "代理参加テストの健康体操", registrationRequired: true, capacity: 1, dates: [{ startsAt: daysFromNow(7), capacity: 1 }] });
    const opening = await createOpening(group, { title: "代理参加テストの配食", shifts: [{ startsAt: daysFromNow(6), slots: 1 }] });
    return { staff, cookie, userId, group, dateId: event.dateIds[0]!, shiftId: opening.shiftIds[0]!, openingId: opening.id, url: `/staff/people/${userId}`, params: { userId: String(userId) } };
  }

  it("a person without email: rows with enteredById that take the only place (the next resident waits), shown on the person's page, audited, never emailed", async () => {
    const fx = await fixture();
    const register = await post(personPage.action, fx.url, fx.params, { intent: "register", eventDateId: String(fx.dateId), partySize: "1", consent: "on" }, fx.cookie);
    expect(register).toMatchObject({ status: 303, location: `${fx.url}?done=date-registered` });
    const apply = await post(personPage.action, fx.url, fx.params, { intent: "apply", shiftId: String(fx.shiftId), message: "電話で受け付けました", consent: "on" }, fx.cookie);
    expect(apply).toMatchObject({ status: 303, location: `${fx.url}?done=applied` });

    const registration = await prisma.registration.findFirstOrThrow({ where: { eventDateId: fx.dateId, userId: fx.userId } });
    expect(registration).toMatchObject({ status: "accepted", enteredById: fx.staff.id, consentToShareContact: true });
    const application = await prisma.application.findFirstOrThrow({ where: { shiftId: fx.shiftId, userId: fx.userId } });
    expect(application).toMatchObject({ status: "accepted", enteredById: fx.staff.id, message: "電話で受け付けました" });

    // Counted by the capacity rules like anyone's: the one seat and the one slot are taken.
    expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: fx.dateId } })).registeredCount).toBe(1);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: fx.shiftId } })).acceptedCount).toBe(1);
    const someone = await createResident();
    expect(await registerForEventDate({ userId: someone.id, eventDateId: fx.dateId, partySize: 1, consent: true })).toMatchObject({ ok: true, status: "waitlisted" });
    expect(await applyToShift({ userId: someone.id, shiftId: fx.shiftId, consent: true, message: "" })).toMatchObject({ ok: true, status: "waitlisted" });

    // Applying twice is the domain's usual refusal, shown on the form.
    const again = await post(personPage.action, fx.url, fx.params, { intent: "apply", shiftId: String(fx.shiftId), message: "", consent: "on" }, fx.cookie);
    expect(again.status).toBe(400);
    expect(errorKeys(again.data?.result)).toEqual(["participation.refused.already"]);

    const page = await load(personPage.loader, fx.url, fx.params, fx.cookie);
    expect(page.person.activity.map((a) => ({ kind: a.kind, status: a.status, enteredBy: a.enteredBy }))).toEqual(
      expect.arrayContaining([
        { kind: "registration", status: "accepted", enteredBy: "窓口 担当" },
        { kind: "application", status: "accepted", enteredBy: "窓口 担当" },
      ]),
    );
    const actions = (await prisma.auditLog.findMany({ where: { entityType: "user", entityId: fx.userId, actorId: fx.staff.id }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["person.proxy-registered", "person.date-registered", "person.shift-applied", "person.view"]));

    // Nothing was ever queued to the placeholder; the group's applicant list shows no address for them.
    expect(await placeholderEmails()).toBe(0);
    const applicants = await listApplicants(fx.group.id, fx.openingId, { contacts: true });
    const row = applicants!.shifts[0]!.applications.find((a) => a.name === "代理 花子");
    expect(row).toMatchObject({ email: null, phone: "049-285-1234" });
  });

  it("a person with a real address gets the usual confirmation email", async () => {
    const email = uniqueEmail("proxy-mail");
    const fx = await fixture({ email });
    // A party larger than the date's capacity is the domain's refusal, as for anyone.
    const tooMany = await post(personPage.action, fx.url, fx.params, { intent: "register", eventDateId: String(fx.dateId), partySize: "２", consent: "on" }, fx.cookie);
    expect(errorKeys(tooMany.data?.result)).toEqual(["participation.refused.party-too-large"]);
    expect((await post(personPage.action, fx.url, fx.params, { intent: "register", eventDateId: String(fx.dateId), partySize: "1", consent: "on" }, fx.cookie)).status).toBe(303);
    expect(await prisma.registration.findFirstOrThrow({ where: { eventDateId: fx.dateId, userId: fx.userId } })).toMatchObject({ status: "accepted", enteredById: fx.staff.id });
    expect((await emailsTo(email, "registration-received")).length).toBe(1);
  });

  it("without the person's consent to share their contact, or for a suspended person, nothing is entered", async () => {
    const fx = await fixture();
    const noConsent = await post(personPage.action, fx.url, fx.params, { intent: "apply", shiftId: String(fx.shiftId), message: "" }, fx.cookie);
    expect(noConsent.status).toBe(400);
    expect(fieldErrors(noConsent.data?.result, "consent")).toEqual(["participation.consentRequired"]);
    await prisma.user.update({ where: { id: fx.userId }, data: { status: "suspended" } });
    const suspended = await post(personPage.action, fx.url, fx.params, { intent: "apply", shiftId: String(fx.shiftId), message: "", consent: "on" }, fx.cookie);
    expect(errorKeys(suspended.data?.result)).toEqual(["people.errors.personNotActive"]);
    expect(await prisma.application.count({ where: { userId: fx.userId } })).toBe(0);
  });
});

describe("placeholder addresses at the email layer and at sign-in", () => {
  it("enqueueEmail and prepareEmail queue nothing to a .invalid address, and do queue to a real one", async () => {
    const real = uniqueEmail("real");
    await prisma.$transaction(async (tx) => {
      await enqueueEmail(tx, { to: "proxy-abc@resident.invalid", locale: "ja", template: "login-code", vars: { code: "12345678" }, idempotencyKey: `t/${real}/1` });
      await enqueueEmail(tx, { to: "someone@example.INVALID", locale: "ja", template: "login-code", vars: { code: "12345678" }, idempotencyKey: `t/${real}/2` });
      await enqueueEmail(tx, { to: real, locale: "ja", template: "login-code", vars: { code: "12345678" }, idempotencyKey: `t/${real}/3` });
      const insert = await prepareEmail({ to: "proxy-def@resident.invalid", locale: "ja", template: "login-code", vars: { code: "12345678" } });
      await insert(tx, `t/${real}/4`);
    });
    expect(await placeholderEmails()).toBe(0);
    expect(await prisma.emailOutbox.count({ where: { idempotencyKey: { startsWith: `t/${real}/` } } })).toBe(1);
  });

  it("signup, login, login by code and password reset refuse a placeholder address before looking anything up", async () => {
    const { cookie } = await staffMember();
    const userId = await registerByStaff(cookie);
    const placeholder = (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })).email;
    const users = await prisma.user.count();
    const answers: { status: number; data?: unknown }[] = [
      await postForm(signupAction, "/signup", { name: "なりすまし", email: placeholder, password: TEST_PASSWORD, agree: "on" }, { ip: nextIp() }),
      await postForm(loginAction, "/login", { email: placeholder, password: TEST_PASSWORD }, { ip: nextIp() }),
      await postForm(forgotAction, "/forgot-password", { email: placeholder }, { ip: nextIp() }),
      await postForm(loginCodeAction, "/login/code", { intent: "send", email: placeholder }, { ip: nextIp() }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(fieldErrors((answer.data as { result?: unknown }).result, "email")).toEqual(["errors.emailInvalid"]);
    }
    expect(await prisma.user.count()).toBe(users);
    expect(await prisma.password.count({ where: { userId } })).toBe(0);
    expect(await prisma.verification.count({ where: { email: placeholder } })).toBe(0);
    expect(await placeholderEmails()).toBe(0);
  });
});

describe("the person claims the record staff made", () => {
  it("signing up with the recorded address answers as any signup, and after the code the same user has their password, history and registeredById", async () => {
    const { staff, cookie } = await staffMember();
    const email = uniqueEmail("claim");
    const userId = await registerByStaff(cookie, { email });
    const group = await createGroup({ name: "引き継ぎテストの会", nameKana: "ひきつぎてすとのかい" });
    const opening = await createOpening(group, { title: "引き継ぎテストの募集" });
    const url = `/staff/people/${userId}`;
    expect((await post(personPage.action, url, { userId: String(userId) }, { intent: "apply", shiftId: String(opening.shiftIds[0]), message: "", consent: "on" }, cookie)).status).toBe(303);
    const users = await prisma.user.count();

    // The signup page answers exactly as for an address nobody has (SECURITY.md row 5).
    const fresh = uniqueEmail("fresh");
    const claimAnswer = dataOf(await postForm(signupAction, "/signup", { name: "本人 花子", email, password: TEST_PASSWORD, agree: "on" }, { ip: nextIp() }));
    const freshAnswer = dataOf(await postForm(signupAction, "/signup", { name: "本人 花子", email: fresh, password: TEST_PASSWORD, agree: "on" }, { ip: nextIp() }));
    expect(JSON.stringify(claimAnswer).split(email).join("<e>")).toBe(JSON.stringify(freshAnswer).split(fresh).join("<e>"));
    expect(await prisma.user.count()).toBe(users + 1);

    // Not theirs yet: the password opens nothing until the address is proven.
    const early = responseOf(await postForm(loginAction, "/login", { email, password: TEST_PASSWORD }, { ip: nextIp() }));
    expect(early.headers.get("Location")).toBe("/verify?sent=1");
    expect(early.headers.get("Set-Cookie")).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "person.claimed", entityId: userId } })).toBe(0);

    const code = codeFrom((await latestEmail(email, "verify-email")).textBody);
    const verified = responseOf(await postForm(verifyAction, "/verify", { email, code, redirectTo: "/me" }, { ip: nextIp() }));
    expect(verified.status).toBe(302);
    const session = cookiePair(verified.headers.get("Set-Cookie"));
    expect((await signedIn(session))?.id).toBe(userId);

    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { registeredById: true, emailVerifiedAt: true, name: true, password: true, consents: { select: { method: true }, orderBy: { id: "asc" } } } });
    expect(user.registeredById).toBe(staff.id);
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.password).not.toBeNull();
    expect(user.consents.map((c) => c.method)).toEqual(["phone", "online"]);
    expect(await prisma.application.count({ where: { userId, enteredById: staff.id } })).toBe(1);
    const claimed = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.claimed", entityId: userId } });
    expect(claimed.actorId).toBe(userId);

    // From now on a password login works like anyone's.
    const login = responseOf(await postForm(loginAction, "/login", { email, password: TEST_PASSWORD }, { ip: nextIp() }));
    expect(login.headers.get("Set-Cookie")).toContain("tsunagu_session");
  });

  it("a second signup for a record being claimed does not replace the first password: it is told the address has an account", async () => {
    const { cookie } = await staffMember();
    const email = uniqueEmail("claim-twice");
    const userId = await registerByStaff(cookie, { email });
    await postForm(signupAction, "/signup", { name: "本人", email, password: TEST_PASSWORD, agree: "on" }, { ip: nextIp() });
    const first = (await prisma.password.findUniqueOrThrow({ where: { userId } })).hash;
    await postForm(signupAction, "/signup", { name: "別人", email, password: "another-long-passphrase-2026", agree: "on" }, { ip: nextIp() });
    expect((await prisma.password.findUniqueOrThrow({ where: { userId } })).hash).toBe(first);
    expect((await emailsTo(email)).map((e) => e.template)).toEqual(["verify-email", "signup-existing"]);
  });
});

describe("staff act on a person's account", () => {
  it("suspending ends every session and blocks login; lifting it lets them in again; both audited with the reason", async () => {
    const { staff, cookie } = await staffMember();
    const resident = await createResident();
    const sessions = [await createSession(resident), await createSession(resident)];
    const url = `/staff/people/${resident.id}`;
    const params = { userId: String(resident.id) };

    expect(await post(personPage.action, url, params, { intent: "suspend", reason: "なりすましの疑いがあるため" }, cookie)).toMatchObject({ status: 303, location: `${url}?done=suspend` });
    expect(await prisma.session.count({ where: { userId: resident.id } })).toBe(0);
    for (const s of sessions) expect(await signedIn(s)).toBeNull();
    const refused = await postForm(loginAction, "/login", { email: resident.email, password: TEST_PASSWORD }, { ip: nextIp() });
    expect(refused.status).toBe(400);
    expect(errorKeys((dataOf(refused) as { result?: unknown }).result)).toEqual(["auth.invalidLogin"]);
    const suspendEntry = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.suspend", entityId: resident.id } });
    expect(suspendEntry.actorId).toBe(staff.id);
    expect(JSON.parse(suspendEntry.detail)).toEqual({ reason: "なりすましの疑いがあるため", sessions: 2 });

    // Suspending twice is refused, and changes nothing.
    expect((await post(personPage.action, url, params, { intent: "suspend", reason: "再度" }, cookie)).status).toBe(400);

    expect((await post(personPage.action, url, params, { intent: "unsuspend", reason: "本人確認ができました" }, cookie)).status).toBe(303);
    const login = responseOf(await postForm(loginAction, "/login", { email: resident.email, password: TEST_PASSWORD }, { ip: nextIp() }));
    expect(login.headers.get("Set-Cookie")).toContain("tsunagu_session");
    const lift = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.unsuspend", entityId: resident.id } });
    expect(lift.actorId).toBe(staff.id);
    expect(JSON.parse(lift.detail)).toEqual({ reason: "本人確認ができました" });
  });

  it("log out everywhere deletes every session of the person and keeps the account active", async () => {
    const { staff, cookie } = await staffMember();
    const resident = await createResident();
    const sessions = [await createSession(resident), await createSession(resident), await createSession(resident)];
    const url = `/staff/people/${resident.id}`;
    expect((await post(personPage.action, url, { userId: String(resident.id) }, { intent: "logout-everywhere", reason: "端末をなくしたと電話がありました" }, cookie)).status).toBe(303);
    for (const s of sessions) expect(await signedIn(s)).toBeNull();
    expect(await prisma.session.count({ where: { userId: resident.id } })).toBe(0);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: resident.id } })).status).toBe("active");
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.logout-everywhere", entityId: resident.id } });
    expect(entry.actorId).toBe(staff.id);
    expect(JSON.parse(entry.detail)).toEqual({ reason: "端末をなくしたと電話がありました", sessions: 3 });
  });

  it("an action without a reason, or on one's own account, is a 400 that changes nothing", async () => {
    const { staff, cookie } = await staffMember();
    const resident = await createResident();
    const session = await createSession(resident);
    const noReason = await post(personPage.action, `/staff/people/${resident.id}`, { userId: String(resident.id) }, { intent: "suspend", reason: "" }, cookie);
    expect(noReason.status).toBe(400);
    expect(fieldErrors(noReason.data?.result, "reason")).toEqual(["errors.required"]);
    expect(await signedIn(session)).not.toBeNull();
    const self = await post(personPage.action, `/staff/people/${staff.id}`, { userId: String(staff.id) }, { intent: "suspend", reason: "テスト" }, cookie);
    expect(errorKeys(self.data?.result)).toEqual(["people.errors.self"]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).status).toBe("active");
    expect(await prisma.auditLog.count({ where: { actorId: staff.id, action: { startsWith: "person.s" } } })).toBe(0);
  });
});

describe("staff look people up", () => {
  it("every open of a person's page is an audit entry person.view naming the staff member; a resident gets a 404 and leaves none", async () => {
    const { staff, cookie } = await staffMember();
    const resident = await createResident({ phone: "049-111-2222" });
    const params = { userId: String(resident.id) };
    const page = await load(personPage.loader, `/staff/people/${resident.id}`, params, cookie);
    expect(page.person).toMatchObject({ id: resident.id, email: resident.email, phone: "049-111-2222", status: "active" });
    await load(personPage.loader, `/staff/people/${resident.id}`, params, cookie);
    const views = await prisma.auditLog.findMany({ where: { action: "person.view", entityType: "user", entityId: resident.id }, select: { actorId: true } });
    expect(views).toEqual([{ actorId: staff.id }, { actorId: staff.id }]);

    const other = await createResident();
    const otherCookie = await createSession(other);
    const status = await load(personPage.loader, `/staff/people/${resident.id}`, params, otherCookie).then(
      () => 200,
      (e: unknown) => (e instanceof Response ? e.status : 500),
    );
    expect(status).toBe(404);
    expect(await prisma.auditLog.count({ where: { action: "person.view", entityId: resident.id } })).toBe(2);
  });

  it("finds residents by name, kana in either script, email and phone digits; wildcards are literal; the search is audited", async () => {
    const { staff, cookie } = await staffMember();
    const email = uniqueEmail("kensaku");
    const found = await createResident({ name: "検索 太郎", email, phone: "049-333-4444" });
    const proxyId = await registerByStaff(cookie, { name: "検索 次郎", nameKana: "けんさく じろう", phone: "049-555-6666" });
    const search = async (q: string) => (await load(peoplePage.loader, `/staff/people?q=${encodeURIComponent(q)}`, {}, cookie)).people.map((p) => p.id);

    expect(await search("検索")).toEqual(expect.arrayContaining([found.id, proxyId]));
    expect(await search("ケンサク ジロウ")).toEqual([proxyId]);
    expect(await search(email.toUpperCase())).toEqual([found.id]);
    expect(await search("0493334444")).toEqual([found.id]);
    expect(await search("555-6666")).toEqual([proxyId]);
    expect(await search("%")).toEqual([]);
    // The digits of an address are not a phone number: someone whose phone contains them is not found by it.
    const numbered = await createResident({ name: "番号 花子", email: "box-333-4444@test.example.jp" });
    expect(await search(numbered.email)).toEqual([numbered.id]);
    // A placeholder address is nobody's address: searching for it finds no one, and results never show it.
    expect(await search("resident.invalid")).toEqual([]);
    const rows = (await load(peoplePage.loader, `/staff/people?q=${encodeURIComponent("検索 次郎")}`, {}, cookie)).people;
    expect(rows).toEqual([expect.objectContaining({ id: proxyId, email: null, registeredByStaff: true })]);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.search", actorId: staff.id }, orderBy: { id: "asc" } });
    expect(JSON.parse(entry.detail)).toEqual({ q: "検索", found: 2 });
  });
});
