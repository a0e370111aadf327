import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { searchEverything } from "~/modules/discovery/search.server";
import { NO_FILTERS } from "~/modules/listing/filters";
import { addDays, tokyoDateKey } from "~/utils/dates";
import { tokyoInstant } from "~/modules/schedule/months";
import * as newPlace from "~/routes/manage.groups.$groupId.places.new";
import * as editPlace from "~/routes/manage.groups.$groupId.places.$placeId";
import * as editEvent from "~/routes/manage.groups.$groupId.events.$eventId";
import * as queue from "~/routes/staff.review._index";
import * as reviewItem from "~/routes/staff.review.$kind.$id";
import { loader as placesLoader } from "~/routes/places._index";
import { loader as placeLoader } from "~/routes/places.$id";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { loader as placesCsvLoader } from "~/routes/opendata.places[.]csv";
import { actionAnswer, emailsTo } from "../support/auth";
import { dismissReports, fileReport } from "~/modules/moderation/reports.server";
import { createEvent, createGroup, createResident, createSession, createStaff, daysFromNow, type TestUser } from "../support/factories";

// The review lifecycle of issue 10, through the routes staff and organisers use: submit → send back with a reason →
// fix → resubmit → approve → edit (wording live, substance held) → approve or send back the edit; with the public
// surfaces (list, detail, search, sitemap, open data) checked at each step, the group told by email in its language,
// and every decision audited.

type Fields = Record<string, string | string[]>;
type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;
const ORIGIN = "http://localhost:3000";
let ip = 0;

async function post(action: Action, url: string, params: Record<string, string>, fields: Fields, cookie: string) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  ip += 1;
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, [CLIENT_IP_HEADER]: `10.91.${Math.floor(ip / 250)}.${(ip % 250) + 1}` });
  try {
    const out = await action({ request: new Request(`${ORIGIN}${url}`, { method: "POST", headers, body }), params, context: {} });
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), data: undefined };
    const answer = actionAnswer(out);
    return { status: answer.status, location: null, data: answer.data as Record<string, unknown> };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location"), data: undefined };
    throw error;
  }
}

async function get<T = Record<string, unknown>>(loader: Loader, url: string, params: Record<string, string> = {}, cookie?: string) {
  const headers = new Headers(cookie ? { Cookie: cookie } : {});
  try {
    return { status: 200, data: (await loader({ request: new Request(`${ORIGIN}${url}`, { headers }), params, context: {} })) as T };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, data: undefined };
    throw error;
  }
}

let owner: TestUser;
let ownerCookie = "";
let staff: TestUser;
let staffCookie = "";
let groupId = 0;
let otherStaff = "";
const G = () => ({ groupId: String(groupId) });
const PLACE_NAME = "かわせみ審査サロン";

async function placeFields(extra: Fields = {}): Promise<Fields> {
  const [type, area, audience] = await Promise.all([
    prisma.placeType.findFirstOrThrow({ select: { id: true } }),
    prisma.area.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } }),
    prisma.audience.findFirstOrThrow({ select: { id: true } }),
  ]);
  return {
    intent: "save",
    name: PLACE_NAME,
    nameKana: "カワセミシンササロン",
    typeId: String(type.id),
    areaId: String(area.id),
    summary: "お茶を飲みながらおしゃべりする集まりです",
    description: "毎月第2水曜日に、地域の集会所で開いています。",
    address: "鶴ヶ島市かわせみ",
    repeat: "monthly",
    weekdays: "WE",
    nths: ["2"],
    scheduleStart: "10:00",
    scheduleEnd: "12:00",
    fee: "100",
    contactName: "川瀬 美和",
    contactPhone: "049-000-1111",
    languages: ["ja"],
    audienceIds: String(audience.id),
    ...extra,
  };
}

/** The organiser's edit form as the page fills it (what they would submit unchanged). */
async function formOf(placeId: number): Promise<Fields> {
  const page = await get<{ defaults: Fields; review: unknown }>(editPlace.loader, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, ownerCookie);
  return { ...(Object.fromEntries(Object.entries(page.data!.defaults).filter(([, v]) => v !== undefined)) as Fields), intent: "save" };
}

