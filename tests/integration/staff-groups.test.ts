import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import * as groupsPage from "~/routes/staff.groups._index";
import * as groupPage from "~/routes/staff.groups.$groupId";
import * as workspace from "~/routes/manage.groups.$groupId._index";
import { loader as placesLoader } from "~/routes/places._index";
import { loader as placeLoader } from "~/routes/places.$id";
import { loader as eventsLoader } from "~/routes/events._index";
import { loader as eventLoader } from "~/routes/events.$id";
import { loader as volunteerLoader } from "~/routes/volunteer._index";
import { loader as openingLoader } from "~/routes/volunteer.$id";
import { callLoader } from "./helpers";
import { addMember, createEvent, createGroup, createOpening, createPlace, createResident, createSession, createStaff } from "../support/factories";

// Issue 10, groups: staff list every group with its status, open one, and decide on it through publishing's group
// transitions. Suspending a group takes its items off every public surface (list and detail checked here) and
// ends its members' sessions; lifting the suspension brings the items back. Each decision is audited.

const ORIGIN = "http://localhost:3000";
let ipCounter = 0;

type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;

async function post(action: Action, url: string, params: Record<string, string>, fields: Record<string, string>, cookie: string) {
  ipCounter += 1;
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "Accept-Language": "ja" });
  headers.set(CLIENT_IP_HEADER, `10.71.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`);
  try {
    const out = await action({ request: new Request(`${ORIGIN}${url}`, { method: "POST", headers, body: new URLSearchParams(fields) }), params, context: {} });
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), data: undefined };
    const init = (out as { init?: { status?: number } } | null)?.init;
    return { status: init?.status ?? 200, location: null, data: (init ? (out as { data: unknown }).data : out) as { result?: { error?: Record<string, string[]> } } };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location"), data: undefined };
    throw error;
  }
}

async function load<T>(loader: (args: LoaderFunctionArgs) => T, url: string, params: Record<string, string>, cookie: string): Promise<Awaited<T>> {
  return (await (loader as Loader)({ request: new Request(`${ORIGIN}${url}`, { headers: { Cookie: cookie, "Accept-Language": "ja" } }), params, context: {} })) as Awaited<T>;
}

async function opens(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof Response && error.status === 404) return false;
    throw error;
  }
}

const cookieRequest = (cookie: string) => new Request(`${ORIGIN}/me`, { headers: { Cookie: cookie } });

/** An approved group with two members signed in, and a published place, event and opening in a language of their own. */
async function groupWithItems() {
  const staff = await createStaff();
  const owner = await createResident();
  const editor = await createResident();
  const group = await createGroup({ name: "停止テスト 見守りの会", nameKana: "ていしてすと みまもりのかい", owner });
  await addMember(group, editor, "editor");
  const languages = ",vi,";
  const place = await createPlace(group, { name: "停止テストの居場所", languages });
  const event = await createEvent(group, { title: "停止テストの催し", languages });
  const opening = await createOpening(group, { title: "停止テストの募集", languages });
  return {
    staff,
    staffCookie: await createSession(staff, SESSION_POLICIES.STAFF),
    owner,
    ownerCookie: await createSession(owner),
    editorCookie: await createSession(editor),
    group,
    place,
    event,
    opening,
    url: `/staff/groups/${group.id}`,
    params: { groupId: String(group.id) },
  };
}

type Fixture = Awaited<ReturnType<typeof groupWithItems>>;

/** Whether each item shows on its public list and its detail page opens. */
async function publicView(fx: Fixture) {
  const [places, events, openings] = await Promise.all([
    callLoader(placesLoader, "/places?language=vi"),
    callLoader(eventsLoader, "/events?language=vi"),
    callLoader(volunteerLoader, "/volunteer?language=vi"),
  ]);
  return {
    placeList: places.items.some((p) => p.id === fx.place.id),
    placeDetail: await opens(() => callLoader(placeLoader, `/places/${fx.place.id}`, { id: String(fx.place.id) })),
    eventList: events.items.some((d) => d.eventId === fx.event.id),
    eventDetail: await opens(() => callLoader(eventLoader, `/events/${fx.event.id}`, { id: String(fx.event.id) })),
    openingList: openings.items.some((o) => o.id === fx.opening.id),
    openingDetail: await opens(() => callLoader(openingLoader, `/volunteer/${fx.opening.id}`, { id: String(fx.opening.id) })),
  };
}

const all = (value: boolean) => ({ placeList: value, placeDetail: value, eventList: value, eventDetail: value, openingList: value, openingDetail: value });

