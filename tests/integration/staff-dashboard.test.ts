import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromTokyo } from "~/utils/dates";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { computeDashboard, fiscalYearOf } from "~/modules/dashboard/figures.server";
import { dashboardCsv, fiscalYearChoices, parseFiscalYear } from "~/modules/dashboard/report.server";
import { loader as pageLoader } from "~/routes/staff.dashboard";
import { loader as csvLoader } from "~/routes/staff.dashboard[.]csv";
import { AFTER_THE_YEAR, FIXTURE_FY, createDashboardFixture } from "../support/dashboard-fixture";
import { createSession, createStaff } from "../support/factories";
import { callLoader } from "./helpers";

// Issue 10, plan dashboard: the page (fiscal year chosen by a GET form, measures ⑥–⑰ as rows, a chart and a table per
// figure, areas, breakdowns) and the yearly report's CSV, whose every line is checked against the fixed fixture.

let staffCookie: string;
type PageData = Extract<Awaited<ReturnType<typeof pageLoader>>, { fiscalYear: number }>;
const loadPage = async (url: string) => (await callLoader(pageLoader, url, {}, { Cookie: staffCookie })) as PageData;
const ja = serverI18n.getFixedT("ja", "common");

beforeAll(async () => {
  await createDashboardFixture();
  staffCookie = await createSession(await createStaff(), SESSION_POLICIES.STAFF);
});