/** Where the place shows to the public right now. */
async function publicSurfaces(placeId: number, words: string) {
  const list = await get<{ items: { id: number }[] }>(placesLoader, "/places");
  const detail = await get<{ place: { name: string; contactPhone?: string } }>(placeLoader, `/places/${placeId}`, { id: String(placeId) });
  const search = await searchEverything(words, "ja", NO_FILTERS);
  const sitemap = await (await get<Response>(sitemapLoader, "/sitemap.xml")).data!.text();
  const csv = await (await get<Response>(placesCsvLoader, "/opendata/places.csv")).data!.text();
  return {
    inList: list.data!.items.some((p) => p.id === placeId),
    detailName: detail.status === 200 ? detail.data!.place.name : null,
    inSearch: search.places.some((p) => p.id === placeId),
    inSitemap: sitemap.includes(`/places/${placeId}<`),
    inOpenData: csv.includes(words),
  };
}

async function decide(kind: string, id: number, intent: "approve" | "reject", reason = "", cookie = staffCookie) {
  return post(reviewItem.action, `/staff/review/${kind}/${id}`, { kind, id: String(id) }, { intent, reason }, cookie);
}

beforeAll(async () => {
  owner = await createResident({ name: "川瀬 美和" });
  await prisma.user.update({ where: { id: owner.id }, data: { locale: "en" } });
  ownerCookie = await createSession(owner);
  staff = await createStaff({ name: "審査 花子" });
  staffCookie = await createSession(staff, SESSION_POLICIES.STAFF);
  otherStaff = await createSession(await createStaff({ name: "審査 次郎" }), SESSION_POLICIES.STAFF);
  groupId = (await createGroup({ owner, name: "かわせみの会", nameKana: "カワセミノカイ" })).id;
});

