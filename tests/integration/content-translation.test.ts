import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { SESSION_POLICIES } from "~/modules/auth/session.server";
import { searchEverything } from "~/modules/discovery/search.server";
import { NO_FILTERS } from "~/modules/listing/filters";
import { listReviewQueue } from "~/modules/moderation/queue.server";
import { canReviewTranslations, reviewSubmission } from "~/modules/translation/community.server";
import * as placeTranslations from "~/routes/manage.groups.$groupId.places.$placeId_.translations";
import * as translateIndex from "~/routes/translate._index";
import * as translateItem from "~/routes/translate.$kind.$id";
import * as reviewPage from "~/routes/translate.review.$id";
import * as certificatePage from "~/routes/me.certificate";
import { actionAnswer, emailsTo, latestEmail } from "../support/auth";
import { createGroup, createPlace, createResident, createSession, createStaff, type TestUser } from "../support/factories";
import { renderRoutes } from "../support/render-app";

// Content translation: the organiser's own translations (published at once), search by translated words, and the
// community flow at /translate (submitted → reviewed by someone else → published, searchable, hours credited).

const ORIGIN = "http://localhost:3000";
type Fields = Record<string, string>;
type Action = (args: ActionFunctionArgs) => unknown;
type Loader = (args: LoaderFunctionArgs) => unknown;
let ip = 0;

async function submit(action: Action, url: string, params: Record<string, string>, fields: Fields, cookie?: string) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  ip += 1;
  headers.set(CLIENT_IP_HEADER, `10.88.${Math.floor(ip / 250)}.${(ip % 250) + 1}`);
  if (cookie) headers.set("Cookie", cookie);
  try {
    const out = await action({ request: new Request(`${ORIGIN}${url}`, { method: "POST", headers, body: new URLSearchParams(fields) }), params, context: {} });
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location"), data: undefined };
    const answer = actionAnswer(out);
    return { status: answer.status, location: null, data: answer.data as { result?: { error?: Record<string, string[] | null> }; error?: string } };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location"), data: undefined };
    throw error;
  }
}

async function load<T = Record<string, unknown>>(loader: Loader, url: string, params: Record<string, string>, cookie?: string) {
  try {
    const data = (await loader({ request: new Request(`${ORIGIN}${url}`, { headers: new Headers(cookie ? { Cookie: cookie } : {}) }), params, context: {} })) as T;
    return { status: 200, data, location: null as string | null };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, data: undefined, location: error.headers.get("Location") };
    throw error;
  }
}

let handle: (request: Request) => Promise<Response>;
async function page(url: string) {
  const response = await handle(new Request(new URL(url, ORIGIN)));
  return { status: response.status, html: await response.text() };
}

/** The opening tag of the element whose text is exactly `text`. */
function tagAround(html: string, text: string): string {
  const at = html.indexOf(`>${text}<`);
  expect(at, `${text} is on the page`).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<", at), at + 1);
}

let owner: TestUser;
let ownerCookie: string;
let outsiderCookie: string;
let placeId: number;
let groupId: number;
const params = () => ({ groupId: String(groupId), placeId: String(placeId) });
const url = (lang = "en") => `/manage/groups/${groupId}/places/${placeId}/translations?lang=${lang}`;

beforeAll(async () => {
  ({ handle } = await renderRoutes(["places.$id", "search"]));
  owner = await createResident({ name: "世話人 花子" });
  ownerCookie = await createSession(owner);
  outsiderCookie = await createSession(await createResident({ name: "通りがかり 太郎" }));
  const group = await createGroup({ owner, name: "ひだまりの会" });
  groupId = group.id;
  placeId = (
    await createPlace(group, {
      name: "ひだまりサロン",
      summary: "毎週水曜日にお茶を飲みながら話す集まりです。",
      description: "どなたでも気軽にお越しください。",
      access: "市役所から歩いて5分です。",
      whatToBring: "飲み物",
    })
  ).id;
});

