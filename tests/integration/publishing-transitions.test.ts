import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { searchEverything } from "~/modules/discovery/search.server";
import { NO_FILTERS } from "~/modules/listing/filters";
import { GROUP_STATUS, ITEM_STATUS, PUBLIC_KINDS, type PublicKind } from "~/modules/publishing/visibility";
import { GROUP_TRANSITIONS, ITEM_TRANSITIONS, type GroupTransition, type ItemTransition } from "~/modules/publishing/status";
import { approveGroup, publishItem, rejectItem, transitionGroup, transitionItem } from "~/modules/publishing/transitions.server";
import { changeEventStatus } from "~/modules/events/commands.server";
import { changeOpeningStatus } from "~/modules/volunteering/commands.server";
import { changePlaceStatus } from "~/modules/places/commands.server";
import * as newOpening from "~/routes/manage.groups.$groupId.openings.new";
import * as editOpening from "~/routes/manage.groups.$groupId.openings.$openingId";
import { createResident, createSession, createStaff } from "../support/factories";

// The lifecycle steps of publishing/transitions.server.ts: each accepts exactly the from-states of its row in
// status.ts and refuses the rest without writing anything; a step that happens records who did it and why, brings
// the search index in line and drops cached public pages. Organiser buttons (submit, withdraw, archive) take the
// same steps.

const ALL_ITEM_STATUSES = Object.values(ITEM_STATUS);
const ALL_GROUP_STATUSES = Object.values(GROUP_STATUS);

let staffId = 0;
let ownerId = 0;
let ownerCookie = "";
let groupId = 0;
let otherGroupId = 0;
let typeId = 0;

const cacheEpoch = () => globalThis.__tsunaguCacheEpoch ?? 0;
const unique = (label: string) => `${label}${crypto.randomBytes(3).toString("hex")}`;

async function newItem(kind: PublicKind, status: string, name = unique("遷移テスト")) {
  const base = { groupId, status, languages: ",ja," };
  switch (kind) {
    case "place":
      return (await prisma.place.create({ data: { ...base, typeId, name, nameKana: "せんいてすと" }, select: { id: true } })).id;
    case "event":
      return (await prisma.event.create({ data: { ...base, title: name }, select: { id: true } })).id;
    case "opening":
      return (await prisma.opening.create({ data: { ...base, title: name }, select: { id: true } })).id;
  }
}

async function statusOf(kind: PublicKind, id: number) {
  const where = { where: { id }, select: { status: true } };
  switch (kind) {
    case "place":
      return (await prisma.place.findUniqueOrThrow(where)).status;
    case "event":
      return (await prisma.event.findUniqueOrThrow(where)).status;
    case "opening":
      return (await prisma.opening.findUniqueOrThrow(where)).status;
  }
}

const auditOf = (entityType: string, entityId: number) =>
  prisma.auditLog.findMany({ where: { entityType, entityId }, select: { actorId: true, action: true, detail: true }, orderBy: { id: "asc" } });

const needsReason = (step: string) => ["reject", "hide", "suspend"].includes(step);

beforeAll(async () => {
  staffId = (await createStaff()).id;
  const owner = await createResident();
  ownerId = owner.id;
  ownerCookie = await createSession(owner);
  const group = await prisma.group.create({
    data: { name: "遷移テストの会", nameKana: "せんいてすとのかい", status: GROUP_STATUS.approved, members: { create: { userId: owner.id, role: "owner" } } },
    select: { id: true },
  });
  groupId = group.id;
  otherGroupId = (await prisma.group.create({ data: { name: "よその会", nameKana: "よそのかい", status: GROUP_STATUS.approved }, select: { id: true } })).id;
  typeId = (await prisma.placeType.findFirstOrThrow({ select: { id: true } })).id;
});

