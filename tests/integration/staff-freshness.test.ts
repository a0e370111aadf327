import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { addTokyoMonths } from "~/modules/schedule/months";
import { isStale } from "~/modules/places/freshness";
import { listOverduePlaces, placeConfirmToken, sendConfirmReminder } from "~/modules/places/freshness.server";
import { queueFreshnessReminders } from "~/modules/jobs/freshness.server";
import { openEmail } from "~/modules/email/outbox.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { loader as placeLoader } from "~/routes/places.$id";
import { action as confirmAction, loader as confirmLoader } from "~/routes/places.$id_.confirm";
import { action as staffAction, loader as staffLoader } from "~/routes/staff.freshness";
import { addMember, createGroup, createPlace, createResident, createSession, createStaff, type TestUser } from "../support/factories";
import { callLoader } from "./helpers";

// Issue 10, freshness: a place not confirmed for six months is 要確認 on its page; its group's owners are emailed
// once per overdue period with a one-click link (GET shows a button, POST confirms, the link then dies); staff see
// the overdue list and confirm by phone or remind again. Every confirmation is audited.

const monthsAgo = (n: number, now = new Date()) => addTokyoMonths(now, -n);

let staff: TestUser;
let staffCookie: string;
let ownerJa: TestUser;
let ownerEn: TestUser;
let editor: TestUser;
let groupId: number;

async function post<T>(action: (args: ActionFunctionArgs) => T, url: string, fields: Record<string, string>, params: Record<string, string> = {}, cookie = "") {
  const request = new Request(new URL(url, "http://localhost:3000"), { method: "POST", headers: cookie ? { Cookie: cookie } : {}, body: new URLSearchParams(fields) });
  const result = (await action({ request, params, context: {} })) as unknown;
  // data(…, { status }) carries its status in `init`; a plain object is a 200.
  if (result && typeof result === "object" && "type" in result && (result as { type: string }).type === "DataWithResponseInit") {
    const d = result as unknown as { data: Record<string, unknown>; init: { status?: number } | null };
    return { status: d.init?.status ?? 200, body: d.data };
  }
  return { status: 200, body: result as Record<string, unknown> };
}

const outboxFor = (placeId: number) => prisma.emailOutbox.findMany({ where: { template: "place-confirm", idempotencyKey: { startsWith: `place-confirm/${placeId}/` } }, orderBy: { id: "asc" } });
const placeRow = (id: number) => prisma.place.findUniqueOrThrow({ where: { id }, select: { lastConfirmedAt: true, confirmReminderAt: true } });

beforeAll(async () => {
  staff = await createStaff();
  staffCookie = await createSession(staff, SESSION_POLICIES.STAFF);
  ownerJa = await createResident({ name: "代表 花子" });
  ownerEn = await createResident({ name: "Maria Santos" });
  await prisma.user.update({ where: { id: ownerEn.id }, data: { locale: "en" } });
  editor = await createResident({ name: "編集 次郎" });
  const group = await createGroup({ name: "ふじみ野 ふれあいの会", owner: ownerJa });
  groupId = group.id;
  await addMember(group, ownerEn, "owner");
  await addMember(group, editor, "editor");
});

describe("the 要確認 mark on the public page", () => {
  it("follows the six-month rule, not a year", async () => {
    const fresh = await createPlace({ id: groupId }, { name: "五か月前に確認したサロン", lastConfirmedAt: monthsAgo(5) });
    const old = await createPlace({ id: groupId }, { name: "七か月前に確認したサロン", lastConfirmedAt: monthsAgo(7) });
    const never = await createPlace({ id: groupId }, { name: "一度も確認していないサロン", lastConfirmedAt: null });
    expect((await callLoader(placeLoader, `/places/${fresh.id}`, { id: String(fresh.id) })).stale).toBe(false);
    expect((await callLoader(placeLoader, `/places/${old.id}`, { id: String(old.id) })).stale).toBe(true);
    expect((await callLoader(placeLoader, `/places/${never.id}`, { id: String(never.id) })).stale).toBe(true);
    expect(isStale(monthsAgo(6, new Date(Date.now() + 60_000)))).toBe(false);
  });
});