describe("the review lifecycle of a place", () => {
  let placeId = 0;

  it("a submitted place waits in the queue, shown to nobody, until staff decide", async () => {
    const created = await post(newPlace.action, `/manage/groups/${groupId}/places/new`, G(), await placeFields({ intent: "submit" }), ownerCookie);
    expect(created.location).toBe(`/manage/groups/${groupId}?saved=pending`);
    placeId = (await prisma.place.findFirstOrThrow({ where: { groupId, name: PLACE_NAME }, select: { id: true } })).id;
    expect((await prisma.place.findUniqueOrThrow({ where: { id: placeId } })).status).toBe("pending");

    const q = await get<{ entries: { key: string; title: string; href: string }[] }>(queue.loader, "/staff/review", {}, staffCookie);
    expect(q.data!.entries.find((e) => e.key === `place:${placeId}`)).toMatchObject({ title: PLACE_NAME, href: `/staff/review/place/${placeId}` });
    const byKind = await get<{ entries: { key: string }[] }>(queue.loader, "/staff/review?kind=event", {}, staffCookie);
    expect(byKind.data!.entries.map((e) => e.key)).not.toContain(`place:${placeId}`);
    const byGroup = await get<{ entries: { key: string }[] }>(queue.loader, `/staff/review?group=${groupId}`, {}, staffCookie);
    expect(byGroup.data!.entries.map((e) => e.key)).toEqual([`place:${placeId}`]);

    const page = await get<{ firstReview: boolean; decidable: boolean; fields: { field: string; text: string }[] }>(reviewItem.loader, `/staff/review/place/${placeId}`, { kind: "place", id: String(placeId) }, staffCookie);
    expect(page.data).toMatchObject({ firstReview: true, decidable: true });
    expect(page.data!.fields.find((f) => f.field === "contact")?.text).toBe("川瀬 美和\n049-000-1111");

    expect(await publicSurfaces(placeId, PLACE_NAME)).toEqual({ inList: false, detailName: null, inSearch: false, inSitemap: false, inOpenData: false });
  });

  it("sending back needs a reason; with one, the group sees it in its workspace and by email in its language", async () => {
    const noReason = await decide("place", placeId, "reject", "  ");
    expect(noReason.status).toBe(400);
    expect(noReason.data).toMatchObject({ error: "staff.review.reasonRequired", field: "reason" });
    expect((await prisma.place.findUniqueOrThrow({ where: { id: placeId } })).status).toBe("pending");

    const reason = "住所の番地まで書いてください。";
    const rejected = await decide("place", placeId, "reject", reason);
    expect(rejected.location).toBe("/staff/review?decided=reject");
    expect((await prisma.place.findUniqueOrThrow({ where: { id: placeId } })).status).toBe("rejected");
    expect(await prisma.auditLog.findFirst({ where: { action: "place.reject", entityId: placeId }, select: { actorId: true, detail: true } })).toMatchObject({
      actorId: staff.id,
      detail: expect.stringContaining(reason),
    });

    const [mail] = await emailsTo(owner.email, "moderation-decided");
    expect(mail!.locale).toBe("en");
    expect(mail!.subject).toBe("[Tsunagu] The result of a review");
    expect(mail!.textBody).toContain(`“${PLACE_NAME}” has been sent back`);
    expect(mail!.textBody).toContain(`Reason: ${reason}`);

    const page = await get<{ review: { lastDecision: { action: string; reason: string } } }>(editPlace.loader, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, ownerCookie);
    expect(page.data!.review.lastDecision).toMatchObject({ action: "reject", reason });
  });

  it("the fixed, resubmitted place shows staff what changed since they sent it back; approving publishes it everywhere", async () => {
    const fixed = await post(editPlace.action, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, { ...(await formOf(placeId)), address: "鶴ヶ島市かわせみ1-2-3", intent: "submit" }, ownerCookie);
    expect(fixed.location).toBe(`/manage/groups/${groupId}?saved=pending`);
    const page = await get<{ firstReview: boolean; fields: { field: string; changed: boolean; before: string | null; text: string }[] }>(
      reviewItem.loader,
      `/staff/review/place/${placeId}`,
      { kind: "place", id: String(placeId) },
      staffCookie,
    );
    expect(page.data!.firstReview).toBe(false);
    expect(page.data!.fields.filter((f) => f.changed).map((f) => f.field)).toEqual(["address"]);
    const address = page.data!.fields.find((f) => f.field === "address")!;
    expect(address.before).toContain("鶴ヶ島市かわせみ\n");
    expect(address.text).toContain("鶴ヶ島市かわせみ1-2-3");

    const approved = await decide("place", placeId, "approve");
    expect(approved.location).toBe("/staff/review?decided=approve");
    expect(await publicSurfaces(placeId, PLACE_NAME)).toEqual({ inList: true, detailName: PLACE_NAME, inSearch: true, inSitemap: true, inOpenData: true });
    const mails = await emailsTo(owner.email, "moderation-decided");
    expect(mails.at(-1)!.textBody).toContain(`“${PLACE_NAME}” has been approved`);

    // A second staff member pressing at the same moment is told it is already decided, and nothing changes.
    const late = await decide("place", placeId, "reject", "遅れた判断", otherStaff);
    expect(late.status).toBe(409);
    expect((await prisma.place.findUniqueOrThrow({ where: { id: placeId } })).status).toBe("published");
  });

  it("saving the published place unchanged holds nothing", async () => {
    await post(editPlace.action, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, { ...(await formOf(placeId)), intent: "save" }, ownerCookie);
    expect(await prisma.revision.count({ where: { entityType: "place", entityId: placeId } })).toBe(0);
  });

  it("an edit of the published place: the wording is live at once, the new name and phone wait for staff", async () => {
    const renamed = "かわせみ喫茶室";
    const out = await post(
      editPlace.action,
      `/manage/groups/${groupId}/places/${placeId}`,
      { ...G(), placeId: String(placeId) },
      { ...(await formOf(placeId)), summary: "誰でも立ち寄れる喫茶室です", name: renamed, contactPhone: "049-000-2222" },
      ownerCookie,
    );
    expect(out.location, JSON.stringify(out.data)).toBe(`/manage/groups/${groupId}/places/${placeId}?saved=1`);
    const row = await prisma.place.findUniqueOrThrow({ where: { id: placeId } });
    expect(row).toMatchObject({ status: "published", name: PLACE_NAME, contactPhone: "049-000-1111", summary: "誰でも立ち寄れる喫茶室です" });
    expect((await publicSurfaces(placeId, PLACE_NAME)).detailName).toBe(PLACE_NAME);
    expect((await searchEverything(renamed, "ja", NO_FILTERS)).places.map((p) => p.id)).not.toContain(placeId);

    // The organiser keeps seeing (and can keep working on) what they proposed.
    const page = await get<{ defaults: Fields; review: { pendingEdit: { fields: string[] } } }>(editPlace.loader, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, ownerCookie);
    expect(page.data!.review.pendingEdit.fields).toEqual(["name", "contact"]);
    expect(page.data!.defaults).toMatchObject({ name: renamed, contactPhone: "049-000-2222" });

    const q = await get<{ entries: { key: string; kind: string; fields: string[] }[] }>(queue.loader, "/staff/review?kind=edit", {}, staffCookie);
    const entry = q.data!.entries.find((e) => e.key.startsWith("revision:") && e.fields.includes("name"));
    expect(entry).toMatchObject({ kind: "edit", fields: ["name", "contact"] });
    const revisionId = Number(entry!.key.split(":")[1]);

    const review = await get<{ changes: { field: string; before: string; after: string }[] }>(reviewItem.loader, `/staff/review/revision/${revisionId}`, { kind: "revision", id: String(revisionId) }, staffCookie);
    expect(review.data!.changes).toEqual([
      { field: "name", before: `${PLACE_NAME}（かわせみしんささろん）`, after: `${renamed}（かわせみしんささろん）` },
      { field: "contact", before: "川瀬 美和\n049-000-1111", after: "川瀬 美和\n049-000-2222" },
    ]);

    const approved = await decide("revision", revisionId, "approve");
    expect(approved.location).toBe("/staff/review?decided=approve");
    expect(await prisma.place.findUniqueOrThrow({ where: { id: placeId } })).toMatchObject({ name: renamed, contactPhone: "049-000-2222", status: "published" });
    expect((await searchEverything(renamed, "ja", NO_FILTERS)).places.map((p) => p.id)).toContain(placeId);
    expect((await publicSurfaces(placeId, renamed)).detailName).toBe(renamed);
    expect(await prisma.revision.findUniqueOrThrow({ where: { id: revisionId } })).toMatchObject({ status: "approved", decidedById: staff.id });
    expect(await prisma.auditLog.count({ where: { action: "place.approve-edit", entityId: placeId, actorId: staff.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "place.edit-held", entityId: placeId, actorId: owner.id } })).toBe(1);
  });

  it("an edit sent back leaves the public version as it was, and the organiser sees why", async () => {
    const before = await prisma.place.findUniqueOrThrow({ where: { id: placeId }, select: { website: true, fee: true } });
    await post(editPlace.action, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, { ...(await formOf(placeId)), website: "https://kawasemi.example.jp", fee: "500" }, ownerCookie);
    const revision = await prisma.revision.findFirstOrThrow({ where: { entityType: "place", entityId: placeId, status: "pending" } });
    const reason = "参加費の変更は利用者に周知してからにしてください。";
    expect((await decide("revision", revision.id, "reject", reason)).location).toBe("/staff/review?decided=reject");
    expect(await prisma.place.findUniqueOrThrow({ where: { id: placeId }, select: { website: true, fee: true } })).toEqual(before);
    const page = await get<{ review: { lastDecision: { action: string; reason: string }; pendingEdit: unknown } }>(editPlace.loader, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, ownerCookie);
    expect(page.data!.review).toMatchObject({ lastDecision: { action: "reject-edit", reason }, pendingEdit: null });
    expect((await emailsTo(owner.email, "moderation-decided")).at(-1)!.textBody).toContain(`Reason: ${reason}`);
  });

  it("three reports from different people hide it from every surface; staff dismissing them restores it", async () => {
    const name = (await prisma.place.findUniqueOrThrow({ where: { id: placeId }, select: { name: true } })).name;
    for (const reporter of ["203.0.113.5", "203.0.113.6", "203.0.113.7"]) {
      await fileReport({ kind: "place", id: placeId, reason: "inaccurate", details: "開催日が違うようです", reporter: { userId: null, ip: reporter } });
    }
    expect(await publicSurfaces(placeId, name)).toEqual({ inList: false, detailName: null, inSearch: false, inSitemap: false, inOpenData: false });
    expect((await dismissReports("place", placeId, { staffId: staff.id, note: "確認したところ正しい内容でした" })).ok).toBe(true);
    expect(await publicSurfaces(placeId, name)).toEqual({ inList: true, detailName: name, inSearch: true, inSitemap: true, inOpenData: true });
  });

  it("undoing a held change withdraws it from the queue", async () => {
    const form = await formOf(placeId);
    await post(editPlace.action, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, { ...form, description: "説明を書き直しました。" }, ownerCookie);
    expect(await prisma.revision.count({ where: { entityType: "place", entityId: placeId, status: "pending" } })).toBe(1);
    await post(editPlace.action, `/manage/groups/${groupId}/places/${placeId}`, { ...G(), placeId: String(placeId) }, form, ownerCookie);
    expect(await prisma.revision.count({ where: { entityType: "place", entityId: placeId, status: "pending" } })).toBe(0);
  });
});