describe("item steps: allowed and refused from-states", () => {
  const cases = (Object.keys(ITEM_TRANSITIONS) as ItemTransition[]).flatMap((step) => ALL_ITEM_STATUSES.map((from) => ({ step, from })));

  it.each(cases)("$step from $from", async ({ step, from }) => {
    const id = await newItem("place", from);
    const allowed = (ITEM_TRANSITIONS[step].from as readonly string[]).includes(from);
    const result = await transitionItem("place", id, step, { actorId: staffId, reason: "理由" });
    if (allowed) {
      expect(result).toEqual({ ok: true, from, status: ITEM_TRANSITIONS[step].to });
      expect(await statusOf("place", id)).toBe(ITEM_TRANSITIONS[step].to);
      expect(await auditOf("place", id)).toHaveLength(1);
    } else {
      expect(result).toEqual({ ok: false, refusal: "not-allowed" });
      expect(await statusOf("place", id)).toBe(from);
      expect(await auditOf("place", id)).toEqual([]);
    }
  });

  it.each(PUBLIC_KINDS)("works the same for a %s: submit, publish, hide, unhide, archive", async (kind) => {
    const id = await newItem(kind, ITEM_STATUS.draft);
    for (const [step, to] of [
      ["submit", "pending"],
      ["publish", "published"],
      ["hide", "hidden"],
      ["unhide", "published"],
      ["archive", "archived"],
    ] as const) {
      expect(await transitionItem(kind, id, step, { actorId: staffId, reason: "理由" })).toMatchObject({ ok: true, status: to });
      expect(await statusOf(kind, id)).toBe(to);
    }
    expect((await auditOf(kind, id)).map((a) => a.action)).toEqual(["submit", "publish", "hide", "unhide", "archive"].map((s) => `${kind}.${s}`));
  });

  it("refuses a missing item, and an organiser's step on another group's item, as not found", async () => {
    expect(await publishItem("event", 999_999_999, { actorId: staffId })).toEqual({ ok: false, refusal: "not-found" });
    const id = await newItem("opening", ITEM_STATUS.pending);
    expect(await transitionItem("opening", id, "withdraw", { actorId: ownerId, groupId: otherGroupId })).toEqual({ ok: false, refusal: "not-found" });
    expect(await statusOf("opening", id)).toBe(ITEM_STATUS.pending);
  });

  it("never lets a step scoped to a group (an organiser's) publish, reject, hide or unhide", async () => {
    for (const [step, from] of [
      ["publish", ITEM_STATUS.pending],
      ["reject", ITEM_STATUS.pending],
      ["hide", ITEM_STATUS.published],
      ["unhide", ITEM_STATUS.hidden],
    ] as const) {
      const id = await newItem("event", from);
      expect(await transitionItem("event", id, step, { actorId: ownerId, groupId, reason: "理由" }), step).toEqual({ ok: false, refusal: "not-allowed" });
      expect(await statusOf("event", id)).toBe(from);
      expect(await auditOf("event", id)).toEqual([]);
    }
  });

  it.each(["reject", "hide"] as const)("%s needs a reason; without one nothing is written", async (step) => {
    const id = await newItem("place", step === "reject" ? ITEM_STATUS.pending : ITEM_STATUS.published);
    const before = cacheEpoch();
    expect(await transitionItem("place", id, step, { actorId: staffId, reason: "  " })).toEqual({ ok: false, refusal: "reason-required" });
    expect(await auditOf("place", id)).toEqual([]);
    expect(cacheEpoch()).toBe(before);
  });
});

