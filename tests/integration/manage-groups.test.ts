import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { openEmail } from "~/modules/email/outbox.server";
import * as manageHome from "~/routes/manage._index";
import * as invitePage from "~/routes/manage.invite";
import * as workspace from "~/routes/manage.groups.$groupId._index";
import * as profile from "~/routes/manage.groups.$groupId.profile";
import { actionAnswer, uniqueEmail } from "../support/auth";
import { addMember, createResident, createSession } from "../support/factories";

// Registering a group and managing its members. Every group here is registered fresh, so the seeded groups
// (used by other tests in the same worker) keep their owners.

type Fields = Record<string, string>;
type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;
type Data = { result?: { error?: Record<string, string[] | null> }; memberError?: string; inviteLink?: string };

const ORIGIN = "http://localhost:3000";
let ip = 0;

async function submit(action: Action, url: string, params: Record<string, string>, fields: Fields, cookie?: string) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  ip += 1;
  headers.set(CLIENT_IP_HEADER, `10.78.${Math.floor(ip / 250)}.${(ip % 250) + 1}`);
  if (cookie) headers.set("Cookie", cookie);
  try {
    const out = await action({ request: new Request(`${ORIGIN}${url}`, { method: "POST", headers, body: new URLSearchParams(fields) }), params, context: {} });
    if (out instanceof Response) return { response: out, data: undefined, status: out.status };
    const answer = actionAnswer(out);
    return { response: undefined, data: answer.data as Data, status: answer.status };
  } catch (error) {
    if (error instanceof Response) return { response: error, data: undefined, status: error.status };
    throw error;
  }
}

async function load(loader: Loader, url: string, params: Record<string, string>, cookie?: string) {
  try {
    const data = await loader({ request: new Request(`${ORIGIN}${url}`, { headers: cookie ? { Cookie: cookie } : {} }), params, context: {} });
    return { status: 200, data: data as Record<string, unknown> };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, data: undefined, location: error.headers.get("Location") };
    throw error;
  }
}

const location = (out: { response?: Response }) => out.response?.headers.get("Location") ?? "";

function groupFields(extra: Fields = {}): Fields {
  return {
    intent: "register",
    name: "鶴ヶ島 試験の会",
    nameKana: "ツルガシマ シケンノカイ",
    kind: "市民活動団体",
    description: "テストのための団体です。",
    contactName: "試験 花子",
    contactEmail: "Ｔｅｓｔ＠Example.JP",
    contactPhone: "０４９‐２８６‐１２３４",
    website: "https://example.jp/kai",
    ...extra,
  };
}

/** A fresh user who registered a group (pending) and owns it. */
async function registeredGroup() {
  const user = await createResident();
  const cookie = await createSession(user);
  const out = await submit(manageHome.action, "/manage", {}, groupFields(), cookie);
  const groupId = Number(/\/manage\/groups\/(\d+)/.exec(location(out))?.[1]);
  expect(groupId).toBeGreaterThan(0);
  return { user, cookie, groupId, params: { groupId: String(groupId) }, url: `/manage/groups/${groupId}` };
}

/** A registered group that staff have approved: only approved groups send invitations. */
async function approvedGroup() {
  const g = await registeredGroup();
  await prisma.group.update({ where: { id: g.groupId }, data: { status: "approved", approvedAt: new Date() } });
  return g;
}

async function newMember(groupId: number, role: "owner" | "editor") {
  const user = await createResident();
  await addMember({ id: groupId }, user, role);
  return { user, cookie: await createSession(user) };
}