describe("a published event's schedule change waits for staff", () => {
  it("the dates stay until staff approve, then move", async () => {
    // At 10:00 Tokyo time: a date made from "now" would end after midnight late in the Tokyo evening.
    const startsAt = tokyoInstant(tokyoDateKey(daysFromNow(10)), "10:00");
    const event = await createEvent({ id: groupId }, { title: "かわせみ体操", dates: [{ startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000) }], capacity: 20 });
    const eventId = event.id;
    const page = await get<{ defaults: Fields }>(editEvent.loader, `/manage/groups/${groupId}/events/${eventId}`, { ...G(), eventId: String(eventId) }, ownerCookie);
    const form = Object.fromEntries(Object.entries(page.data!.defaults).filter(([, v]) => v !== undefined)) as Fields;
    // Capacity is not reviewed: it changes at once, and nothing is held.
    await post(editEvent.action, `/manage/groups/${groupId}/events/${eventId}`, { ...G(), eventId: String(eventId) }, { ...form, capacity: "25", intent: "save" }, ownerCookie);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).capacity).toBe(25);
    expect(await prisma.revision.count({ where: { entityType: "event", entityId: eventId } })).toBe(0);
    const before = await prisma.eventDate.findMany({ where: { eventId }, select: { startsAt: true } });

    const newDay = tokyoDateKey(addDays(new Date(), 12));
    await post(editEvent.action, `/manage/groups/${groupId}/events/${eventId}`, { ...G(), eventId: String(eventId) }, { ...form, capacity: "25", date: newDay, intent: "save" }, ownerCookie);
    expect(await prisma.eventDate.findMany({ where: { eventId }, select: { startsAt: true } })).toEqual(before);
    const revision = await prisma.revision.findFirstOrThrow({ where: { entityType: "event", entityId: eventId, status: "pending" } });
    expect((JSON.parse(revision.changes) as { field: string }[]).map((c) => c.field)).toEqual(["schedule"]);

    expect((await decide("revision", revision.id, "approve")).status).toBe(302);
    const after = await prisma.eventDate.findMany({ where: { eventId }, select: { startsAt: true } });
    expect(after.map((d) => tokyoDateKey(d.startsAt))).toEqual([newDay]);
  });
});

