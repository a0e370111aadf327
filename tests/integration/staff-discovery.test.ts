import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { openEmail } from "~/modules/email/outbox.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { ALL_TIMES } from "~/modules/matching/constants";
import { INVITES_PER_STAFF, MAX_INVITATIONS_PER_OPENING, TALENT_INVITED, TALENT_VIEWED } from "~/modules/matching/discovery.server";
import * as listPage from "~/routes/staff.openings._index";
import * as peoplePage from "~/routes/staff.openings.$openingId.people";
import { PLACEHOLDER_EMAIL_DOMAIN } from "~/modules/email/undeliverable";
import { addMember, createGroup, createOpening, createResident, createSession, createStaff, daysFromNow, type TestUser } from "../support/factories";
import { withEmailDelivery } from "../support/email-delivery";

// Issue 12, staff discovery (人材バンク, plan ⑧): for an opening short of volunteers, staff see the residents who opted
// in to be found and fit it, ranked with reasons, never their contact details; they invite one person per click
// through the portal (an email with the opening's link in the person's language; the person decides). Groups never
// see the list; every view and every invitation is audited; withdrawing the opt-in removes a person at once.

const ORIGIN = "http://localhost:3000";
const delivery = withEmailDelivery();

type Answer = { status: number; location: string | null; data?: Record<string, unknown> };

async function call(run: () => unknown): Promise<Answer> {
  try {
    const out = await run();
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location") };
    const init = (out as { init?: { status?: number } } | null)?.init;
    return { status: init?.status ?? 200, location: null, data: (init ? (out as { data: unknown }).data : out) as Record<string, unknown> };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    throw error;
  }
}

const peopleUrl = (openingId: number) => `/staff/openings/${openingId}/people`;
const load = (openingId: number, cookie: string) =>
  call(() =>
    (peoplePage.loader as (a: LoaderFunctionArgs) => unknown)({
      request: new Request(`${ORIGIN}${peopleUrl(openingId)}`, { headers: cookie ? { Cookie: cookie, "Accept-Language": "ja" } : {} }),
      params: { openingId: String(openingId) },
      context: {},
    }),
  );