describe("an organiser translates their place", () => {
  it("publishes English and easy Japanese at once; readers see them, and the untranslated field says it is the Japanese original", async () => {
    const en = await submit(placeTranslations.action, url(), params(), { locale: "en", name: "Hidamari Sunshine Salon", summary: "A weekly chat over tea on Wednesdays." }, ownerCookie);
    expect(en.status).toBe(302);
    expect(en.location).toContain("saved=1");
    const easy = await submit(placeTranslations.action, url("ja-x-easy"), params(), { locale: "ja-x-easy", summary: "まいしゅう すいようびに おちゃを のみながら はなします。" }, ownerCookie);
    expect(easy.status).toBe(302);

    const english = (await page(`/places/${placeId}?lng=en`)).html;
    expect(tagAround(english, "Hidamari Sunshine Salon")).not.toContain('lang="ja"');
    expect(tagAround(english, "A weekly chat over tea on Wednesdays.")).not.toContain('lang="ja"');
    expect(english).not.toContain("毎週水曜日にお茶を飲みながら話す集まりです。");
    // The description has no English version: it shows in Japanese, marked as such for people and screen readers.
    expect(english).toMatch(/<div class="prose" lang="ja"><p>どなたでも気軽にお越しください。<\/p>/);
    expect(english).toContain("Original (Japanese)");

    const easyPage = (await page(`/places/${placeId}?lng=ja-x-easy`)).html;
    expect(easyPage).toContain("まいしゅう すいようびに おちゃを のみながら はなします。");
    expect(easyPage).not.toContain("毎週水曜日にお茶を飲みながら話す集まりです。");

    const audit = await prisma.auditLog.findFirst({ where: { action: "place.translate", entityId: placeId }, orderBy: { id: "desc" }, select: { actorId: true, detail: true } });
    expect(audit?.actorId).toBe(owner.id);
    expect(JSON.parse(audit!.detail)).toEqual({ locale: "ja-x-easy", fields: ["summary"] });
  });

  it("shows each language's progress, easy Japanese first, and flags a translation whose original changed", async () => {
    const before = await load<Awaited<ReturnType<typeof placeTranslations.loader>>>(placeTranslations.loader, url(), params(), ownerCookie);
    expect(before.data!.languages[0]).toMatchObject({ locale: "ja-x-easy", coverage: "partial", translated: 1 });
    expect(before.data!.languages.find((l) => l.locale === "en")).toMatchObject({ coverage: "partial", translated: 2, outdated: 0 });
    expect(before.data!.languages.find((l) => l.locale === "ko")).toMatchObject({ coverage: "missing", translated: 0 });
    await prisma.place.update({ where: { id: placeId }, data: { name: "ひだまりサロン鶴ヶ島" } });
    const after = await load<Awaited<ReturnType<typeof placeTranslations.loader>>>(placeTranslations.loader, url(), params(), ownerCookie);
    expect(after.data!.fields.find((f) => f.field === "name")).toMatchObject({ value: "Hidamari Sunshine Salon", outdated: true });
    expect(after.data!.fields.find((f) => f.field === "summary")).toMatchObject({ outdated: false });
    // Readers keep the translation meanwhile; saving it again marks it current.
    expect((await page(`/places/${placeId}?lng=en`)).html).toContain("Hidamari Sunshine Salon");
    await submit(placeTranslations.action, url(), params(), { locale: "en", name: "Hidamari Sunshine Salon", summary: "A weekly chat over tea on Wednesdays." }, ownerCookie);
    const saved = await load<Awaited<ReturnType<typeof placeTranslations.loader>>>(placeTranslations.loader, url(), params(), ownerCookie);
    expect(saved.data!.fields.find((f) => f.field === "name")).toMatchObject({ outdated: false });
  });

  it("is the group's page only: others get the workspace's 404, visitors are sent to log in", async () => {
    expect((await load(placeTranslations.loader, url(), params(), outsiderCookie)).status).toBe(404);
    expect((await submit(placeTranslations.action, url(), params(), { locale: "en", name: "Hijacked" }, outsiderCookie)).status).toBe(404);
    const anonymous = await load(placeTranslations.loader, url(), params());
    expect(anonymous.location).toMatch(/^\/login/);
    expect(await prisma.translation.count({ where: { entityType: "place", entityId: placeId, value: "Hijacked" } })).toBe(0);
  });

  it("refuses bad input with the form's translated errors and changes nothing", async () => {
    const rows = () => prisma.translation.findMany({ where: { entityType: "place", entityId: placeId }, select: { field: true, locale: true, value: true }, orderBy: { id: "asc" } });
    const before = await rows();
    const control = await submit(placeTranslations.action, url(), params(), { locale: "en", name: "Bad\u0007name", summary: "Changed too" }, ownerCookie);
    expect(control.status).toBe(400);
    expect(control.data!.result!.error!.name).toEqual(["errors.invalidCharacters"]);
    const long = await submit(placeTranslations.action, url(), params(), { locale: "en", name: "x".repeat(201) }, ownerCookie);
    expect(long.data!.result!.error!.name).toEqual(["errors.tooLong"]);
    const language = await submit(placeTranslations.action, url(), params(), { locale: "xx", name: "Fine" }, ownerCookie);
    expect(language.status).toBe(400);
    expect(language.data!.result!.error![""]).toEqual(["errors.invalidChoice"]);
    expect(await rows()).toEqual(before);
  });
});

describe("search finds items by their translated words", () => {
  it("in any interface language, on the search page too", async () => {
    for (const locale of ["en", "ja", "vi"]) {
      const found = await searchEverything("Sunshine", locale, NO_FILTERS);
      expect(found.places.map((p) => p.id), locale).toContain(placeId);
    }
    const html = (await page(`/search?q=Sunshine&lng=ja`)).html;
    expect(html).toContain(`/places/${placeId}`);
  });
});