describe("/manage: my groups and registering a group", () => {
  it("lists the signed-in user's groups with their status", async () => {
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: "owner@example.jp" }, select: { id: true } });
    const page = await load(manageHome.loader, "/manage", {}, await createSession(owner));
    expect((page.data as { groups: unknown[] }).groups).toContainEqual(expect.objectContaining({ id: 1, name: expect.any(String), status: "approved", role: "owner" }));
    const anonymous = await load(manageHome.loader, "/manage", {});
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Fmanage");
  });

  it("registers a pending group with the user as its owner; status and ids in the form are ignored; inputs are normalised", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const out = await submit(manageHome.action, "/manage", {}, groupFields({ status: "approved", approvedAt: "2020-01-01", id: "1", role: "owner" }), cookie);
    expect(location(out)).toMatch(/^\/manage\/groups\/\d+\?registered=1$/);
    const groupId = Number(/groups\/(\d+)/.exec(location(out))![1]);
    expect(groupId).not.toBe(1);
    const group = await prisma.group.findUniqueOrThrow({ where: { id: groupId }, include: { members: true } });
    expect(group).toMatchObject({
      status: "pending",
      approvedAt: null,
      nameKana: "つるがしま しけんのかい",
      contactEmail: "test@example.jp",
      contactPhone: "049-286-1234",
      website: "https://example.jp/kai",
    });
    expect(group.members).toEqual([expect.objectContaining({ userId: user.id, role: "owner" })]);
    const page = await load(manageHome.loader, "/manage", {}, cookie);
    expect((page.data as { groups: unknown[] }).groups).toEqual([{ id: groupId, name: "鶴ヶ島 試験の会", status: "pending", role: "owner", pending: 0, upcoming: 0 }]);
    // The new group's workspace opens for its owner while it is pending.
    expect((await load(workspace.loader, `/manage/groups/${groupId}`, { groupId: String(groupId) }, cookie)).status).toBe(200);
  });

  it("refuses a javascript: website, a missing name and an unknown kind, creating nothing", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const before = await prisma.group.count();
    const out = await submit(manageHome.action, "/manage", {}, groupFields({ website: "javascript:alert(1)", name: "  ", kind: "秘密結社" }), cookie);
    expect(out.data?.result?.error).toMatchObject({ website: ["manage.errors.url"], name: ["errors.required"], kind: ["errors.invalidChoice"] });
    expect(out.status).toBe(400);
    expect(await prisma.group.count()).toBe(before);
  });

  it("one account cannot queue more than three groups for review", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    for (let i = 0; i < 3; i += 1) expect(location(await submit(manageHome.action, "/manage", {}, groupFields({ name: `試験の会 ${i}` }), cookie))).toMatch(/registered=1/);
    const fourth = await submit(manageHome.action, "/manage", {}, groupFields({ name: "試験の会 4" }), cookie);
    expect(fourth.data?.result?.error?.[""]).toEqual(["manage.errors.tooManyPending"]);
  });
});

describe("workspace access", () => {
  it("a resident who is not a member gets 404 on the workspace and its profile; an editor sees the workspace but not owner pages", async () => {
    const g = await registeredGroup();
    const stranger = await createSession(await createResident());
    expect((await load(workspace.loader, g.url, g.params, stranger)).status).toBe(404);
    expect((await submit(workspace.action, g.url, g.params, { intent: "leave" }, stranger)).response?.status).toBe(404);
    expect((await load(profile.loader, `${g.url}/profile`, g.params, stranger)).status).toBe(404);

    const editor = await newMember(g.groupId, "editor");
    const home = await load(workspace.loader, g.url, g.params, editor.cookie);
    expect(home.status).toBe(200);
    expect(home.data).toMatchObject({ role: "editor", invites: [] });
    // Members see names and roles, never each other's email addresses.
    expect(JSON.stringify(home.data)).not.toContain("@");
    expect((await load(profile.loader, `${g.url}/profile`, g.params, editor.cookie)).status).toBe(404);
    const invite = await submit(workspace.action, g.url, g.params, { intent: "invite", email: uniqueEmail("x"), role: "owner" }, editor.cookie);
    expect(invite.response?.status).toBe(404);
    const remove = await submit(workspace.action, g.url, g.params, { intent: "remove-member", userId: String(g.user.id) }, editor.cookie);
    expect(remove.response?.status).toBe(404);
    expect(await prisma.groupMember.count({ where: { groupId: g.groupId } })).toBe(2);
  });

  it("the owner edits the group profile; status cannot be set from the form", async () => {
    const g = await registeredGroup();
    const out = await submit(profile.action, `${g.url}/profile`, g.params, groupFields({ intent: "save", name: "鶴ヶ島 試験の会（新）", status: "approved" }), g.cookie);
    expect(location(out)).toBe(`${g.url}?saved=1`);
    expect(await prisma.group.findUniqueOrThrow({ where: { id: g.groupId }, select: { name: true, status: true } })).toEqual({ name: "鶴ヶ島 試験の会（新）", status: "pending" });
  });
});

