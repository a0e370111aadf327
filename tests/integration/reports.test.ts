import crypto from "node:crypto";
import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { indexGroupItems } from "~/modules/search/documents.server";
import { GROUP_STATUS, ITEM_STATUS, type PublicKind } from "~/modules/publishing/visibility";
import { hideItem } from "~/modules/publishing/transitions.server";
import { REPORTS_HIDE_REASON, reporterKey } from "~/modules/moderation/reports.server";
import { HONEYPOT_FIELD } from "~/modules/auth/schemas";
import * as reportRoute from "~/routes/report.$kind.$id";
import * as staffList from "~/routes/staff.reports._index";
import * as staffItem from "~/routes/staff.reports.$kind.$id";
import * as workspace from "~/routes/manage.groups.$groupId._index";
import * as workspacePlace from "~/routes/manage.groups.$groupId.places.$placeId";
import * as workspaceEvent from "~/routes/manage.groups.$groupId.events.$eventId";
import { loader as placesLoader } from "~/routes/places._index";
import { loader as placeLoader } from "~/routes/places.$id";
import { loader as placeMapLoader } from "~/routes/places.map[.]json";
import { loader as eventsLoader } from "~/routes/events._index";
import { loader as eventLoader } from "~/routes/events.$id";
import { loader as volunteerLoader } from "~/routes/volunteer._index";
import { loader as openingLoader } from "~/routes/volunteer.$id";
import { loader as searchLoader } from "~/routes/search";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { loader as openDataPlacesLoader } from "~/routes/opendata.places[.]csv";
import { emailsTo, ipFactory } from "../support/auth";
import { createEvent, createGroup, createOpening, createPlace, createResident, createSession, createStaff } from "../support/factories";
import { callLoader } from "./helpers";

// Reports (通報), issue 10: any visitor reports a public item (honeypot, a per-address limit, one open report per
// reporter and item); open reports from three different reporters hide the item at once on every public surface
// (through the publishing layer) and email staff once; staff dismiss (the item comes back) or act (it stays
// hidden), each decision audited; the group never sees who reported nor what they wrote.

vi.hoisted(() => {
  process.env.DATA_DIR = `${process.env.TMPDIR ?? "/tmp"}/tsunagu-reports-${process.pid}-${Math.random().toString(36).slice(2)}`;
});

const ORIGIN = "http://localhost:3000";
/** Only this file's items speak it, so a filtered list shows them and nothing else. */
const OWN_LANGUAGE = "zz-rep";
/** In the names of this file's items only, so one search finds them all. */
const TOKEN = "通報規則テスト";
/** A reporter's words: must reach staff and nobody else. */
const CANARY = "通報者の本文カナリア";

const nextIp = ipFactory(77);
const unique = (label: string) => `${TOKEN}${label}${crypto.randomBytes(3).toString("hex")}`;

let staff: { id: number; email: string; cookie: string };
let staffEn: { email: string };
let owner: { id: number; cookie: string };
let groupId = 0;

type Route = { loader: (args: LoaderFunctionArgs) => unknown; action?: (args: ActionFunctionArgs) => unknown };

type Answer = { status: number; location: string | null; retryAfter: string | null; data: unknown };

async function answer(run: () => unknown): Promise<Answer> {
  try {
    const out = await run();
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), retryAfter: out.headers.get("Retry-After"), data: null };
    const wrapped = out as { type?: string; data?: unknown; init?: { status?: number } };
    if (wrapped?.type === "DataWithResponseInit") return { status: wrapped.init?.status ?? 200, location: null, retryAfter: null, data: wrapped.data };
    return { status: 200, location: null, retryAfter: null, data: out };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location"), retryAfter: error.headers.get("Retry-After"), data: null };
    throw error;
  }
}

function get(route: Route, url: string, params: Record<string, string>, cookie?: string) {
  const headers = new Headers({ [CLIENT_IP_HEADER]: "192.0.2.200" });
  if (cookie) headers.set("Cookie", cookie);
  return answer(() => route.loader({ request: new Request(`${ORIGIN}${url}`, { headers }), params, context: {} }));
}

