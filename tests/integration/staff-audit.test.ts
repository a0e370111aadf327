import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromTokyo } from "~/utils/dates";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { AUDIT_PAGE_SIZE, auditActionLabel, listAuditEntries, parseAuditFilter } from "~/modules/audit/log.server";
import { loader as pageLoader } from "~/routes/staff.audit";
import { loader as csvLoader } from "~/routes/staff.audit[.]csv";
import { createSession, createStaff, type TestUser } from "../support/factories";
import { callLoader } from "./helpers";

// Issue 10, audit log: every entry newest first, paged; each filter (person by id or name, item, action, Tokyo date
// range) narrows exactly; the CSV holds exactly the filtered rows. Entries are dated in April 2020, which nothing
// else in the database reaches, so the date filter isolates them.

let ichiro: TestUser;
let hanako: TestUser;
let staffCookie: string;
const ja = serverI18n.getFixedT("ja", "common");
type PageData = Extract<Awaited<ReturnType<typeof pageLoader>>, { query: string }>;
const loadPage = async (query: string) => (await callLoader(pageLoader, `/staff/audit?${query}`, {}, { Cookie: staffCookie })) as PageData;

/** Ids of the fixture's entries a filter keeps, newest first. */
async function idsFor(query: string): Promise<number[]> {
  const parsed = parseAuditFilter(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return (await listAuditEntries(parsed.filter)).entries.map((e) => e.id);
}

const ids: Record<string, number> = {};
const entry = async (name: string, data: { actorId: number | null; action: string; entityType?: string; entityId?: number; detail?: object; at: Date }) => {
  const row = await prisma.auditLog.create({
    data: { actorId: data.actorId, action: data.action, entityType: data.entityType ?? "", entityId: data.entityId ?? null, detail: JSON.stringify(data.detail ?? {}), createdAt: data.at },
    select: { id: true },
  });
  ids[name] = row.id;
};

beforeAll(async () => {
  ichiro = await createStaff({ name: "監査 一郎" });
  hanako = await createStaff({ name: "監査 花子" });
  staffCookie = await createSession(ichiro, SESSION_POLICIES.STAFF);
  // Around the Tokyo day boundaries of 2020-04-01 (JST = UTC+9).
  await entry("marchLast", { actorId: ichiro.id, action: "place.publish", entityType: "place", entityId: 7001, at: fromTokyo(2020, 3, 31, 23, 59) });
  await entry("aprilFirst", { actorId: ichiro.id, action: "place.reject", entityType: "place", entityId: 7001, detail: { reason: "住所が未記入です" }, at: fromTokyo(2020, 4, 1, 0, 0) });
  await entry("aprilFirstLate", { actorId: hanako.id, action: "person.view", entityType: "user", entityId: 8001, detail: { fields: ["phone"], token: "abc123" }, at: new Date(fromTokyo(2020, 4, 2).getTime() - 1000) });
  await entry("aprilSecond", { actorId: hanako.id, action: "group.suspend", entityType: "group", entityId: 9001, detail: { reason: "=HYPERLINK(\"x\")" }, at: fromTokyo(2020, 4, 2, 0, 0) });
  await entry("byLink", { actorId: null, action: "place.confirmed", entityType: "place", entityId: 7002, detail: { via: "link", previous: "2019-09-30T15:00:00.000Z" }, at: fromTokyo(2020, 4, 3, 9, 30) });
  await entry("unknown", { actorId: ichiro.id, action: "mystery.thing", at: fromTokyo(2020, 4, 4, 12, 0) });
});

const APRIL = "from=2020-03-01&to=2020-04-30";

describe("filters narrow exactly", () => {
  it("all of them, newest first", async () => {
    expect(await idsFor(APRIL)).toEqual([ids.unknown, ids.byLink, ids.aprilSecond, ids.aprilFirstLate, ids.aprilFirst, ids.marchLast]);
  });

  it("by person: account number or part of the name", async () => {
    expect(await idsFor(`${APRIL}&person=${hanako.id}`)).toEqual([ids.aprilSecond, ids.aprilFirstLate]);
    expect(await idsFor(`${APRIL}&person=${encodeURIComponent("一郎")}`)).toEqual([ids.unknown, ids.aprilFirst, ids.marchLast]);
    // Full-width digits are read as the number (NFKC).
    expect(await idsFor(`${APRIL}&person=${encodeURIComponent(String(hanako.id).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))}`)).toEqual([ids.aprilSecond, ids.aprilFirstLate]);
  });

  it("by item (kind and number) and by action", async () => {
    expect(await idsFor(`${APRIL}&entityType=place`)).toEqual([ids.byLink, ids.aprilFirst, ids.marchLast]);
    expect(await idsFor(`${APRIL}&entityType=place&entityId=7001`)).toEqual([ids.aprilFirst, ids.marchLast]);
    expect(await idsFor(`${APRIL}&action=place.reject`)).toEqual([ids.aprilFirst]);
    expect(await idsFor(`${APRIL}&action=person.view&person=${ichiro.id}`)).toEqual([]);
  });

  it("by Tokyo dates, both ends included", async () => {
    expect(await idsFor("from=2020-04-01&to=2020-04-01")).toEqual([ids.aprilFirstLate, ids.aprilFirst]);
    expect(await idsFor("from=2020-04-02&to=2020-04-03")).toEqual([ids.byLink, ids.aprilSecond]);
    expect(await idsFor("to=2020-03-31")).toContain(ids.marchLast);
    expect(await idsFor("to=2020-03-31")).not.toContain(ids.aprilFirst);
  });

  it("bad filters are a 400 with translated messages and list nothing", async () => {
    for (const query of ["from=2020-02-30", "from=2020-04-02&to=2020-04-01", "entityId=abc", "action=<script>", "page=0", `person=${"あ".repeat(101)}`]) {
      const parsed = parseAuditFilter(new URLSearchParams(query));
      expect(parsed.ok, query).toBe(false);
      const request = new Request(`http://localhost:3000/staff/audit?${query}`, { headers: { Cookie: staffCookie } });
      const res = (await pageLoader({ request, params: {}, context: {} })) as unknown as { data: { entries: unknown[]; errors: string[] }; init: { status: number } };
      expect(res.init.status, query).toBe(400);
      expect(res.data.entries).toEqual([]);
      for (const key of res.data.errors) expect(ja(key), key).not.toBe(key);
      expect((await callLoader(csvLoader, `/staff/audit.csv?${query}`, {}, { Cookie: staffCookie })).status).toBe(400);
    }
  });
});

describe("the page", () => {
  it("shows who, when (Tokyo), the translated action or its code, the item and the detail without secrets", async () => {
    const page = await loadPage(APRIL);
    expect(page.total).toBe(6);
    const byId = new Map(page.entries.map((e) => [e.id, e]));
    const get = (name: string) => byId.get(ids[name]!);
    expect(get("aprilFirst")).toMatchObject({ at: "2020-04-01 00:00:00", actorId: ichiro.id, actorName: "監査 一郎", actionLabel: "居場所：差し戻した", entityType: "place", entityId: 7001, detail: { reason: "住所が未記入です" } });
    expect(get("aprilFirstLate")).toMatchObject({ at: "2020-04-01 23:59:59", actionLabel: "住民：個人情報を見た", detail: { fields: '["phone"]' } });
    expect(get("aprilFirstLate")!.detail).not.toHaveProperty("token");
    expect(get("byLink")).toMatchObject({ actorId: null, actorName: null, actionLabel: "居場所：内容を確認した", detail: { via: "link", previous: "2019-10-01 00:00:00" } });
    expect(get("unknown")).toMatchObject({ actionLabel: "mystery.thing", kindLabel: "" });
    expect(page.actions.find((a) => a.code === "group.suspend")?.label).toBe("団体：利用停止にした");
    expect(auditActionLabel("place.nonsense", ja)).toBe("place.nonsense");
    expect(auditActionLabel("archive", ja)).toBe("掲載を終えた");
    expect(page.query).toBe("from=2020-03-01&to=2020-04-30");
  });

  it("pages 50 at a time, newest first", async () => {
    const day = fromTokyo(2020, 5, 10);
    await prisma.auditLog.createMany({ data: Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({ actorId: ichiro.id, action: "applicants.viewed", entityType: "opening", entityId: 1, createdAt: new Date(day.getTime() + i * 1000) })) });
    const first = await loadPage("from=2020-05-10&to=2020-05-10");
    const second = await loadPage("from=2020-05-10&to=2020-05-10&page=2");
    expect([first.total, first.pages, first.entries.length, second.entries.length]).toEqual([55, 2, 50, 5]);
    expect(first.entries[0]!.at).toBe("2020-05-10 00:00:54");
    expect(second.entries.at(-1)!.at).toBe("2020-05-10 00:00:00");
    expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(55);
    // A page past the end shows the last one.
    expect((await loadPage("from=2020-05-10&to=2020-05-10&page=9")).page).toBe(2);
  });
});