const invite = (openingId: number, userId: number | string, cookie: string) =>
  call(() =>
    (peoplePage.action as (a: ActionFunctionArgs) => unknown)({
      request: new Request(`${ORIGIN}${peopleUrl(openingId)}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
        body: new URLSearchParams({ userId: String(userId) }),
      }),
      params: { openingId: String(openingId) },
      context: {},
    }),
  );
const loadList = (cookie: string) =>
  call(() => (listPage.loader as (a: LoaderFunctionArgs) => unknown)({ request: new Request(`${ORIGIN}/staff/openings`, { headers: cookie ? { Cookie: cookie } : {} }), params: {}, context: {} }));

type Person = { userId: number; name: string; areaName: string | null; skills: string[]; times: unknown[]; reasons: { code: string }[]; invitedAt: string | null };
const peopleOf = (answer: Answer) => (answer.data!.people as Person[]) ?? [];

let staff: TestUser;
let staffCookie: string;
let organiserCookie: string;
let editorCookie: string;
let residentCookie: string;
let group: { id: number };
let elderly: number;
let area: { id: number; name: string };
let farArea: number;

/** A resident who may be found by staff (unless `optIn` is false): interested in 高齢者, in `area`, who can drive. */
async function volunteer(name: string, options: { optIn?: boolean; locale?: string; email?: string; phone?: string; fits?: boolean } = {}) {
  const person = await createResident({ name, email: options.email, phone: options.phone ?? "090-1111-2222" });
  const fits = options.fits ?? true;
  await prisma.user.update({ where: { id: person.id }, data: { locale: options.locale ?? "ja" } });
  await prisma.profile.update({
    where: { userId: person.id },
    data: {
      discoverableByStaff: options.optIn ?? true,
      areaId: fits ? area.id : farArea,
      reach: "own",
      skills: fits ? "運転、調理" : "",
      availability: fits ? ALL_TIMES : 0,
      interests: fits ? { connect: [{ id: elderly }] } : undefined,
    },
  });
  return person;
}

/** An opening of the test group, short of volunteers: 3 places free in five days. */
function shortOpening(title: string) {
  return createOpening(group, {
    title,
    areaId: area.id,
    skills: "運転、傾聴",
    publishedAt: daysFromNow(-3),
    categories: { connect: [{ id: elderly }] },
    shifts: [{ startsAt: daysFromNow(5), slots: 4, acceptedCount: 1 }],
  });
}

beforeAll(async () => {
  staff = await createStaff({ name: "人材 担当" });
  staffCookie = await createSession(staff, SESSION_POLICIES.STAFF);
  const organiser = await createResident({ name: "団体 代表" });
  const editor = await createResident({ name: "団体 編集" });
  group = await createGroup({ name: "見守り送迎の会", owner: organiser });
  await addMember(group, editor, "editor");
  organiserCookie = await createSession(organiser);
  editorCookie = await createSession(editor);
  residentCookie = await createSession(await createResident({ name: "一般 住民" }));
  elderly = (await prisma.category.findFirstOrThrow({ where: { slug: "elderly" }, select: { id: true } })).id;
  const areas = await prisma.area.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true }, take: 8 });
  area = areas[1]!;
  farArea = areas[7]!.id;
});

describe("who may see the list", () => {
  it("staff only: a visitor signs in first; a resident, the opening's own organiser and its editor get 404", async () => {
    const opening = await shortOpening("通院の送迎ボランティア");
    const anonymous = await load(opening.id, "");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
    for (const cookie of [residentCookie, organiserCookie, editorCookie]) {
      expect((await load(opening.id, cookie)).status).toBe(404);
      expect((await invite(opening.id, 1, cookie)).status).toBe(404);
      expect((await loadList(cookie)).status).toBe(404);
    }
    expect((await load(opening.id, staffCookie)).status).toBe(200);
    expect((await loadList(staffCookie)).status).toBe(200);
    // None of that left an audit entry of a view for anyone but staff.
    const views = await prisma.auditLog.findMany({ where: { action: TALENT_VIEWED, entityId: opening.id }, select: { actorId: true } });
    expect(views).toEqual([{ actorId: staff.id }]);
  });

  it("a page for an opening that is not public is the same 404", async () => {
    const draft = await createOpening(group, { title: "下書きの募集", status: "draft" });
    expect((await load(draft.id, staffCookie)).status).toBe(404);
  });
});

describe("what staff see", () => {
  it("lists the short opening with its free places, then only opted-in residents who fit, with reasons and no contact details", async () => {
    const opening = await shortOpening("買い物の送迎ボランティア");
    const fits = await volunteer("運転 できる", { email: "fits-driver@test.example.jp", phone: "090-9876-5432" });
    const notOptedIn = await volunteer("同意 していない", { optIn: false });
    const doesNotFit = await volunteer("合わない 人", { fits: false });
    const suspended = await volunteer("停止中 の人");
    await prisma.user.update({ where: { id: suspended.id }, data: { status: "suspended" } });

    const list = await loadList(staffCookie);
    const row = (list.data!.openings as { id: number; placesLeft: number }[]).find((o) => o.id === opening.id);
    expect(row).toMatchObject({ placesLeft: 3 });

    const page = await load(opening.id, staffCookie);
    const people = peopleOf(page);
    const ids = people.map((p) => p.userId);
    expect(ids).toContain(fits.id);
    for (const hidden of [notOptedIn, doesNotFit, suspended]) expect(ids).not.toContain(hidden.id);

    const shown = people.find((p) => p.userId === fits.id)!;
    expect(shown).toMatchObject({ name: "運転 できる", areaName: area.name, invitedAt: null });
    expect(shown.skills).toContain("運転");
    expect(shown.times.length).toBeGreaterThan(0);
    expect(shown.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["interest", "skill", "own-area"]));
    // Nobody's address or phone number reaches the page.
    const everything = JSON.stringify(page.data);
    expect(everything).not.toContain(fits.email);
    expect(everything).not.toContain("090-9876-5432");

    // The view is audited: who looked, at which opening, and whom they were shown.
    const [view] = await prisma.auditLog.findMany({ where: { action: TALENT_VIEWED, entityType: "opening", entityId: opening.id }, orderBy: { id: "desc" }, take: 1 });
    expect(view!.actorId).toBe(staff.id);
    expect(JSON.parse(view!.detail).shown).toEqual(ids);
  });

  it("someone who withdraws the opt-in disappears at once and can no longer be invited", async () => {
    const opening = await shortOpening("配食の配達ボランティア");
    const person = await volunteer("取り消す 人");
    expect(peopleOf(await load(opening.id, staffCookie)).map((p) => p.userId)).toContain(person.id);
    await prisma.profile.update({ where: { userId: person.id }, data: { discoverableByStaff: false } });
    expect(peopleOf(await load(opening.id, staffCookie)).map((p) => p.userId)).not.toContain(person.id);
    const refused = await invite(opening.id, person.id, staffCookie);
    expect(refused).toMatchObject({ status: 400, data: { error: "staff.discovery.errors.not-listed" } });
    expect(await prisma.matchInvitation.count({ where: { openingId: opening.id } })).toBe(0);
  });
});

describe("inviting", () => {
  it("sends one email in the person's language with the opening's link, records it and audits it; a second press sends nothing", async () => {
    const opening = await shortOpening("病院付き添いボランティア");
    const person = await volunteer("Maria Santos", { locale: "pt-BR" });

    const done = await invite(opening.id, person.id, staffCookie);
    expect(done).toEqual({ status: 303, location: `${peopleUrl(opening.id)}?done=invited` });
    expect(await prisma.matchInvitation.findMany({ where: { openingId: opening.id }, select: { userId: true, sentById: true } })).toEqual([{ userId: person.id, sentById: staff.id }]);
    const [audit] = await prisma.auditLog.findMany({ where: { action: TALENT_INVITED, entityType: "user", entityId: person.id } });
    expect(audit!.actorId).toBe(staff.id);
    expect(JSON.parse(audit!.detail)).toEqual({ openingId: opening.id });

    const mails = await prisma.emailOutbox.findMany({ where: { userId: person.id, template: "match-invitation" } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.locale).toBe("pt-BR");
    const text = openEmail(mails[0]!)!.textBody;
    expect(mails[0]!.subject).toBe("[Tsunagu] Um convite para ser voluntário");
    expect(text).toContain("Olá, Maria Santos,");
    expect(text).toContain("“病院付き添いボランティア”");
    expect(text).toContain(`${ORIGIN}/volunteer/${opening.id}`);
    expect(text).toContain("Por quê: ");
    expect(text).toContain(`${ORIGIN}/me/profile`);
    // Nothing was applied for them: the resident decides.
    expect(await prisma.application.count({ where: { userId: person.id } })).toBe(0);

    // Pressing again (or a second staff member) sends nothing more.
    expect(await invite(opening.id, person.id, staffCookie)).toMatchObject({ status: 400, data: { error: "staff.discovery.errors.already" } });
    expect(await prisma.emailOutbox.count({ where: { userId: person.id, template: "match-invitation" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: TALENT_INVITED, entityId: person.id } })).toBe(1);

    // The page now says when they were invited instead of offering the button.
    const shown = peopleOf(await load(opening.id, staffCookie)).find((p) => p.userId === person.id)!;
    expect(shown.invitedAt).not.toBeNull();

    // The email goes out once through Resend.
    await prisma.emailOutbox.update({ where: { id: mails[0]!.id }, data: { nextAttemptAt: new Date() } });
    await delivery.sender.deliverDueEmails({ pace: false });
    await delivery.sender.deliverDueEmails({ pace: false });
    expect(delivery.recorder.delivered().filter((r) => (r.body as { to: string[] }).to.includes(person.email))).toHaveLength(1);
  });

  it("two staff inviting the same person at once send one invitation", async () => {
    const opening = await shortOpening("同時に招待される募集");
    const person = await volunteer("同時 招待");
    const other = await createStaff({ name: "別の 職員" });
    const otherCookie = await createSession(other, SESSION_POLICIES.STAFF);
    const answers = await Promise.all([invite(opening.id, person.id, staffCookie), invite(opening.id, person.id, otherCookie)]);
    expect(answers.map((a) => a.status).sort()).toEqual([303, 400]);
    expect(await prisma.emailOutbox.count({ where: { userId: person.id, template: "match-invitation" } })).toBe(1);
  });

  it("refuses clearly, changing nothing: no email address, an opening at its ceiling, a staff member sending too fast, a bad id", async () => {
    const opening = await shortOpening("断られる招待の募集");
    const noEmail = await volunteer("メール なし", { email: `proxy-${Date.now()}@${PLACEHOLDER_EMAIL_DOMAIN}` });
    expect(await invite(opening.id, noEmail.id, staffCookie)).toMatchObject({ status: 400, data: { error: "staff.discovery.errors.no-email" } });
    const page = peopleOf(await load(opening.id, staffCookie)).find((p) => p.userId === noEmail.id);
    expect(page).toMatchObject({ canEmail: false });

    expect(await invite(opening.id, "abc", staffCookie)).toMatchObject({ status: 400, data: { error: "staff.discovery.errors.invalid" } });

    const full = await shortOpening("招待が上限の募集");
    const others = await Promise.all(Array.from({ length: MAX_INVITATIONS_PER_OPENING }, (_, i) => createResident({ name: `既に招待 ${i}` })));
    await prisma.matchInvitation.createMany({ data: others.map((o) => ({ openingId: full.id, userId: o.id, sentById: staff.id })) });
    const late = await volunteer("上限後 の人");
    expect(await invite(full.id, late.id, staffCookie)).toMatchObject({ status: 400, data: { error: "staff.discovery.errors.cap" } });

    const busy = await createStaff({ name: "急ぐ 職員" });
    const busyCookie = await createSession(busy, SESSION_POLICIES.STAFF);
    await prisma.rateLimit.create({ data: { key: `${INVITES_PER_STAFF.name}:${busy.id}`, windowStart: new Date(), count: INVITES_PER_STAFF.limit } });
    const paced = await volunteer("待たされる 人");
    expect(await invite(opening.id, paced.id, busyCookie)).toMatchObject({ status: 429, data: { error: "staff.discovery.errors.rate" } });

    for (const id of [noEmail.id, late.id, paced.id]) {
      expect(await prisma.emailOutbox.count({ where: { userId: id, template: "match-invitation" } })).toBe(0);
      expect(await prisma.auditLog.count({ where: { action: TALENT_INVITED, entityId: id } })).toBe(0);
    }
    expect(await prisma.matchInvitation.count({ where: { openingId: full.id } })).toBe(MAX_INVITATIONS_PER_OPENING);
  });
});