function post(route: Route, url: string, params: Record<string, string>, fields: Record<string, string>, options: { ip?: string; cookie?: string } = {}) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", [CLIENT_IP_HEADER]: options.ip ?? nextIp() });
  if (options.cookie) headers.set("Cookie", options.cookie);
  const request = new Request(`${ORIGIN}${url}`, { method: "POST", headers, body: new URLSearchParams(fields) });
  return answer(() => route.action!({ request, params, context: {} }));
}

/** A visitor's report through the public form. */
function report(kind: PublicKind | string, id: number, options: { ip?: string; cookie?: string; reason?: string; details?: string; extra?: Record<string, string> } = {}) {
  const fields = { reason: options.reason ?? "inaccurate", details: options.details ?? "", [HONEYPOT_FIELD]: "", ...options.extra };
  return post(reportRoute, `/report/${kind}/${id}`, { kind, id: String(id) }, fields, options);
}

/** A staff decision through the staff page. */
function decide(kind: PublicKind, id: number, intent: string, note: string, cookie = staff.cookie) {
  return post(staffItem, `/staff/reports/${kind}/${id}`, { kind, id: String(id) }, { intent, note }, { cookie });
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

const reportsOf = (kind: PublicKind, id: number) =>
  prisma.report.findMany({ where: { entityType: kind, entityId: id }, orderBy: { id: "asc" }, select: { status: true, reporterKey: true, reporterId: true, resolvedById: true, resolvedAt: true, resolution: true, details: true } });

const auditOf = (kind: PublicKind, id: number) =>
  prisma.auditLog.findMany({ where: { entityType: kind, entityId: id }, orderBy: { id: "asc" }, select: { actorId: true, action: true, detail: true } });

async function newPlace(status: string = ITEM_STATUS.published) {
  const place = await createPlace({ id: groupId }, { name: unique("の居場所"), status, languages: `,ja,${OWN_LANGUAGE},`, lat: 35.93, lng: 139.39 });
  await indexGroupItems(groupId);
  return place;
}

const text = async (response: Promise<Response> | Response) => (await response).text();

/** Where the public sees a place: list, detail, map, search, sitemap, open data. */
async function placeSurfaces(id: number, name: string) {
  const [list, detail, map, search, sitemap, openData] = await Promise.all([
    callLoader(placesLoader, `/places?language=${OWN_LANGUAGE}`),
    get({ loader: placeLoader }, `/places/${id}`, { id: String(id) }),
    callLoader(placeMapLoader, `/places/map.json?language=${OWN_LANGUAGE}`).then((r) => r.json() as Promise<{ id: number }[]>),
    callLoader(searchLoader, `/search?q=${encodeURIComponent(name)}`),
    text(sitemapLoader()),
    text(callLoader(openDataPlacesLoader, "/opendata/places.csv")),
  ]);
  return {
    list: list.items.some((p) => p.id === id),
    detail: detail.status === 200,
    map: map.some((p) => p.id === id),
    search: search.results.places.some((p) => p.id === id),
    sitemap: sitemap.includes(`/places/${id}<`),
    openData: openData.includes(name),
  };
}
const everywhere = (value: boolean) => ({ list: value, detail: value, map: value, search: value, sitemap: value, openData: value });

beforeAll(async () => {
  const s = await createStaff();
  staff = { id: s.id, email: s.email, cookie: await createSession(s) };
  const en = await createStaff({ name: "Staff English" });
  await prisma.user.update({ where: { id: en.id }, data: { locale: "en" } });
  staffEn = { email: en.email };
  const o = await createResident({ name: "団体の代表" });
  owner = { id: o.id, cookie: await createSession(o) };
  groupId = (await createGroup({ owner: o, name: `${TOKEN}の会` })).id;
});

afterAll(async () => {
  await fs.rm(process.env.DATA_DIR!, { recursive: true, force: true });
});

describe("the 「問題を報告」 link and form", () => {
  it("every public item page links to its report form", async () => {
    const place = await newPlace();
    const event = await createEvent({ id: groupId });
    const opening = await createOpening({ id: groupId });
    const { ReportLink } = await import("~/modules/moderation/report-link");
    const { reportPath } = await import("~/modules/moderation/reports");
    expect(ReportLink).toBeTypeOf("function");
    for (const [file, kind, id] of [
      ["places.$id", "place", place.id],
      ["events.$id", "event", event.id],
      ["volunteer.$id", "opening", opening.id],
    ] as const) {
      const source = await fs.readFile(`app/routes/${file}.tsx`, "utf8");
      expect(source, file).toContain(`<ReportLink kind="${kind}"`);
      expect(reportPath(kind, id)).toBe(`/report/${kind}/${id}`);
      expect((await get(reportRoute, `/report/${kind}/${id}`, { kind, id: String(id) })).status, `${kind} form`).toBe(200);
    }
  });

  it("answers 404 for an item that is not public, an unknown kind and a malformed id (loader and action)", async () => {
    const draft = await newPlace(ITEM_STATUS.draft);
    const hidden = await newPlace(ITEM_STATUS.hidden);
    const suspendedGroup = await createGroup({ status: GROUP_STATUS.suspended, name: "停止中の会" });
    const ofSuspended = await createPlace(suspendedGroup, { name: unique("停止中の居場所") });
    const pendingEvent = await createEvent({ id: groupId }, { status: ITEM_STATUS.pending });
    for (const [kind, id] of [
      ["place", draft.id],
      ["place", hidden.id],
      ["place", ofSuspended.id],
      ["event", pendingEvent.id],
      ["place", 999_999_999],
      ["group", groupId],
    ] as const) {
      expect((await get(reportRoute, `/report/${kind}/${id}`, { kind, id: String(id) })).status, `GET ${kind} ${id}`).toBe(404);
      expect((await report(kind, id)).status, `POST ${kind} ${id}`).toBe(404);
    }
    expect((await get(reportRoute, "/report/place/abc", { kind: "place", id: "abc" })).status).toBe(404);
    expect(await prisma.report.count({ where: { entityId: { in: [draft.id, hidden.id, ofSuspended.id, pendingEvent.id] } } })).toBe(0);
  });

  it("stores a report and thanks the visitor on a page of its own (post/redirect/get)", async () => {
    const place = await newPlace();
    const ip = nextIp();
    const sent = await report("place", place.id, { ip, reason: "privacy", details: `  電話番号が個人のものです ${CANARY}  ` });
    expect(sent).toMatchObject({ status: 302, location: `/report/place/${place.id}?sent=1` });
    const [stored] = await reportsOf("place", place.id);
    expect(stored).toMatchObject({ status: "open", reporterId: null, details: `電話番号が個人のものです ${CANARY}`, reporterKey: reporterKey({ userId: null, ip }) });
    const thanks = await get(reportRoute, `/report/place/${place.id}?sent=1`, { kind: "place", id: String(place.id) });
    expect(thanks.data).toMatchObject({ sent: true, item: { path: `/places/${place.id}` } });
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.published);
  });

  it("refuses a report without a reason or with details over 1000 characters (400, nothing stored)", async () => {
    const place = await newPlace();
    const noReason = await report("place", place.id, { reason: "" });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.data)).toContain("report.errors.reason");
    const unknownReason = await report("place", place.id, { reason: "dislike" });
    expect(unknownReason.status).toBe(400);
    const long = await report("place", place.id, { details: "あ".repeat(1001) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.data)).toContain("errors.tooLong");
    expect(await prisma.report.count({ where: { entityType: "place", entityId: place.id } })).toBe(0);
    // Exactly 1000 code points (𠮷 is one) is allowed.
    expect((await report("place", place.id, { details: "𠮷".repeat(1000) })).status).toBe(302);
  });

  it("a filled honeypot is a 400 and stores nothing", async () => {
    const place = await newPlace();
    const bot = await report("place", place.id, { extra: { [HONEYPOT_FIELD]: "https://spam.example" } });
    expect(bot.status).toBe(400);
    expect(await prisma.report.count({ where: { entityType: "place", entityId: place.id } })).toBe(0);
  });

  it("limits reports per address: the 6th within an hour is a 429 with Retry-After, before anything is read or stored", async () => {
    const place = await newPlace();
    const ip = nextIp();
    const others = await Promise.all([newPlace(), newPlace(), newPlace(), newPlace()]);
    for (const target of [place, ...others]) expect((await report("place", target.id, { ip })).status).toBe(302);
    const limited = await report("place", place.id, { ip, reason: "spam" });
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(3600);
    // Even for an item that does not exist: the limit comes first.
    expect((await report("place", 999_999_998, { ip })).status).toBe(429);
    expect(await prisma.report.count({ where: { entityType: "place", entityId: place.id } })).toBe(1);
    // Another address is not affected.
    expect((await report("place", place.id)).status).toBe(302);
  });

  it("records whether the reporter was signed in, keyed by account, never the account in what staff see", async () => {
    const place = await newPlace();
    const resident = await createResident();
    const cookie = await createSession(resident);
    expect((await report("place", place.id, { cookie })).status).toBe(302);
    const [stored] = await reportsOf("place", place.id);
    expect(stored).toMatchObject({ reporterId: resident.id, reporterKey: reporterKey({ userId: resident.id, ip: "ignored" }) });
    const page = await get(staffItem, `/staff/reports/place/${place.id}`, { kind: "place", id: String(place.id) }, staff.cookie);
    expect(page.data).toMatchObject({ open: [{ signedIn: true, reason: "inaccurate" }] });
    const json = JSON.stringify(page.data);
    expect(json).not.toContain(stored!.reporterKey);
    expect(json).not.toContain(resident.email);
    expect(json).not.toContain(`"reporterId"`);
  });
});

