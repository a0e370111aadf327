import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { applyToShift, registerForEventDate } from "~/modules/participation/participation.server";
import { countSignups } from "~/modules/participation/organiser.server";
import { flattenRecord } from "~/utils/csv";
import * as root from "~/root";
import * as manageHome from "~/routes/manage._index";
import * as workspace from "~/routes/manage.groups.$groupId._index";
import * as myExport from "~/routes/me.export";
import { addMember, createEvent, createGroup, createOpening, createResident, createSession, daysFromNow } from "../support/factories";

// The organiser's workspace: groups first with what waits for them, each member's email setting, and the menus that
// offer the workspace only to members of a group.

const ORIGIN = "http://localhost:3000";
type Loader = (args: LoaderFunctionArgs) => unknown;

async function load<T>(loader: Loader, path: string, params: Record<string, string>, cookie: string): Promise<T> {
  return (await loader({ request: new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } }), params, context: {} })) as T;
}

async function groupWithSignups() {
  const owner = await createResident({ name: "代表 花子" });
  const group = await createGroup({ owner, name: "上広谷 見守りの会" });
  const opening = await createOpening(group, { title: "見守り訪問ボランティア", needsApproval: true });
  const event = await createEvent(group, { title: "上広谷 いきいき体操", registrationRequired: true, dates: [{ startsAt: daysFromNow(4) }, { startsAt: daysFromNow(-3) }] });
  const [a, b, c] = [await createResident(), await createResident(), await createResident()];
  await applyToShift({ userId: a.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
  await applyToShift({ userId: b.id, shiftId: opening.shiftIds[0]!, consent: true, message: "" });
  await registerForEventDate({ userId: c.id, eventDateId: event.dateIds[0]!, partySize: 2, consent: true });
  // A registration for a date already past is not "upcoming".
  await prisma.registration.create({ data: { eventDateId: event.dateIds[1]!, userId: a.id, status: "accepted", partySize: 1 } });
  return { owner, group, opening, event };
}

describe("what waits for the organisers", () => {
  it("counts pending applications per opening and upcoming registrations per event, and sums them per group", async () => {
    const { group, opening, event } = await groupWithSignups();
    const counts = await countSignups([group.id]);
    expect(counts.pendingByOpening.get(opening.id)).toBe(2);
    expect(counts.upcomingByEvent.get(event.id)).toBe(1);
    expect(counts.byGroup.get(group.id)).toEqual({ pending: 2, upcoming: 1 });
    expect((await countSignups([])).byGroup.size).toBe(0);
  });

  it("/manage lists the owner's groups with those counts; the group page has them per item and the member's email setting", async () => {
    const { owner, group, opening, event } = await groupWithSignups();
    const cookie = await createSession(owner);
    const home = await load<{ groups: { id: number; pending: number; upcoming: number }[] }>(manageHome.loader, "/manage", {}, cookie);
    expect(home.groups.find((g) => g.id === group.id)).toMatchObject({ pending: 2, upcoming: 1 });
    const ws = await load<{ signupNotice: string; events: { id: number; upcoming: number }[]; openings: { id: number; pending: number }[] }>(
      workspace.loader,
      `/manage/groups/${group.id}`,
      { groupId: String(group.id) },
      cookie,
    );
    expect(ws.signupNotice).toBe("each");
    expect(ws.openings.find((o) => o.id === opening.id)?.pending).toBe(2);
    expect(ws.events.find((e) => e.id === event.id)?.upcoming).toBe(1);
  });

  it("an editor changes their own email setting without JavaScript; an unknown choice is refused with 400 and changes nothing", async () => {
    const { owner, group } = await groupWithSignups();
    const editor = await createResident({ name: "編集 一郎" });
    await addMember(group, editor, "editor");
    const cookie = await createSession(editor);
    const post = async (fields: Record<string, string>) => {
      const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, [CLIENT_IP_HEADER]: "10.91.0.1" });
      try {
        const out = await workspace.action({ request: new Request(`${ORIGIN}/manage/groups/${group.id}`, { method: "POST", headers, body: new URLSearchParams(fields) }), params: { groupId: String(group.id) }, context: {} } as ActionFunctionArgs);
        return out as { init?: { status?: number } };
      } catch (error) {
        if (error instanceof Response) return { init: { status: error.status }, location: error.headers.get("Location") };
        throw error;
      }
    };
    const setting = (userId: number) => prisma.groupMember.findUniqueOrThrow({ where: { groupId_userId: { groupId: group.id, userId } }, select: { signupNotice: true } });
    expect(await post({ intent: "signup-notice", notice: "hourly" })).toMatchObject({ init: { status: 400 } });
    expect((await setting(editor.id)).signupNotice).toBe("each");
    expect(await post({ intent: "signup-notice", notice: "daily" })).toMatchObject({ init: { status: 302 } });
    expect((await setting(editor.id)).signupNotice).toBe("daily");
    expect((await setting(owner.id)).signupNotice).toBe("each");
  });
});

describe("the workspace is offered to members of a group only", () => {
  it("the header knows whether to show 団体の管理: members yes, other residents no", async () => {
    const { owner } = await groupWithSignups();
    const loner = await createResident();
    const header = async (cookie: string) => ((await load<Response>(root.loader, "/", {}, cookie)) as unknown as { data: { user: { manages: boolean } } }).data.user;
    expect((await header(await createSession(owner))).manages).toBe(true);
    expect((await header(await createSession(loner))).manages).toBe(false);
  });
});

describe("my data as CSV", () => {
  it("holds what the JSON holds, as item/value rows, for Excel (BOM, CRLF) with formulas made text", async () => {
    const resident = await createResident({ name: "=HYPERLINK(\"x\") 鶴ヶ島" });
    const cookie = await createSession(resident);
    const res = await load<Response>(myExport.loader, "/me/export?format=csv", {}, cookie);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toContain(".csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    expect(body).toContain("\r\n");
    expect(body).toContain(resident.email);
    expect(body).toContain(`'=HYPERLINK`);
    const json = JSON.parse(await (await load<Response>(myExport.loader, "/me/export", {}, cookie)).text()) as Record<string, unknown>;
    for (const [path] of flattenRecord(json).filter(([p]) => p !== "exportedAt")) expect(body).toContain(path);
  });

  it("flattens nested records with numbered lists", () => {
    expect(flattenRecord({ a: 1, b: { c: "x" }, d: [{ e: null }], f: [] })).toEqual([
      ["a", "1"],
      ["b.c", "x"],
      ["d[1].e", ""],
      ["f", ""],
    ]);
  });
});