describe("the reminder and its one-click link", () => {
  it("emails each owner (not editors) in their language once per overdue period, with the link sealed", async () => {
    const place = await createPlace({ id: groupId }, { name: "みんなの縁側カフェ", lastConfirmedAt: monthsAgo(8) });
    const notDue = await createPlace({ id: groupId }, { name: "先月確認した食堂", lastConfirmedAt: monthsAgo(1) });
    const hidden = await createPlace({ id: groupId }, { name: "非公開の居場所", status: "hidden", lastConfirmedAt: monthsAgo(9) });

    await queueFreshnessReminders();
    const mails = await outboxFor(place.id);
    expect(mails.map((m) => [m.toAddress, m.locale]).sort()).toEqual([
      [ownerEn.email, "en"],
      [ownerJa.email, "ja"],
    ].sort());
    expect(await outboxFor(notDue.id)).toHaveLength(0);
    expect(await outboxFor(hidden.id)).toHaveLength(0);
    // The stored email holds no working link: the token is sealed apart (a one-time secret).
    const token = placeConfirmToken(place.id, (await placeRow(place.id)).lastConfirmedAt);
    for (const m of mails) {
      expect(m.textBody).not.toContain(token);
      expect(m.htmlBody).not.toContain(token);
      expect(m.sealedSecrets).not.toBe("");
      expect(m.subject).not.toContain("縁側");
    }
    const ja = openEmail(mails.find((m) => m.locale === "ja")!)!;
    expect(ja.textBody).toContain("「みんなの縁側カフェ」");
    expect(ja.textBody).toContain(`http://localhost:3000/places/${place.id}/confirm?token=${token}`);
    expect(openEmail(mails.find((m) => m.locale === "en")!)!.textBody).toContain("Nothing has changed");
    expect((await placeRow(place.id)).confirmReminderAt).not.toBeNull();

    // The next beat sends nothing more in the same overdue period.
    await queueFreshnessReminders();
    expect(await outboxFor(place.id)).toHaveLength(2);
  });

  it("GET only shows the place and one button; POST confirms once, audits it, and the link dies", async () => {
    const place = await createPlace({ id: groupId }, { name: "にこにこ子ども食堂", lastConfirmedAt: monthsAgo(10) });
    await sendConfirmReminder(place.id);
    const before = await placeRow(place.id);
    const token = placeConfirmToken(place.id, before.lastConfirmedAt);
    const url = `/places/${place.id}/confirm?token=${token}`;

    const page = await callLoader(confirmLoader, url, { id: String(place.id) });
    expect(page.place).toEqual({ id: place.id, name: "にこにこ子ども食堂" });
    // Opening the link (as a mail scanner does) changes nothing.
    expect((await placeRow(place.id)).lastConfirmedAt).toEqual(before.lastConfirmedAt);

    const wrong = await post(confirmAction, url, { token: token.slice(0, -2) + "AA" }, { id: String(place.id) });
    expect(wrong.status).toBe(400);
    expect((await placeRow(place.id)).lastConfirmedAt).toEqual(before.lastConfirmedAt);

    const done = await post(confirmAction, url, { token }, { id: String(place.id) });
    expect(done).toEqual({ status: 200, body: { confirmed: true, placeId: place.id } });
    const after = await placeRow(place.id);
    expect(Date.now() - after.lastConfirmedAt!.getTime()).toBeLessThan(10_000);
    const audits = await prisma.auditLog.findMany({ where: { action: "place.confirmed", entityType: "place", entityId: place.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorId).toBeNull();
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({ via: "link" });
    expect(audits[0]!.detail).not.toContain(token);

    // Used: a second press and the old link both fail, and the mark is gone from the page and the staff list.
    expect((await post(confirmAction, url, { token }, { id: String(place.id) })).status).toBe(400);
    expect((await callLoader(confirmLoader, url, { id: String(place.id) })).place).toBeNull();
    expect((await callLoader(placeLoader, `/places/${place.id}`, { id: String(place.id) })).stale).toBe(false);
    expect((await listOverduePlaces()).map((p) => p.id)).not.toContain(place.id);
    expect(await prisma.auditLog.count({ where: { action: "place.confirmed", entityId: place.id } })).toBe(1);
  });

  it("a new overdue period gets a new reminder, and a token for another place does not work", async () => {
    const place = await createPlace({ id: groupId }, { name: "ひだまりの家", lastConfirmedAt: monthsAgo(12) });
    const other = await createPlace({ id: groupId }, { name: "さくら広場", lastConfirmedAt: monthsAgo(12) });
    await sendConfirmReminder(place.id);
    expect(await sendConfirmReminder(place.id)).toBe(0);
    const foreign = placeConfirmToken(other.id, (await placeRow(other.id)).lastConfirmedAt);
    expect((await post(confirmAction, `/places/${place.id}/confirm`, { token: foreign }, { id: String(place.id) })).status).toBe(400);
    // Confirmed after the reminder, then overdue again: a later period, reminded again.
    await prisma.place.update({ where: { id: place.id }, data: { lastConfirmedAt: new Date((await placeRow(place.id)).confirmReminderAt!.getTime() + 1000) } });
    const later = addTokyoMonths(new Date(), 7);
    expect(await sendConfirmReminder(place.id, { now: later })).toBe(2);
    expect(await outboxFor(place.id)).toHaveLength(4);
  });
});

describe("/staff/freshness", () => {
  it("lists overdue places oldest first with their group and reminder", async () => {
    const older = await createPlace({ id: groupId }, { name: "いちばん古い居場所", lastConfirmedAt: new Date("2001-01-01T00:00:00Z") });
    const newer = await createPlace({ id: groupId }, { name: "少し古い居場所", lastConfirmedAt: new Date("2001-06-01T00:00:00Z") });
    const data = await callLoader(staffLoader, "/staff/freshness", {}, { Cookie: staffCookie });
    const ids = data.places.map((p) => p.id);
    expect(ids.indexOf(older.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    const dated = data.places.filter((p) => p.lastConfirmedAt !== null).map((p) => p.lastConfirmedAt!);
    expect(dated).toEqual([...dated].sort());
    expect(data.places.find((p) => p.id === older.id)).toMatchObject({ groupId, groupName: "ふじみ野 ふれあいの会", remindedThisPeriod: false, owners: 2 });
  });

  it("confirmed by phone: staff confirm on the group's behalf, audited as theirs", async () => {
    const place = await createPlace({ id: groupId }, { name: "電話で確認する居場所", lastConfirmedAt: monthsAgo(9) });
    const res = await post(staffAction, "/staff/freshness", { intent: "confirm", placeId: String(place.id) }, {}, staffCookie);
    expect(res.status).toBe(200);
    expect(res.body.done).toBe("confirmed");
    expect(isStale((await placeRow(place.id)).lastConfirmedAt)).toBe(false);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "place.confirmed", entityId: place.id } });
    expect(audit.actorId).toBe(staff.id);
    expect(JSON.parse(audit.detail)).toMatchObject({ via: "phone" });
  });

  it("send the reminder again, even within the same period", async () => {
    const place = await createPlace({ id: groupId }, { name: "再送する居場所", lastConfirmedAt: monthsAgo(9) });
    await sendConfirmReminder(place.id);
    const res = await post(staffAction, "/staff/freshness", { intent: "remind", placeId: String(place.id) }, {}, staffCookie);
    expect(res.body.done).toBe("reminded");
    expect(await outboxFor(place.id)).toHaveLength(4);
    expect(await prisma.auditLog.count({ where: { action: "place.confirmReminderSent", entityId: place.id, actorId: staff.id } })).toBe(1);
  });

  it("bad input is a 400 with a translated message and changes nothing", async () => {
    const place = await createPlace({ id: groupId }, { name: "触らない居場所", lastConfirmedAt: monthsAgo(9) });
    const before = await placeRow(place.id);
    const auditsBefore = await prisma.auditLog.count();
    for (const fields of [{} as Record<string, string>, { intent: "delete", placeId: String(place.id) }, { intent: "confirm", placeId: "abc" }, { intent: "confirm", placeId: "999999" }]) {
      const res = await post(staffAction, "/staff/freshness", fields, {}, staffCookie);
      expect(res.status, JSON.stringify(fields)).toBe(400);
    }
    const fresh = await createPlace({ id: groupId }, { name: "確認済みの居場所", lastConfirmedAt: new Date() });
    const notOverdue = await post(staffAction, "/staff/freshness", { intent: "confirm", placeId: String(fresh.id) }, {}, staffCookie);
    expect(notOverdue.status).toBe(400);
    expect(JSON.stringify(notOverdue.body)).toContain("insight.freshness.errors.notOverdue");
    expect(await placeRow(place.id)).toEqual(before);
    expect(await prisma.auditLog.count()).toBe(auditsBefore);
  });
});
