import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import * as workspace from "~/routes/manage.groups.$groupId._index";
import * as profile from "~/routes/manage.groups.$groupId.profile";
import * as newPlace from "~/routes/manage.groups.$groupId.places.new";
import * as applicants from "~/routes/manage.groups.$groupId.openings.$openingId_.applicants";
import * as editOpening from "~/routes/manage.groups.$groupId.openings.$openingId";
import * as applicantsCsv from "~/routes/manage.groups.$groupId.openings.$openingId_.applicants[.]csv";
import { uniqueEmail } from "../support/auth";
import { createGroup, createOpening, createResident, createSession, daysFromNow } from "../support/factories";

// Item 5 of the security review: a group's status and a member's role decide what its workspace may do
// (canActForGroup). A suspended group's workspace is read-only; a pending group prepares drafts and its profile
// but reaches nobody (no invitations, messages or exports) until staff approve it; invitations are rate-limited.

type Fields = Record<string, string>;
type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;

const ORIGIN = "http://localhost:3000";
let ip = 0;

async function submit(action: Action, url: string, params: Record<string, string>, fields: Fields, cookie: string, lang = "ja") {
  ip += 1;
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: `${cookie}; lang=${lang}`, "Accept-Language": lang });
  headers.set(CLIENT_IP_HEADER, `10.93.${Math.floor(ip / 250)}.${(ip % 250) + 1}`);
  try {
    const out = await action({ request: new Request(`${ORIGIN}${url}`, { method: "POST", headers, body: new URLSearchParams(fields) }), params, context: {} });
    if (out instanceof Response) return { status: out.status, response: out, data: undefined };
    const init = (out as { init?: { status?: number; headers?: HeadersInit } } | null)?.init;
    const payload = init ? (out as { data: unknown }).data : out;
    return { status: init?.status ?? 200, response: undefined, headers: new Headers(init?.headers), data: payload as Record<string, unknown> };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, response: error, data: undefined };
    throw error;
  }
}

async function load(loader: Loader, url: string, params: Record<string, string>, cookie: string) {
  try {
    const out = await loader({ request: new Request(`${ORIGIN}${url}`, { headers: { Cookie: cookie, "Accept-Language": "ja" } }), params, context: {} });
    if (out instanceof Response) return { status: out.status, response: out, data: undefined };
    return { status: 200, response: undefined, data: out as Record<string, unknown> };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, response: error, data: undefined };
    throw error;
  }
}

const groupProfile = {
  name: "状態テストの会",
  nameKana: "じょうたいてすとのかい",
  kind: "市民活動団体",
  contactName: "試験 花子",
  contactEmail: "jotai@example.jp",
} satisfies Fields;

/** A group in `status` with an owner, an opening with one shift and one consenting applicant. */
async function groupWith(status: "approved" | "pending" | "suspended") {
  const owner = await createResident();
  const applicant = await createResident({ email: uniqueEmail("applicant") });
  const group = await createGroup({ ...groupProfile, status, owner });
  const opening = await createOpening(group, { title: "状態テストの募集", shifts: [{ startsAt: daysFromNow(7), acceptedCount: 1 }] });
  await prisma.application.create({
    data: { shiftId: opening.shiftIds[0]!, userId: applicant.id, status: "accepted", consentToShareContact: true, consentAt: new Date(), message: "よろしくお願いします" },
  });
  const url = `/manage/groups/${group.id}`;
  return {
    groupId: group.id,
    owner,
    applicant,
    cookie: await createSession(owner),
    params: { groupId: String(group.id) },
    url,
    openingId: opening.id,
    shiftId: opening.shiftIds[0]!,
    applicantsUrl: `${url}/openings/${opening.id}/applicants`,
    openingParams: { groupId: String(group.id), openingId: String(opening.id) },
  };
}

async function mailsTo(address: string) {
  return prisma.emailOutbox.count({ where: { toAddress: address } });
}

describe("a suspended group's workspace is read-only", () => {
  it("opens with a translated read-only notice, but shows no contacts and sends, exports and changes nothing", async () => {
    const g = await groupWith("suspended");
    const home = await load(workspace.loader, g.url, g.params, g.cookie);
    expect(home.status).toBe(200);
    expect(home.data).toMatchObject({ group: { status: "suspended" }, can: { "edit-items": false, "invite-members": false, "message-volunteers": false, "export-contacts": false } });

    // Item pages open too, and carry the group's status for their read-only notice.
    const item = await load(editOpening.loader, `${g.url}/openings/${g.openingId}`, g.openingParams, g.cookie);
    expect(item.data).toMatchObject({ group: { status: "suspended" } });
    const page = await load(applicants.loader, g.applicantsUrl, g.openingParams, g.cookie);
    expect(page.status).toBe(200);
    const json = JSON.stringify(page.data);
    expect(json).not.toContain(g.applicant.email);
    expect(json).not.toContain("よろしくお願いします");

    const csv = await load(applicantsCsv.loader, `${g.applicantsUrl}.csv`, g.openingParams, g.cookie);
    expect(csv.status).toBe(403);
    const text = await csv.response!.text();
    expect(text).toContain("閲覧のみ");
    expect(text).not.toContain(g.applicant.email);

    const before = await mailsTo(g.applicant.email);
    const message = await submit(applicants.action, g.applicantsUrl, g.openingParams, { intent: "message", shiftId: String(g.shiftId), message: "明日は中止です" }, g.cookie);
    expect(message.status).toBe(403);
    expect(await mailsTo(g.applicant.email)).toBe(before);

    const invitee = uniqueEmail("invitee");
    const invite = await submit(workspace.action, g.url, g.params, { intent: "invite", email: invitee, role: "editor" }, g.cookie);
    expect(invite.status).toBe(403);
    expect(await prisma.groupInvite.count({ where: { groupId: g.groupId } })).toBe(0);
    expect(await mailsTo(invitee)).toBe(0);

    const place = await submit(newPlace.action, `${g.url}/places/new`, g.params, { intent: "save", name: "停止中の居場所" }, g.cookie);
    expect(place.status).toBe(403);
    const renamed = await submit(profile.action, `${g.url}/profile`, g.params, { ...groupProfile, intent: "save", name: "名前を変えた会" }, g.cookie);
    expect(renamed.status).toBe(403);
    expect(await prisma.group.findUniqueOrThrow({ where: { id: g.groupId }, select: { name: true } })).toEqual({ name: groupProfile.name });
    const decided = await submit(applicants.action, g.applicantsUrl, g.openingParams, { applicationId: "1", decision: "decline" }, g.cookie);
    expect(decided.status).toBe(403);
    expect(await prisma.application.findFirstOrThrow({ where: { shiftId: g.shiftId }, select: { status: true } })).toEqual({ status: "accepted" });
  });
});