describe("reporter keys", () => {
  it("are keyed hashes: stable, different for an account and an address, and not a plain hash of either", () => {
    const a = reporterKey({ userId: null, ip: "198.51.100.7" });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(reporterKey({ userId: null, ip: "198.51.100.7" })).toBe(a);
    expect(reporterKey({ userId: null, ip: "198.51.100.8" })).not.toBe(a);
    expect(reporterKey({ userId: 7, ip: "198.51.100.7" })).not.toBe(a);
    expect(reporterKey({ userId: 7, ip: "198.51.100.7" })).toBe(reporterKey({ userId: 7, ip: "203.0.113.1" }));
    const plain = crypto.createHash("sha256").update("ip:198.51.100.7").digest("hex");
    expect(a).not.toBe(plain);
  });
});

describe("three reporters hide an item (Decidim's rule)", () => {
  it("three reports from three different people hide the place on every public surface, audited, and staff are emailed once", async () => {
    const place = await newPlace();
    const name = (await prisma.place.findUniqueOrThrow({ where: { id: place.id }, select: { name: true } })).name;
    expect(await placeSurfaces(place.id, name)).toEqual(everywhere(true));
    const resident = await createResident();

    expect((await report("place", place.id, { reason: "spam", details: CANARY })).status).toBe(302);
    expect((await report("place", place.id, { reason: "inaccurate", cookie: await createSession(resident) })).status).toBe(302);
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.published);
    expect(await emailsTo(staff.email, "reports-threshold")).toHaveLength(0);

    const third = await report("place", place.id, { reason: "spam" });
    expect(third).toMatchObject({ status: 302, location: `/report/place/${place.id}?sent=1` });
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.hidden);
    expect(await placeSurfaces(place.id, name)).toEqual(everywhere(false));

    // The thank-you page still answers (without the item) though the item is gone.
    const thanks = await get(reportRoute, `/report/place/${place.id}?sent=1`, { kind: "place", id: String(place.id) });
    expect(thanks).toMatchObject({ status: 200, data: { sent: true, item: null, listPath: "/places" } });
    // The form itself is gone with the item.
    expect((await get(reportRoute, `/report/place/${place.id}`, { kind: "place", id: String(place.id) })).status).toBe(404);

    const audit = await auditOf("place", place.id);
    expect(audit).toEqual([{ actorId: null, action: "place.hide", detail: JSON.stringify({ from: "published", to: "hidden", reason: REPORTS_HIDE_REASON }) }]);
    expect(audit[0]!.detail).not.toContain(CANARY);

    const mails = await emailsTo(staff.email, "reports-threshold");
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe("【つなぐ】通報が続いたため掲載を一時停止しました（職員向け）");
    expect(mail.subject).not.toContain(name);
    expect(mail.textBody).toContain(`「${name}」`);
    expect(mail.textBody).toContain(`http://localhost:3000/staff/reports/place/${place.id}`);
    expect(mail.textBody).not.toContain(CANARY);
    const english = await emailsTo(staffEn.email, "reports-threshold");
    expect(english).toHaveLength(1);
    expect(english[0]!.subject).toBe("[Tsunagu] A listing was paused after several reports (for staff)");
    expect(english[0]!.textBody).toContain(`“${name}”`);
    // Every staff member and admin, the seeded ones included.
    const staffCount = await prisma.user.count({ where: { status: "active", roles: { some: { role: { name: { in: ["staff", "admin"] } } } } } });
    expect(await prisma.emailOutbox.count({ where: { template: "reports-threshold", textBody: { contains: `/staff/reports/place/${place.id}` } } })).toBe(staffCount);

    // A fourth reporter finds nothing to report, and staff hear nothing more.
    expect((await report("place", place.id)).status).toBe(404);
    expect(await emailsTo(staff.email, "reports-threshold")).toHaveLength(1);
  });

  it("three reports from the same person (signed in, from three addresses) or the same address count once and hide nothing", async () => {
    const place = await newPlace();
    const resident = await createResident();
    const cookie = await createSession(resident);
    for (let i = 0; i < 3; i += 1) expect((await report("place", place.id, { cookie, reason: "spam" })).status).toBe(302);
    const ip = nextIp();
    for (let i = 0; i < 3; i += 1) expect((await report("place", place.id, { ip, reason: "other" })).status).toBe(302);
    expect(await reportsOf("place", place.id)).toHaveLength(2);
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.published);
    expect(await auditOf("place", place.id)).toEqual([]);
  });

  it("reports arriving together from five people hide the item once and email staff once", async () => {
    const place = await newPlace();
    const answers = await Promise.all(Array.from({ length: 5 }, () => report("place", place.id)));
    // Those that came after the hide find no public item.
    expect(answers.filter((a) => a.status === 302).length).toBeGreaterThanOrEqual(3);
    expect(answers.every((a) => a.status === 302 || a.status === 404)).toBe(true);
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.hidden);
    expect((await auditOf("place", place.id)).filter((a) => a.action === "place.hide")).toHaveLength(1);
    expect(await prisma.emailOutbox.count({ where: { toAddress: staff.email, template: "reports-threshold", textBody: { contains: `/staff/reports/place/${place.id}` } } })).toBe(1);
  });
});