describe("bulk approval", () => {
  it("approves every chosen item, refuses an empty choice, and records each decision", async () => {
    const a = await prisma.place.create({ data: { groupId, typeId: 1, name: "一括の居場所A", nameKana: "いっかつえー", status: "pending" }, select: { id: true } });
    const b = await prisma.place.create({ data: { groupId, typeId: 1, name: "一括の居場所B", nameKana: "いっかつびー", status: "pending" }, select: { id: true } });
    expect((await post(queue.action, "/staff/review", {}, { intent: "bulk-approve" }, staffCookie)).status).toBe(400);
    expect((await post(queue.action, "/staff/review", {}, { intent: "bulk-approve", key: ["place:abc"] }, staffCookie)).status).toBe(400);
    const out = await post(queue.action, "/staff/review", {}, { intent: "bulk-approve", key: [`place:${a.id}`, `place:${b.id}`] }, staffCookie);
    expect(out.location).toBe("/staff/review?approved=2");
    expect(await prisma.place.findMany({ where: { id: { in: [a.id, b.id] } }, select: { status: true } })).toEqual([{ status: "published" }, { status: "published" }]);
    expect(await prisma.moderationDecision.count({ where: { entityType: "place", entityId: { in: [a.id, b.id] }, action: "publish", staffId: staff.id } })).toBe(2);
  });
});

describe("who may review", () => {
  it("a group's owner gets the 404 of a page that does not exist, and cannot decide", async () => {
    const place = await prisma.place.create({ data: { groupId, typeId: 1, name: "権限の居場所", nameKana: "けんげん", status: "pending" }, select: { id: true } });
    expect((await get(queue.loader, "/staff/review", {}, ownerCookie)).status).toBe(404);
    expect((await decide("place", place.id, "approve", "", ownerCookie)).status).toBe(404);
    expect((await prisma.place.findUniqueOrThrow({ where: { id: place.id } })).status).toBe("pending");
  });
});