describe("community translation at /translate", () => {
  let volunteer: TestUser;
  let volunteerCookie: string;
  let staff: TestUser;
  let staffCookie: string;
  let submissionId: number;

  beforeAll(async () => {
    volunteer = await createResident({ name: "翻訳 好子" });
    volunteerCookie = await createSession(volunteer);
    staff = await createStaff({ name: "社協 確認" });
    staffCookie = await createSession(staff, SESSION_POLICIES.STAFF);
  });

  it("sends visitors to log in and lists the place for a language it lacks", async () => {
    expect((await load(translateIndex.loader, "/translate", {})).location).toMatch(/^\/login/);
    // The list comes a page at a time (most read first); every page says how many there are in all.
    type Page = Awaited<ReturnType<typeof translateIndex.loader>>;
    const first = (await load<Page>(translateIndex.loader, "/translate?lang=en", {}, volunteerCookie)).data!;
    const pages = Math.ceil(first.total / 20);
    expect(first.tasks.length).toBe(Math.min(20, first.total));
    const seen = new Set(first.tasks.map((t) => `${t.kind}:${t.id}`));
    let task = first.tasks.find((t) => t.kind === "place" && t.id === placeId);
    for (let n = 2; n <= pages; n++) {
      const page = (await load<Page>(translateIndex.loader, `/translate?lang=en&page=${n}`, {}, volunteerCookie)).data!;
      expect(page.page).toBe(n);
      for (const t of page.tasks) {
        expect(seen.has(`${t.kind}:${t.id}`), "each task on one page only").toBe(false);
        seen.add(`${t.kind}:${t.id}`);
      }
      task ??= page.tasks.find((t) => t.kind === "place" && t.id === placeId);
    }
    expect(seen.size).toBe(first.total);
    expect(task).toMatchObject({ missing: 3, total: 5 });
    // A page past the end shows the last page, not an empty list.
    expect((await load<Page>(translateIndex.loader, "/translate?lang=en&page=999", {}, volunteerCookie)).data!.page).toBe(Math.max(1, pages));
  });

  it("a submission waits for review and is not public; the translator cannot review it", async () => {
    const itemUrl = `/translate/place/${placeId}?lang=en`;
    const itemParams = { kind: "place", id: String(placeId) };
    const empty = await submit(translateItem.action, itemUrl, itemParams, { locale: "en" }, volunteerCookie);
    expect(empty.status).toBe(400);
    expect(empty.data!.result!.error![""]).toEqual(["translate.errors.empty"]);
    // Fields already translated by the organiser are not offered, so a value for them is ignored.
    const sent = await submit(translateItem.action, itemUrl, itemParams, { locale: "en", description: "Everyone is welcome, come as you are.", name: "Overwritten" }, volunteerCookie);
    expect(sent.status).toBe(302);
    const row = await prisma.translation.findFirstOrThrow({ where: { entityType: "place", entityId: placeId, locale: "en", field: "description" }, select: { status: true, source: true, submissionId: true } });
    expect(row).toMatchObject({ status: "pending", source: "volunteer" });
    submissionId = row.submissionId!;
    expect((await prisma.translation.findFirstOrThrow({ where: { entityType: "place", entityId: placeId, locale: "en", field: "name" } })).value).toBe("Hidamari Sunshine Salon");

    // (The interface words the page carries say "Everyone is welcome" elsewhere: the check is on the volunteer's own words.)
    expect((await page(`/places/${placeId}?lng=en`)).html).not.toContain("come as you are");
    expect((await searchEverything("welcome", "en", NO_FILTERS)).places.map((p) => p.id)).not.toContain(placeId);

    // Not a reviewer yet: the review page does not exist for them; and nobody reviews their own work.
    expect((await load(reviewPage.loader, `/translate/review/${submissionId}`, { id: String(submissionId) }, volunteerCookie)).status).toBe(404);
    expect(await reviewSubmission(submissionId, "approve", { id: volunteer.id, roles: ["resident", "staff"] })).toEqual({ ok: false, refusal: "own-work" });
    expect((await prisma.translationSubmission.findUniqueOrThrow({ where: { id: submissionId } })).status).toBe("pending");
  });

  it("staff approve it from the review queue: published, searchable, and the hours are on the certificate", async () => {
    const queue = await listReviewQueue({ kind: "translation" });
    expect(queue.map((e) => e.key)).toContain(`translation:${submissionId}`);
    const approved = await submit(reviewPage.action, `/translate/review/${submissionId}`, { id: String(submissionId) }, { intent: "approve" }, staffCookie);
    expect(approved.status).toBe(302);
    expect(approved.location).toBe("/staff/review?decided=approve");
    expect((await listReviewQueue({ kind: "translation" })).map((e) => e.key)).not.toContain(`translation:${submissionId}`);

    const row = await prisma.translation.findFirstOrThrow({ where: { entityType: "place", entityId: placeId, locale: "en", field: "description" }, select: { status: true, reviewerId: true } });
    expect(row).toEqual({ status: "approved", reviewerId: staff.id });
    const english = (await page(`/places/${placeId}?lng=en`)).html;
    expect(tagAround(english, "Everyone is welcome, come as you are.")).not.toContain('lang="ja"');
    expect((await searchEverything("welcome", "ko", NO_FILTERS)).places.map((p) => p.id)).toContain(placeId);

    const certificate = await load<Awaited<ReturnType<typeof certificatePage.loader>>>(certificatePage.loader, "/me/certificate", {}, volunteerCookie);
    expect(certificate.data!.certificate.activities).toEqual([expect.objectContaining({ title: "翻訳・やさしい日本語ボランティア", hours: 0.5 })]);
    expect(certificate.data!.certificate.totalHours).toBe(0.5);
    // Decided once: approving again credits nothing more.
    expect(await reviewSubmission(submissionId, "approve", { id: staff.id, roles: ["staff"] })).toEqual({ ok: false, refusal: "not-found" });
    expect(await prisma.application.count({ where: { userId: volunteer.id, status: "attended" } })).toBe(1);

    // The volunteer hears it, in their language, once.
    const mail = await latestEmail(volunteer.email, "translation-decided");
    expect(mail.subject).toBe("【つなぐ】翻訳の確認の結果");
    expect(mail.textBody).toContain("English");
    expect(mail.textBody).toContain("0.5 時間");
    expect(await emailsTo(volunteer.email, "translation-decided")).toHaveLength(1);
  });

  it("sent back with a reason: not published, and the translator sees why", async () => {
    const itemParams = { kind: "place", id: String(placeId) };
    await submit(translateItem.action, `/translate/place/${placeId}?lang=en`, itemParams, { locale: "en", access: "Five minutes by bus." }, volunteerCookie);
    const row = await prisma.translation.findFirstOrThrow({ where: { entityType: "place", entityId: placeId, locale: "en", field: "access" }, select: { submissionId: true } });
    const id = String(row.submissionId);
    const noReason = await submit(reviewPage.action, `/translate/review/${id}`, { id }, { intent: "reject" }, staffCookie);
    expect(noReason.status).toBe(400);
    expect(noReason.data!.error).toBe("translate.errors.reason-required");
    const back = await submit(reviewPage.action, `/translate/review/${id}`, { id }, { intent: "reject", reason: "市役所からは歩いて5分です。バスではありません。" }, staffCookie);
    expect(back.status).toBe(302);
    expect((await prisma.translation.findFirstOrThrow({ where: { entityType: "place", entityId: placeId, locale: "en", field: "access" } })).status).toBe("rejected");
    expect((await page(`/places/${placeId}?lng=en`)).html).not.toContain("Five minutes by bus.");
    const mine = await load<Awaited<ReturnType<typeof translateIndex.loader>>>(translateIndex.loader, "/translate?lang=en", {}, volunteerCookie);
    expect(mine.data!.mine[0]).toMatchObject({ status: "rejected", reason: "市役所からは歩いて5分です。バスではありません。" });
    const mail = await latestEmail(volunteer.email, "translation-decided");
    expect(mail.textBody).toContain("理由：市役所からは歩いて5分です。バスではありません。");
    expect(mail.textBody).toContain(`/translate/place/${placeId}?lang=en`);
    // The field is open again, with their text to work on; no hours for a translation sent back.
    const task = await load<Awaited<ReturnType<typeof translateItem.loader>>>(translateItem.loader, `/translate/place/${placeId}?lang=en`, itemParams, volunteerCookie);
    expect(task.data!.fields.find((f) => f.field === "access")).toMatchObject({ state: "open", value: "Five minutes by bus." });
    expect(await prisma.application.count({ where: { userId: volunteer.id, status: "attended" } })).toBe(1);
  });

  it("a volunteer with enough reviewed translations may review other people's", async () => {
    const reviewer = await createResident({ name: "確認 上手" });
    expect(await canReviewTranslations({ id: reviewer.id, roles: ["resident"] })).toBe(false);
    await prisma.translationSubmission.createMany({ data: [1, 2, 3].map((n) => ({ entityType: "place", entityId: placeId, locale: "vi", translatorId: reviewer.id, status: "approved", createdAt: new Date(Date.now() - n * 1000) })) });
    expect(await canReviewTranslations({ id: reviewer.id, roles: ["resident"] })).toBe(true);
  });
});