describe("a pending group prepares, but reaches nobody until it is approved", () => {
  it("saves its profile and a draft place; invitations, messages and exports are refused with a translated reason", async () => {
    const g = await groupWith("pending");
    const renamed = await submit(profile.action, `${g.url}/profile`, g.params, { ...groupProfile, intent: "save", name: "準備中の会" }, g.cookie);
    expect(renamed.response?.headers.get("Location")).toBe(`${g.url}?saved=1`);

    const invitee = uniqueEmail("invitee");
    const subject = "社協より給付金のご案内 https://evil.example/kyufu 至急";
    await prisma.group.update({ where: { id: g.groupId }, data: { name: subject } });
    const invite = await submit(workspace.action, g.url, g.params, { intent: "invite", email: invitee, role: "editor" }, g.cookie);
    expect(invite.status).toBe(403);
    expect(await invite.response!.text()).toContain("承認されるまで");
    expect(await prisma.emailOutbox.count({ where: { subject: { contains: "evil.example" } } })).toBe(0);
    expect(await prisma.groupInvite.count({ where: { groupId: g.groupId } })).toBe(0);

    const english = await submit(workspace.action, g.url, g.params, { intent: "invite", email: invitee, role: "editor" }, g.cookie, "en");
    expect(await english.response!.text()).toContain("until the group is approved");

    const csv = await load(applicantsCsv.loader, `${g.applicantsUrl}.csv`, g.openingParams, g.cookie);
    expect(csv.status).toBe(403);
    const message = await submit(applicants.action, g.applicantsUrl, g.openingParams, { intent: "message", shiftId: String(g.shiftId), message: "ご案内" }, g.cookie);
    expect(message.status).toBe(403);
    expect(await mailsTo(g.applicant.email)).toBe(0);
    const home = await load(workspace.loader, g.url, g.params, g.cookie);
    expect(home.data).toMatchObject({ can: { "edit-items": true, "edit-profile": true, "invite-members": false, "export-contacts": false, "message-volunteers": false } });
  });
});

describe("invitations are rate-limited like every other outgoing email", () => {
  it("per group: past the limit the owner gets 429 with Retry-After and a translated form error; nothing is queued", async () => {
    const g = await groupWith("approved");
    const sent: string[] = [];
    let refused: Awaited<ReturnType<typeof submit>> | undefined;
    let refusedEmail = "";
    for (let i = 0; i < 30 && !refused; i += 1) {
      const email = uniqueEmail("rl-invitee");
      const out = await submit(workspace.action, g.url, g.params, { intent: "invite", email, role: "editor" }, g.cookie);
      if (out.status === 429) {
        refused = out;
        refusedEmail = email;
      } else {
        expect(out.data?.inviteLink).toBeTruthy();
        sent.push(email);
      }
    }
    expect(refused, "an owner can send invitations without limit").toBeTruthy();
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(Number(refused!.headers?.get("Retry-After"))).toBeGreaterThan(0);
    expect(JSON.stringify(refused!.data)).toContain("manage.errors.tooManyInvites");
    expect(await mailsTo(refusedEmail)).toBe(0);
    expect(await prisma.groupInvite.count({ where: { groupId: g.groupId } })).toBe(sent.length);
  });

  it("per sender: an owner of several groups cannot get around the limit by switching groups", async () => {
    const owner = await createResident();
    const cookie = await createSession(owner);
    let total = 0;
    let refusedAt: number | null = null;
    for (let n = 0; n < 15 && refusedAt === null; n += 1) {
      const group = await createGroup({ ...groupProfile, owner });
      // Two invitations per group stay far below any per-group limit.
      for (let i = 0; i < 2 && refusedAt === null; i += 1) {
        const out = await submit(workspace.action, `/manage/groups/${group.id}`, { groupId: String(group.id) }, { intent: "invite", email: uniqueEmail("rl-sender"), role: "editor" }, cookie);
        if (out.status === 429) refusedAt = total;
        else total += 1;
      }
    }
    expect(refusedAt, "one sender invited through many groups without limit").not.toBeNull();
  });
});