describe("staff decide", () => {
  it("the list shows reported items, most reports first, with kind, group, count, reasons and whether hidden", async () => {
    const once = await newPlace();
    await report("place", once.id, { reason: "other" });
    const event = await createEvent({ id: groupId }, { title: unique("の催し") });
    for (const reason of ["spam", "inappropriate", "spam"]) await report("event", event.id, { reason });
    const page = await get(staffList, "/staff/reports", {}, staff.cookie);
    const items = (page.data as { items: { kind: string; id: number; count: number; reasons: string[]; visibility: string; group: string }[] }).items;
    const eventRow = items.find((i) => i.kind === "event" && i.id === event.id)!;
    const placeRow = items.find((i) => i.kind === "place" && i.id === once.id)!;
    expect(eventRow).toMatchObject({ count: 3, visibility: "hiddenByReports", group: `${TOKEN}の会` });
    expect(eventRow.reasons.sort()).toEqual(["inappropriate", "spam"]);
    expect(placeRow).toMatchObject({ count: 1, visibility: "public", reasons: ["other"] });
    expect(items.indexOf(eventRow)).toBeLessThan(items.indexOf(placeRow));
    const counts = items.map((i) => i.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(JSON.stringify(page.data)).not.toMatch(/reporterKey|[0-9a-f]{64}/);
  });

  it("dismiss: the reports are dismissed with who, when and why, and the place comes back on every surface", async () => {
    const place = await newPlace();
    const name = (await prisma.place.findUniqueOrThrow({ where: { id: place.id }, select: { name: true } })).name;
    for (let i = 0; i < 3; i += 1) await report("place", place.id, { details: CANARY });
    expect(await placeSurfaces(place.id, name)).toEqual(everywhere(false));

    const before = Date.now();
    const done = await decide("place", place.id, "dismiss", "内容を確認し、問題はありませんでした");
    expect(done).toMatchObject({ status: 302, location: `/staff/reports/place/${place.id}?done=dismiss` });
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.published);
    expect(await placeSurfaces(place.id, name)).toEqual(everywhere(true));

    const reports = await reportsOf("place", place.id);
    expect(reports).toHaveLength(3);
    for (const r of reports) {
      expect(r).toMatchObject({ status: "dismissed", resolvedById: staff.id, resolution: "内容を確認し、問題はありませんでした" });
      expect(r.resolvedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    const audit = await auditOf("place", place.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["place.hide", null],
      ["report.dismiss", staff.id],
      ["place.unhide", staff.id],
    ]);
    expect(JSON.parse(audit[1]!.detail)).toEqual({ reports: 3, note: "内容を確認し、問題はありませんでした", unhide: true });

    // The page after the decision: no open reports, the decided ones with their note.
    const page = await get(staffItem, `/staff/reports/place/${place.id}?done=dismiss`, { kind: "place", id: String(place.id) }, staff.cookie);
    expect(page.data).toMatchObject({ done: "dismiss", open: [], item: { visibility: "public" } });
    expect((page.data as { decided: unknown[] }).decided).toHaveLength(3);
    // Deciding again finds nothing open: a clear refusal, nothing changes.
    const again = await decide("place", place.id, "act", "二度押し");
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.data)).toContain("report.staff.refused.nothing-open");
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.published);

    // Dismissed reports no longer count: the same three people may report again, and it takes three again.
    for (let i = 0; i < 2; i += 1) await report("place", place.id);
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.published);
  });

  it("act on an item hidden by reports: resolved with staff's note, the item stays hidden", async () => {
    const event = await createEvent({ id: groupId }, { title: unique("の催し"), languages: `,ja,${OWN_LANGUAGE},` });
    await indexGroupItems(groupId);
    for (let i = 0; i < 3; i += 1) await report("event", event.id, { reason: "inappropriate" });
    expect(await statusOf("event", event.id)).toBe(ITEM_STATUS.hidden);
    const done = await decide("event", event.id, "act", "差別的な表現があるため非公開とします");
    expect(done).toMatchObject({ status: 302, location: `/staff/reports/event/${event.id}?done=act` });
    expect(await statusOf("event", event.id)).toBe(ITEM_STATUS.hidden);
    expect((await reportsOf("event", event.id)).map((r) => [r.status, r.resolvedById, r.resolution])).toEqual(
      Array.from({ length: 3 }, () => ["resolved", staff.id, "差別的な表現があるため非公開とします"]),
    );
    const audit = await auditOf("event", event.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["event.hide", null],
      ["report.act", staff.id],
    ]);
    expect(JSON.parse(audit[1]!.detail)).toEqual({ reports: 3, note: "差別的な表現があるため非公開とします", hide: false });
    const events = await callLoader(eventsLoader, `/events?language=${OWN_LANGUAGE}`);
    expect(events.items.some((d) => d.eventId === event.id)).toBe(false);
    expect((await get({ loader: eventLoader }, `/events/${event.id}`, { id: String(event.id) })).status).toBe(404);
  });

  it("act on a still-published item hides it now, with staff's note as the reason", async () => {
    const opening = await createOpening({ id: groupId }, { title: unique("の募集"), languages: `,ja,${OWN_LANGUAGE},` });
    await report("opening", opening.id, { reason: "privacy" });
    expect(await statusOf("opening", opening.id)).toBe(ITEM_STATUS.published);
    expect((await decide("opening", opening.id, "act", "個人の電話番号が載っているため")).status).toBe(302);
    expect(await statusOf("opening", opening.id)).toBe(ITEM_STATUS.hidden);
    const audit = await auditOf("opening", opening.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["opening.hide", staff.id],
      ["report.act", staff.id],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ reason: "個人の電話番号が載っているため" });
    const volunteer = await callLoader(volunteerLoader, `/volunteer?language=${OWN_LANGUAGE}`);
    expect(volunteer.items.some((o) => o.id === opening.id)).toBe(false);
    expect((await get({ loader: openingLoader }, `/volunteer/${opening.id}`, { id: String(opening.id) })).status).toBe(404);
  });

  it("dismissing does not undo a hide staff decided themselves", async () => {
    const place = await newPlace();
    await report("place", place.id);
    expect(await hideItem("place", place.id, { actorId: staff.id, reason: "団体から取り下げの連絡" })).toMatchObject({ ok: true });
    expect((await decide("place", place.id, "dismiss", "通報とは別の理由で非公開")).status).toBe(302);
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.hidden);
  });

  it("a decision needs a reason and a known intent (400, nothing changes)", async () => {
    const place = await newPlace();
    for (let i = 0; i < 3; i += 1) await report("place", place.id);
    expect((await decide("place", place.id, "dismiss", "   ")).status).toBe(400);
    expect((await decide("place", place.id, "publish", "理由")).status).toBe(400);
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.hidden);
    expect((await reportsOf("place", place.id)).every((r) => r.status === "open")).toBe(true);
  });

  it("only staff: a resident or the group's owner gets 404 from the staff pages and their decisions", async () => {
    const place = await newPlace();
    await report("place", place.id);
    for (const cookie of [owner.cookie, await createSession(await createResident())]) {
      expect((await get(staffList, "/staff/reports", {}, cookie)).status).toBe(404);
      expect((await get(staffItem, `/staff/reports/place/${place.id}`, { kind: "place", id: String(place.id) }, cookie)).status).toBe(404);
      expect((await decide("place", place.id, "act", "不正", cookie)).status).toBe(404);
    }
    expect(await statusOf("place", place.id)).toBe(ITEM_STATUS.published);
  });
});