describe("what a step records", () => {
  it("publish: who, from and to in the audit log, publishedAt set, and a moderation decision", async () => {
    const id = await newItem("event", ITEM_STATUS.pending);
    const before = new Date(Date.now() - 1000);
    expect(await publishItem("event", id, { actorId: staffId })).toEqual({ ok: true, from: "pending", status: "published" });
    const [entry] = await auditOf("event", id);
    expect(entry).toMatchObject({ actorId: staffId, action: "event.publish" });
    expect(JSON.parse(entry!.detail)).toEqual({ from: "pending", to: "published" });
    const row = await prisma.event.findUniqueOrThrow({ where: { id }, select: { publishedAt: true } });
    expect(row.publishedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(await prisma.moderationDecision.findMany({ where: { entityType: "event", entityId: id }, select: { action: true, staffId: true } })).toEqual([
      { action: "publish", staffId },
    ]);
  });

  it("reject: the reason is kept in the audit entry and in the decision the group will see", async () => {
    const id = await newItem("opening", ITEM_STATUS.pending);
    expect(await rejectItem("opening", id, { actorId: staffId, reason: " 連絡先が書かれていません " })).toMatchObject({ ok: true, status: "rejected" });
    const [entry] = await auditOf("opening", id);
    expect(JSON.parse(entry!.detail)).toEqual({ from: "pending", to: "rejected", reason: "連絡先が書かれていません" });
    expect(await prisma.moderationDecision.findFirst({ where: { entityType: "opening", entityId: id }, select: { action: true, reason: true, staffId: true } })).toEqual({
      action: "reject",
      reason: "連絡先が書かれていません",
      staffId,
    });
  });

  it("an organiser's step is audited but is no moderation decision", async () => {
    const id = await newItem("place", ITEM_STATUS.draft);
    expect(await transitionItem("place", id, "submit", { actorId: ownerId, groupId })).toMatchObject({ ok: true, status: "pending" });
    expect(await auditOf("place", id)).toEqual([{ actorId: ownerId, action: "place.submit", detail: JSON.stringify({ from: "draft", to: "pending" }) }]);
    expect(await prisma.moderationDecision.count({ where: { entityType: "place", entityId: id } })).toBe(0);
  });

  it("reindexes: search finds an item once published, not once hidden, again once unhidden, not once archived", async () => {
    const name = unique("遷移索引サロン");
    const id = await newItem("place", ITEM_STATUS.pending, name);
    const found = async () => (await searchEverything(name, "ja", NO_FILTERS)).places.map((p) => p.id).includes(id);
    const indexed = () => prisma.searchDocument.count({ where: { entityType: "place", entityId: id } });
    expect(await found()).toBe(false);
    for (const [step, visible] of [
      ["publish", true],
      ["hide", false],
      ["unhide", true],
      ["archive", false],
    ] as const) {
      await transitionItem("place", id, step, { actorId: staffId, reason: "理由" });
      expect(await indexed()).toBe(visible ? 1 : 0);
      expect(await found()).toBe(visible);
    }
  });

  it("drops cached public pages after a step, and not after a refused one", async () => {
    const id = await newItem("place", ITEM_STATUS.pending);
    const before = cacheEpoch();
    await publishItem("place", id, { actorId: staffId });
    const after = cacheEpoch();
    expect(after).toBeGreaterThan(before);
    expect(await publishItem("place", id, { actorId: staffId })).toEqual({ ok: false, refusal: "not-allowed" });
    expect(cacheEpoch()).toBe(after);
  });
});

describe("group steps", () => {
  const cases = (Object.keys(GROUP_TRANSITIONS) as GroupTransition[]).flatMap((step) => ALL_GROUP_STATUSES.map((from) => ({ step, from })));

  it.each(cases)("$step from $from", async ({ step, from }) => {
    const group = await prisma.group.create({ data: { name: unique("状態の会"), nameKana: "じょうたいのかい", status: from }, select: { id: true } });
    const allowed = (GROUP_TRANSITIONS[step].from as readonly string[]).includes(from);
    const result = await transitionGroup(group.id, step, { actorId: staffId, reason: needsReason(step) ? "理由" : undefined });
    const row = await prisma.group.findUniqueOrThrow({ where: { id: group.id }, select: { status: true } });
    if (allowed) {
      expect(result).toEqual({ ok: true, from, status: GROUP_TRANSITIONS[step].to });
      expect(row.status).toBe(GROUP_TRANSITIONS[step].to);
      expect((await auditOf("group", group.id)).map((a) => a.action)).toEqual([`group.${step}`]);
    } else {
      expect(result).toEqual({ ok: false, refusal: "not-allowed" });
      expect(row.status).toBe(from);
      expect(await auditOf("group", group.id)).toEqual([]);
    }
  });

  it("approve sets approvedAt and brings the group's published items into search", async () => {
    const group = await prisma.group.create({ data: { name: "承認待ちの会", nameKana: "しょうにんまちのかい", status: GROUP_STATUS.pending }, select: { id: true } });
    const name = unique("承認待ちサロン");
    const place = await prisma.place.create({ data: { groupId: group.id, typeId, name, nameKana: "しょうにんまち", status: ITEM_STATUS.published }, select: { id: true } });
    const found = async () => (await searchEverything(name, "ja", NO_FILTERS)).places.map((p) => p.id).includes(place.id);
    expect(await found()).toBe(false);
    const before = cacheEpoch();
    expect(await approveGroup(group.id, { actorId: staffId })).toMatchObject({ ok: true, status: "approved" });
    expect(cacheEpoch()).toBeGreaterThan(before);
    expect((await prisma.group.findUniqueOrThrow({ where: { id: group.id }, select: { approvedAt: true } })).approvedAt).not.toBeNull();
    expect(await found()).toBe(true);
  });

  it("suspend needs a reason, kept in the audit entry and the decision", async () => {
    const group = await prisma.group.create({ data: { name: "停止の会", nameKana: "ていしのかい", status: GROUP_STATUS.approved }, select: { id: true } });
    expect(await transitionGroup(group.id, "suspend", { actorId: staffId })).toEqual({ ok: false, refusal: "reason-required" });
    expect(await transitionGroup(group.id, "suspend", { actorId: staffId, reason: "苦情の確認中" })).toMatchObject({ ok: true, status: "suspended" });
    const [entry] = await auditOf("group", group.id);
    expect(JSON.parse(entry!.detail)).toEqual({ from: "approved", to: "suspended", reason: "苦情の確認中" });
    expect(await prisma.moderationDecision.findFirst({ where: { entityType: "group", entityId: group.id }, select: { action: true, reason: true } })).toEqual({
      action: "suspend",
      reason: "苦情の確認中",
    });
  });
});

describe("organiser buttons take the same steps", () => {
  let ip = 0;
  async function post(action: (args: ActionFunctionArgs) => unknown, url: string, params: Record<string, string>, fields: Record<string, string>) {
    ip += 1;
    const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: ownerCookie });
    headers.set(CLIENT_IP_HEADER, `10.91.${Math.floor(ip / 250)}.${(ip % 250) + 1}`);
    try {
      return await action({ request: new Request(`http://localhost:3000${url}`, { method: "POST", headers, body: new URLSearchParams(fields) }), params, context: {} });
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
  }
  const openingForm = (title: string, intent: string) => ({ intent, title, participationMode: "at-home", ongoing: "on", ongoingSlots: "10" });

  it("submitting a new opening is the submit step, recorded with the member's id", async () => {
    const title = unique("ボタンの募集");
    await post(newOpening.action, `/manage/groups/${groupId}/openings/new`, { groupId: String(groupId) }, openingForm(title, "submit"));
    const opening = await prisma.opening.findFirstOrThrow({ where: { groupId, title }, select: { id: true, status: true } });
    expect(opening.status).toBe("pending");
    expect((await auditOf("opening", opening.id)).map((a) => [a.action, a.actorId])).toEqual([["opening.submit", ownerId]]);
  });

  it("a rejected opening is submitted again after changes", async () => {
    const title = unique("差し戻しの募集");
    await post(newOpening.action, `/manage/groups/${groupId}/openings/new`, { groupId: String(groupId) }, openingForm(title, "submit"));
    const { id } = await prisma.opening.findFirstOrThrow({ where: { groupId, title }, select: { id: true } });
    await rejectItem("opening", id, { actorId: staffId, reason: "日程を書いてください" });
    const params = { groupId: String(groupId), openingId: String(id) };
    await post(editOpening.action, `/manage/groups/${groupId}/openings/${id}`, params, openingForm(`${title}（改）`, "submit"));
    expect(await prisma.opening.findUniqueOrThrow({ where: { id }, select: { status: true, title: true } })).toEqual({ status: "pending", title: `${title}（改）` });
    expect((await auditOf("opening", id)).map((a) => a.action)).toEqual(["opening.submit", "opening.reject", "opening.submit"]);
  });

  it("withdraw and archive go through the steps: audited, and refused from a state the table does not allow", async () => {
    const place = await newItem("place", ITEM_STATUS.pending);
    const event = await newItem("event", ITEM_STATUS.hidden);
    const opening = await newItem("opening", ITEM_STATUS.published);
    expect(await changePlaceStatus(groupId, ownerId, place, "withdraw")).toBe(true);
    expect(await changeEventStatus(groupId, ownerId, event, "archive")).toBe(false);
    expect(await changeOpeningStatus(groupId, ownerId, opening, "archive")).toBe(true);
    expect(await changeOpeningStatus(otherGroupId, ownerId, opening, "withdraw")).toBe(false);
    expect((await auditOf("place", place)).map((a) => [a.action, a.actorId])).toEqual([["place.withdraw", ownerId]]);
    expect(await statusOf("event", event)).toBe("hidden");
    expect(await auditOf("event", event)).toEqual([]);
    expect((await auditOf("opening", opening)).map((a) => a.action)).toEqual(["opening.archive"]);
  });
});