describe("staff suspend a group and lift the suspension", () => {
  it("suspending hides every item from lists and detail pages and ends the members' sessions; lifting restores the items", async () => {
    const fx = await groupWithItems();
    expect(await publicView(fx)).toEqual(all(true));
    expect(await getCurrentUser(cookieRequest(fx.ownerCookie))).not.toBeNull();

    const suspended = await post(groupPage.action, fx.url, fx.params, { intent: "suspend", reason: "苦情の確認のため一時停止します" }, fx.staffCookie);
    expect(suspended.status).toBe(303);
    expect(suspended.location).toBe(`/staff/groups/${fx.group.id}?done=suspend`);

    expect((await prisma.group.findUniqueOrThrow({ where: { id: fx.group.id }, select: { status: true } })).status).toBe("suspended");
    expect(await publicView(fx)).toEqual(all(false));
    // Both members' sessions are gone: their cookies no longer sign anyone in.
    expect(await prisma.session.count({ where: { userId: fx.owner.id } })).toBe(0);
    expect(await getCurrentUser(cookieRequest(fx.ownerCookie))).toBeNull();
    expect(await getCurrentUser(cookieRequest(fx.editorCookie))).toBeNull();
    // The staff member who decided is still signed in.
    expect(await getCurrentUser(cookieRequest(fx.staffCookie))).not.toBeNull();

    const audit = await prisma.auditLog.findMany({ where: { entityType: "group", entityId: fx.group.id }, orderBy: { id: "asc" }, select: { action: true, actorId: true, detail: true } });
    expect(audit.map((a) => a.action)).toEqual(["group.suspend", "group.sessions-ended"]);
    expect(audit.every((a) => a.actorId === fx.staff.id)).toBe(true);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ reason: "苦情の確認のため一時停止します" });
    expect(JSON.parse(audit[1]!.detail)).toMatchObject({ reason: "苦情の確認のため一時停止します", members: 2, sessions: 2 });

    // Signed in again, the owner finds a read-only workspace (issue 8): the page opens, changes are refused.
    const again = await createSession(fx.owner);
    expect(await opens(() => load(workspace.loader, `/manage/groups/${fx.group.id}`, fx.params, again))).toBe(true);
    expect((await post(workspace.action, `/manage/groups/${fx.group.id}`, fx.params, {}, again)).status).toBe(403);

    // The group's page shows the decision with the staff member's name, when and why.
    const page = await load(groupPage.loader, `${fx.url}?done=suspend`, fx.params, fx.staffCookie);
    expect(page.group.decisions[0]).toMatchObject({ action: "suspend", reason: "苦情の確認のため一時停止します", staff: fx.staff.name });
    expect(page.done).toBe("people.groups.done.suspend");
    expect(page.group.steps).toEqual(["unsuspend"]);

    const lifted = await post(groupPage.action, fx.url, fx.params, { intent: "unsuspend", reason: "確認が終わりました" }, fx.staffCookie);
    expect(lifted.status).toBe(303);
    expect(await publicView(fx)).toEqual(all(true));
    const decisions = await prisma.moderationDecision.findMany({ where: { entityType: "group", entityId: fx.group.id }, orderBy: { id: "asc" }, select: { action: true, staffId: true } });
    expect(decisions).toEqual([
      { action: "suspend", staffId: fx.staff.id },
      { action: "unsuspend", staffId: fx.staff.id },
    ]);
    expect(await prisma.auditLog.count({ where: { entityType: "group", entityId: fx.group.id, action: "group.unsuspend", actorId: fx.staff.id } })).toBe(1);
  });

  it("suspending without a reason is a 400 that changes nothing", async () => {
    const fx = await groupWithItems();
    const answer = await post(groupPage.action, fx.url, fx.params, { intent: "suspend", reason: "  " }, fx.staffCookie);
    expect(answer.status).toBe(400);
    expect(answer.data?.result?.error?.reason).toEqual(["people.groups.errors.reasonRequired"]);
    expect((await prisma.group.findUniqueOrThrow({ where: { id: fx.group.id }, select: { status: true } })).status).toBe("approved");
    expect(await getCurrentUser(cookieRequest(fx.ownerCookie))).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { entityType: "group", entityId: fx.group.id } })).toBe(0);
  });

  it("a step the group's status does not allow (lifting an approved group) is a 400; an unknown step too", async () => {
    const fx = await groupWithItems();
    const lift = await post(groupPage.action, fx.url, fx.params, { intent: "unsuspend", reason: "" }, fx.staffCookie);
    expect(lift.status).toBe(400);
    expect(lift.data?.result?.error?.[""]).toEqual(["people.groups.errors.notAllowed"]);
    expect((await post(groupPage.action, fx.url, fx.params, { intent: "delete", reason: "x" }, fx.staffCookie)).status).toBe(400);
    expect(await prisma.moderationDecision.count({ where: { entityType: "group", entityId: fx.group.id } })).toBe(0);
  });

  it("approving a pending group and sending one back go through the same page, each with its decision", async () => {
    const staff = await createStaff();
    const cookie = await createSession(staff, SESSION_POLICIES.STAFF);
    const waiting = await createGroup({ name: "承認待ちの会", nameKana: "しょうにんまちのかい", status: "pending" });
    const other = await createGroup({ name: "差し戻しの会", nameKana: "さしもどしのかい", status: "pending" });
    expect((await post(groupPage.action, `/staff/groups/${waiting.id}`, { groupId: String(waiting.id) }, { intent: "approve", reason: "" }, cookie)).status).toBe(303);
    expect((await post(groupPage.action, `/staff/groups/${other.id}`, { groupId: String(other.id) }, { intent: "reject", reason: "" }, cookie)).status).toBe(400);
    expect((await post(groupPage.action, `/staff/groups/${other.id}`, { groupId: String(other.id) }, { intent: "reject", reason: "活動内容を詳しく書いてください" }, cookie)).status).toBe(303);
    const statuses = await prisma.group.findMany({ where: { id: { in: [waiting.id, other.id] } }, select: { id: true, status: true }, orderBy: { id: "asc" } });
    expect(statuses.map((g) => g.status)).toEqual(["approved", "rejected"]);
    expect(await prisma.auditLog.count({ where: { actorId: staff.id, action: { in: ["group.approve", "group.reject"] } } })).toBe(2);
  });

  it("an unknown group is a 404 for staff", async () => {
    const staff = await createStaff();
    const cookie = await createSession(staff, SESSION_POLICIES.STAFF);
    const status = await load(groupPage.loader, "/staff/groups/999999", { groupId: "999999" }, cookie).then(
      () => 200,
      (e: unknown) => (e instanceof Response ? e.status : 500),
    );
    expect(status).toBe(404);
  });
});