describe("choosing the fiscal year", () => {
  it("offers the years from the first account to the current one, newest first; blank is the current one", async () => {
    const now = fromTokyo(2032, 5, 1);
    const choices = await fiscalYearChoices(now);
    expect(choices[0]).toBe(2032);
    expect(choices).toContain(2031);
    expect(choices).toEqual([...choices].sort((a, b) => b - a));
    expect(choices.length).toBeLessThanOrEqual(11);
    expect(parseFiscalYear(null, choices)).toBe(2032);
    expect(parseFiscalYear("", choices)).toBe(2032);
    expect(parseFiscalYear("２０３１", choices)).toBe(2031);
    for (const bad of ["2040", "31", "2031-04", "abc", "2031 OR 1=1"]) expect(parseFiscalYear(bad, choices), bad).toBeNull();
  });

  it("the page shows the current fiscal year by default, and an unknown one is a 400 that says so", async () => {
    const page = await loadPage("/staff/dashboard");
    expect(page).toMatchObject({ fiscalYear: fiscalYearOf(new Date()), badYear: false });
    const request = new Request("http://localhost:3000/staff/dashboard?fy=1999", { headers: { Cookie: staffCookie } });
    const bad = (await pageLoader({ request, params: {}, context: {} })) as unknown as { data: { badYear: boolean; fiscalYear: number }; init: { status: number } };
    expect(bad.init.status).toBe(400);
    expect(bad.data).toMatchObject({ badYear: true, fiscalYear: fiscalYearOf(new Date()) });
  });

  it("lists the plan's measures ⑥–⑰ as rows and every figure with twelve months", async () => {
    const page = await loadPage("/staff/dashboard");
    expect(page.measures.map((m) => m.number)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(page.monthLabels).toEqual(["4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月"]);
    expect(page.figures.map((f) => f.byMonth.length)).toEqual(page.figures.map(() => 12));
    expect(page.areas.at(-1)).toEqual({ slug: "none", name: "地区なし" });
    expect(page.breakdowns.map((b) => b.id)).toEqual(["usersByLanguage", "itemsByAudience", "openingsByMode"]);
  });
});

describe("the yearly report's CSV", () => {
  it("holds every figure by month, area and year, exactly, on the fixture", async () => {
    const dashboard = await computeDashboard(FIXTURE_FY, AFTER_THE_YEAR);
    const areas = await prisma.area.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true } });
    const audiences = await prisma.audience.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true } });
    const csv = dashboardCsv(dashboard, ja, { areas: Object.fromEntries(areas.map((a) => [a.slug, a.name])), audiences: Object.fromEntries(audiences.map((a) => [a.slug, a.name])) }, "ja");

    // What the seed contributes (places listed before the year, published listings by audience and mode).
    const until = AFTER_THE_YEAR > fromTokyo(2032, 4, 1) ? fromTokyo(2032, 4, 1) : AFTER_THE_YEAR;
    const listed = await prisma.place.findMany({ where: { status: "published", publishedAt: { lt: until } }, select: { publishedAt: true, area: { select: { slug: true } } } });
    const seedListed = listed.filter((p) => p.publishedAt! < fromTokyo(2031, 4, 1)).length;
    const placesByArea: Record<string, number> = {};
    for (const p of listed) placesByArea[p.area?.slug ?? "none"] = (placesByArea[p.area?.slug ?? "none"] ?? 0) + 1;
    const published = { status: "published" };
    const byAudience = await Promise.all(
      audiences.map(async (a) => {
        const where = { ...published, audiences: { some: { slug: a.slug } } };
        return [a.slug, a.name, (await prisma.place.count({ where })) + (await prisma.event.count({ where })) + (await prisma.opening.count({ where }))] as const;
      }),
    );
    const modes = await prisma.opening.groupBy({ by: ["participationMode"], where: published, _count: { _all: true }, orderBy: { participationMode: "asc" } });

    const months = ["2031-04", "2031-05", "2031-06", "2031-07", "2031-08", "2031-09", "2031-10", "2031-11", "2031-12", "2032-01", "2032-02", "2032-03"];
    const monthName = (key: string) => `${Number(key.slice(5))}月`;
    const lines = ["年度,施策,指標コード,指標,区分,キー,項目,値"];
    const figure = (code: string, measures: string, name: string, byMonth: Record<string, number>, byArea: Record<string, number>, year: [string, number], monthly?: (key: string) => number) => {
      for (const m of months) lines.push(`2031,${measures},${code},${name},月,${m},${monthName(m)},${monthly ? monthly(m) : (byMonth[m] ?? 0)}`);
      for (const a of [...areas, { slug: "none", name: "地区なし" }]) lines.push(`2031,${measures},${code},${name},地区,${a.slug},${a.name},${byArea[a.slug] ?? 0}`);
      lines.push(`2031,${measures},${code},${name},${year[0]},2031,2031年度,${year[1]}`);
    };
    figure("newResidents", "⑨・⑮", "新しく登録した住民", { "2031-05": 3, "2031-06": 1 }, { fujimi: 2, kita: 1, none: 1 }, ["年度計", 4]);
    figure("newVolunteers", "⑥・⑦", "新しいボランティア", { "2031-06": 2 }, { fujimi: 2 }, ["年度計", 2]);
    figure("proxyRegistered", "⑬", "職員が代理登録した住民", { "2031-05": 1 }, { kita: 1 }, ["年度計", 1]);
    figure("applications", "⑦・⑨", "ボランティアの申し込み", { "2031-06": 2, "2031-10": 1 }, { fujimi: 3 }, ["年度計", 3]);
    figure("attendance", "⑥・⑦", "ボランティアの参加（出席）", { "2031-06": 1, "2031-10": 1 }, { fujimi: 2 }, ["年度計", 2]);
    figure("volunteerHours", "⑥・⑦", "ボランティアの活動時間（時間）", { "2031-06": 2.5, "2031-10": 1.5 }, { fujimi: 4 }, ["年度計", 4]);
    figure("firstTimeParticipants", "⑭", "はじめて参加した人", { "2031-06": 4 }, { fujimi: 2, kita: 2 }, ["年度計", 4]);
    figure("activePlaces", "⑩・⑪・⑫", "掲載中の居場所", {}, placesByArea, ["年度末", seedListed + 1], (m) => (m >= "2031-09" ? seedListed + 1 : seedListed));
    figure("eventsHeld", "⑩・⑫・⑯", "開かれた催し（回）", { "2031-06": 1, "2032-02": 1 }, { kita: 2 }, ["年度計", 2]);
    figure("eventParticipants", "⑩・⑯", "催しの参加者", { "2031-06": 3 }, { kita: 3 }, ["年度計", 3]);
    lines.push("2031,,usersByLanguage,表示言語別の新しい住民,表示言語,ja,日本語,3", "2031,,usersByLanguage,表示言語別の新しい住民,表示言語,vi,ベトナム語,1");
    for (const [slug, name, count] of byAudience) lines.push(`2031,,itemsByAudience,対象者別の掲載数（居場所・催し・募集）,対象者,${slug},${name},${count}`);
    const modeNames: Record<string, string> = { "in-person": "現地で活動", online: "オンライン", "at-home": "自宅でできる", goods: "物品の寄付", skills: "特技を活かす" };
    for (const m of modes) lines.push(`2031,,openingsByMode,参加のしかた別の募集,参加のしかた,${m.participationMode},${modeNames[m.participationMode]},${m._count._all}`);

    expect(lines.join("").includes('"')).toBe(false);
    expect(csv).toBe(`\uFEFF${lines.join("\r\n")}\r\n`);
    expect(seedListed).toBeGreaterThan(0);
  });

  it("is served to staff as a UTF-8 CSV with BOM for the chosen year; an unknown year is a 400", async () => {
    const fy = fiscalYearOf(new Date());
    const res = await callLoader(csvLoader, `/staff/dashboard.csv?fy=${fy}`, {}, { Cookie: staffCookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="tsunagu-figures-fy${fy}.csv"`);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]).toBe("年度,施策,指標コード,指標,区分,キー,項目,値");
    expect(text).toContain(`${fy},⑨・⑮,newResidents,新しく登録した住民,年度計,${fy},${fy}年度,`);
    const en = await callLoader(csvLoader, `/staff/dashboard.csv?fy=${fy}&lng=en`, {}, { Cookie: staffCookie });
    // Response.text() drops the BOM as it decodes.
    expect((await en.text()).split("\r\n")[0]).toBe("Fiscal year,Measures,Figure code,Figure,Scope,Key,Label,Value");
    const bad = await callLoader(csvLoader, "/staff/dashboard.csv?fy=20x1", {}, { Cookie: staffCookie });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
  });
});