describe("the group never learns who reported", () => {
  it("the organiser's workspace pages hold no reporter key and no reporter's words, only what staff decided", async () => {
    const place = await newPlace();
    const event = await createEvent({ id: groupId }, { title: unique("の催し") });
    const resident = await createResident({ name: "通報した住民" });
    const cookie = await createSession(resident);
    for (const [kind, id] of [
      ["place", place.id],
      ["event", event.id],
    ] as const) {
      await report(kind, id, { details: CANARY, cookie });
      await report(kind, id, { details: CANARY });
      await report(kind, id, { details: CANARY });
    }
    const keys = (await prisma.report.findMany({ where: { details: CANARY }, select: { reporterKey: true } })).map((r) => r.reporterKey);
    const pages = await Promise.all([
      get(workspace, `/manage/groups/${groupId}`, { groupId: String(groupId) }, owner.cookie),
      get(workspacePlace, `/manage/groups/${groupId}/places/${place.id}`, { groupId: String(groupId), placeId: String(place.id) }, owner.cookie),
      get(workspaceEvent, `/manage/groups/${groupId}/events/${event.id}`, { groupId: String(groupId), eventId: String(event.id) }, owner.cookie),
    ]);
    for (const page of pages) {
      expect(page.status).toBe(200);
      const json = JSON.stringify(page.data);
      expect(json).not.toContain(CANARY);
      expect(json).not.toContain(resident.name);
      expect(json).not.toContain(resident.email);
      for (const key of keys) expect(json).not.toContain(key);
    }
  });
});