describe("staff list groups", () => {
  it("filters by status and name (either kana script), counts members and items, and puts the oldest pending group first", async () => {
    const staff = await createStaff();
    const cookie = await createSession(staff, SESSION_POLICIES.STAFF);
    const owner = await createResident();
    const older = await createGroup({ name: "一覧テスト 古い申請の会", nameKana: "いちらんてすと ふるいしんせいのかい", status: "pending", owner, createdAt: new Date(Date.now() - 5 * 86_400_000) });
    const newer = await createGroup({ name: "一覧テスト 新しい申請の会", nameKana: "いちらんてすと あたらしいしんせいのかい", status: "pending", createdAt: new Date(Date.now() - 86_400_000) });
    const approved = await createGroup({ name: "一覧テスト 承認済みの会", nameKana: "いちらんてすと しょうにんずみのかい", owner });
    await createPlace(approved, { name: "一覧テストの居場所" });
    await createEvent(approved, { title: "一覧テストの催し" });

    const list = await load(groupsPage.loader, `/staff/groups?q=${encodeURIComponent("イチランテスト")}`, {}, cookie);
    expect(list.groups.map((g) => g.id)).toEqual([older.id, newer.id, approved.id]);
    expect(list.groups.find((g) => g.id === approved.id)).toMatchObject({ status: "approved", members: 1, items: 2 });
    expect(list.groups.find((g) => g.id === older.id)).toMatchObject({ status: "pending", members: 1, items: 0 });

    const pendingOnly = await load(groupsPage.loader, `/staff/groups?status=pending&q=${encodeURIComponent("一覧テスト")}`, {}, cookie);
    expect(pendingOnly.groups.map((g) => g.id)).toEqual([older.id, newer.id]);
    // An unknown status is no filter; wildcards in the words match nothing special.
    expect((await load(groupsPage.loader, `/staff/groups?status=bogus&q=${encodeURIComponent("一覧テスト")}`, {}, cookie)).groups).toHaveLength(3);
    expect((await load(groupsPage.loader, `/staff/groups?q=${encodeURIComponent("%")}`, {}, cookie)).groups).toHaveLength(0);
  });
});