describe("the CSV", () => {
  it("holds exactly the filtered rows, newest first, Tokyo times, formulas defused, BOM for Excel", async () => {
    const res = await callLoader(csvLoader, `/staff/audit.csv?from=2020-04-01&to=2020-04-03`, {}, { Cookie: staffCookie });
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tsunagu-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(
      [
        "日時（日本時間）,アカウント番号,操作した人,操作コード,操作,対象の種類,対象の番号,内容",
        `2020-04-03 09:30:00,,アカウントなし（リンクからの操作・自動処理・削除されたアカウント）,place.confirmed,居場所：内容を確認した,place,7002,"{""via"":""link"",""previous"":""2019-10-01 00:00:00""}"`,
        `2020-04-02 00:00:00,${hanako.id},監査 花子,group.suspend,団体：利用停止にした,group,9001,"{""reason"":""=HYPERLINK(\\""x\\"")""}"`,
        `2020-04-01 23:59:59,${hanako.id},監査 花子,person.view,住民：個人情報を見た,user,8001,"{""fields"":""[\\""phone\\""]""}"`,
        `2020-04-01 00:00:00,${ichiro.id},監査 一郎,place.reject,居場所：差し戻した,place,7001,"{""reason"":""住所が未記入です""}"`,
        "",
      ].join("\r\n"),
    );
    const one = await callLoader(csvLoader, `/staff/audit.csv?${APRIL}&action=place.publish`, {}, { Cookie: staffCookie });
    expect((await one.text()).split("\r\n").slice(1)).toEqual([`2020-03-31 23:59:00,${ichiro.id},監査 一郎,place.publish,居場所：承認・公開した,place,7001,`, ""]);
  });
});