describe("members: invitations, leaving, handing over (at least one owner always remains)", () => {
  it("an invitation stores only the SHA-256 of its token and works once, for the invited address only", async () => {
    const g = await approvedGroup();
    const invitee = await createResident({ email: uniqueEmail("invitee") });
    const out = await submit(workspace.action, g.url, g.params, { intent: "invite", email: invitee.email.toUpperCase(), role: "editor" }, g.cookie);
    const link = out.data?.inviteLink ?? "";
    expect(link).toMatch(/^http:\/\/localhost:3000\/manage\/invite\?token=[A-Za-z0-9_-]{40,}$/);
    const token = new URL(link).searchParams.get("token")!;
    const row = await prisma.groupInvite.findFirstOrThrow({ where: { groupId: g.groupId } });
    expect(row).toMatchObject({ email: invitee.email, role: "editor", acceptedAt: null, tokenHash: crypto.createHash("sha256").update(token).digest("hex") });
    expect(JSON.stringify(row)).not.toContain(token);
    // The invitation is mailed (through the outbox, in the invitee's language) with the same link.
    const mail = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: invitee.email, template: "group-invite" } });
    // The link is sealed at rest and filled in when sent; the group's name stays out of the subject (issue 8).
    expect(mail.textBody).not.toContain(token);
    expect(openEmail(mail)?.textBody).toContain(link);
    expect(mail.subject).not.toContain("鶴ヶ島 試験の会");
    expect(mail.textBody).toContain("鶴ヶ島 試験の会");

    // Someone else signed in cannot use the link.
    const other = await createSession(await createResident());
    expect((await load(invitePage.loader, `/manage/invite?token=${token}`, {}, other)).data).toMatchObject({ invite: null });
    expect(location(await submit(invitePage.action, "/manage/invite", {}, { token }, other))).toBe("/manage?invite=invalid");

    const cookie = await createSession(invitee);
    expect((await load(invitePage.loader, `/manage/invite?token=${token}`, {}, cookie)).data).toMatchObject({ invite: { role: "editor" } });
    expect(location(await submit(invitePage.action, "/manage/invite", {}, { token }, cookie))).toBe(`${g.url}?joined=1`);
    expect(await prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: g.groupId, userId: invitee.id } }, select: { role: true } })).toEqual({ role: "editor" });
    // A second use finds nothing.
    expect(location(await submit(invitePage.action, "/manage/invite", {}, { token }, cookie))).toBe("/manage?invite=invalid");
  });

  it("an invitation shows on the invitee's /manage and is accepted there; another user's invitation id is refused", async () => {
    const g = await approvedGroup();
    const invitee = await createResident({ email: uniqueEmail("listed") });
    await submit(workspace.action, g.url, g.params, { intent: "invite", email: invitee.email, role: "owner" }, g.cookie);
    const cookie = await createSession(invitee);
    const page = await load(manageHome.loader, "/manage", {}, cookie);
    const invites = (page.data as { invites: { id: number; groupId: number; role: string }[] }).invites;
    expect(invites).toEqual([expect.objectContaining({ groupId: g.groupId, role: "owner" })]);

    const thief = await createSession(await createResident());
    expect(location(await submit(manageHome.action, "/manage", {}, { intent: "accept-invite", inviteId: String(invites[0]!.id) }, thief))).toBe("/manage?invite=invalid");
    expect(location(await submit(manageHome.action, "/manage", {}, { intent: "accept-invite", inviteId: String(invites[0]!.id) }, cookie))).toBe(`${g.url}?joined=1`);
    expect(await prisma.groupMember.count({ where: { groupId: g.groupId, role: "owner" } })).toBe(2);
  });

  it("the only owner cannot leave or step down; after handing over, the former owner is an editor and can leave", async () => {
    const g = await registeredGroup();
    const leave = await submit(workspace.action, g.url, g.params, { intent: "leave" }, g.cookie);
    expect(leave.data?.memberError).toBe("manage.errors.lastOwner");
    const editor = await newMember(g.groupId, "editor");
    // Removing yourself goes through "leave"; removing the other member is fine.
    expect((await submit(workspace.action, g.url, g.params, { intent: "remove-member", userId: String(g.user.id) }, g.cookie)).data?.memberError).toBe("manage.errors.useLeave");

    expect(location(await submit(workspace.action, g.url, g.params, { intent: "transfer-ownership", userId: String(editor.user.id) }, g.cookie))).toBe(`${g.url}?members=1`);
    const roles = await prisma.groupMember.findMany({ where: { groupId: g.groupId }, select: { userId: true, role: true }, orderBy: { userId: "asc" } });
    expect(roles).toEqual([
      { userId: g.user.id, role: "editor" },
      { userId: editor.user.id, role: "owner" },
    ]);
    // The new owner cannot make themselves an editor while they are the only owner.
    const stepDown = await submit(workspace.action, g.url, g.params, { intent: "leave" }, editor.cookie);
    expect(stepDown.data?.memberError).toBe("manage.errors.lastOwner");
    expect(location(await submit(workspace.action, g.url, g.params, { intent: "leave" }, g.cookie))).toBe("/manage?left=1");
    expect(await prisma.groupMember.findMany({ where: { groupId: g.groupId }, select: { userId: true, role: true } })).toEqual([{ userId: editor.user.id, role: "owner" }]);
  });

  it("an owner removes a member; a user id from another group is refused", async () => {
    const g = await registeredGroup();
    const editor = await newMember(g.groupId, "editor");
    const outsider = await createResident();
    const refused = await submit(workspace.action, g.url, g.params, { intent: "remove-member", userId: String(outsider.id) }, g.cookie);
    expect(refused.data?.memberError).toBe("errors.invalidChoice");
    expect(location(await submit(workspace.action, g.url, g.params, { intent: "remove-member", userId: String(editor.user.id) }, g.cookie))).toBe(`${g.url}?members=1`);
    expect(await prisma.groupMember.count({ where: { groupId: g.groupId } })).toBe(1);
  });

  it("group B's owner cannot change group A's members", async () => {
    const ownerB = await prisma.user.findUniqueOrThrow({ where: { email: "owner2@example.jp" }, select: { id: true } });
    const cookie = await createSession(ownerB);
    const before = await prisma.groupMember.findMany({ where: { groupId: 1 }, orderBy: { userId: "asc" } });
    const attempts: Fields[] = [
      { intent: "invite", email: "owner2@example.jp", role: "owner" },
      { intent: "remove-member", userId: String(before[0]!.userId) },
      { intent: "transfer-ownership", userId: String(ownerB.id) },
      { intent: "leave" },
    ];
    for (const fields of attempts) {
      expect((await submit(workspace.action, "/manage/groups/1", { groupId: "1" }, fields, cookie)).response?.status).toBe(404);
    }
    expect(await prisma.groupMember.findMany({ where: { groupId: 1 }, orderBy: { userId: "asc" } })).toEqual(before);
    expect(await prisma.groupInvite.count({ where: { groupId: 1 } })).toBe(0);
  });
});
