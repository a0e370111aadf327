import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { openEmail, storedHeaders } from "~/modules/email/outbox.server";
import { ALL_TIMES } from "~/modules/matching/constants";
import { DIGEST_INTERVAL_DAYS, queueWeeklyDigests } from "~/modules/matching/digest.server";
import { createEvent, createGroup, createOpening, createResident, type TestUser } from "../support/factories";
import { withEmailDelivery } from "../support/email-delivery";
import { renderRoutes } from "../support/render-app";

// Issue 12, the weekly digest: opt-in, at most one in seven days, only when something published since the last one
// fits the person, the items ranked by the matching core with their reasons as text, in the person's language, with
// links to the items and the profile, and a one-click unsubscribe (a sealed link in the body and RFC 8058 headers).
//
// The runs happen "in the future" (T, a month ahead): every seeded item was published before T minus a week, so the
// items a digest may hold are exactly the ones these tests publish.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const T = new Date(Date.now() + 30 * DAY_MS);
const at = (offsetMs: number) => new Date(T.getTime() + offsetMs);

const delivery = withEmailDelivery();

let elderly: { id: number; name: string; en: string };
let children: { id: number; name: string };
let areaId: number;
let otherAreaId: number;
let group: { id: number };

/** A resident who asked for the digest: interested in 高齢者, living in `areaId`, free at any time. */
async function subscriber(options: { name?: string; locale?: string; lastSent?: Date | null; digest?: boolean; verified?: boolean } = {}): Promise<TestUser> {
  const person = await createResident({ name: options.name ?? "週報 花子", verified: options.verified });
  await prisma.user.update({ where: { id: person.id }, data: { locale: options.locale ?? "ja" } });
  await prisma.profile.update({
    where: { userId: person.id },
    data: {
      notifyDigest: options.digest ?? true,
      digestSentAt: options.lastSent === undefined ? at(-DIGEST_INTERVAL_DAYS * DAY_MS - HOUR_MS) : options.lastSent,
      areaId,
      availability: ALL_TIMES,
      interests: { connect: [{ id: elderly.id }] },
    },
  });
  return person;
}

/** An opening of the test group published at `publishedAt`, with a shift ten days after T (or at `shiftAt`). */
function opening(title: string, publishedAt: Date, fields: { categoryId?: number; area?: number; shiftAt?: Date } = {}) {
  return createOpening(group, {
    title,
    publishedAt,
    areaId: fields.area ?? areaId,
    categories: { connect: [{ id: fields.categoryId ?? elderly.id }] },
    shifts: [{ startsAt: fields.shiftAt ?? at(10 * DAY_MS) }],
  });
}

const digestsTo = (userId: number) => prisma.emailOutbox.findMany({ where: { userId, template: "digest" }, orderBy: { id: "asc" } });
const lastSentOf = async (userId: number) => (await prisma.profile.findUniqueOrThrow({ where: { userId }, select: { digestSentAt: true } })).digestSentAt;

beforeAll(async () => {
  const cat = await prisma.category.findFirstOrThrow({ where: { slug: "elderly" }, select: { id: true, name: true } });
  const en = await prisma.translation.findFirst({ where: { entityType: "category", entityId: cat.id, locale: "en", field: "name" }, select: { value: true } });
  elderly = { ...cat, en: en?.value ?? cat.name };
  children = await prisma.category.findFirstOrThrow({ where: { slug: "children" }, select: { id: true, name: true } });
  const areas = await prisma.area.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true }, take: 8 });
  areaId = areas[1]!.id;
  otherAreaId = areas[7]!.id;
  group = await createGroup({ name: "週報テストの会" });
});

describe("the weekly digest's content", () => {
  it("lists the new items that fit, with reasons and links, in each person's language, and marks the digest sent", async () => {
    const ja = await subscriber({ name: "高橋 和子" });
    const en = await subscriber({ name: "Anna Silva", locale: "en" });
    const fresh = await opening("配食サービスのお弁当配達", at(-DAY_MS));
    const event = await createEvent(group, {
      title: "シニアのスマホ教室",
      publishedAt: at(-2 * DAY_MS),
      areaId,
      categories: { connect: [{ id: elderly.id }] },
      dates: [{ startsAt: at(12 * DAY_MS) }],
    });
    // Published before the last digest: not new, however well it fits.
    const old = await opening("前回より前の見守り訪問", at(-DIGEST_INTERVAL_DAYS * DAY_MS - 2 * HOUR_MS));

    expect(await queueWeeklyDigests(T)).toBeGreaterThanOrEqual(2);

    const [jaMail] = await digestsTo(ja.id);
    expect(jaMail).toMatchObject({ locale: "ja", toAddress: ja.email });
    // No typed words in a subject; the unsubscribe link rests sealed, out of the stored body.
    expect(jaMail!.subject).toBe("【つなぐ】あなたに合いそうな新しい活動");
    expect(jaMail!.textBody).not.toContain("/unsubscribe/");
    const jaText = openEmail(jaMail!)!.textBody;
    expect(jaText).toContain("高橋 和子 さん");
    expect(jaText).toContain("配食サービスのお弁当配達\nおすすめの理由：");
    expect(jaText).toContain("シニアのスマホ教室\nおすすめの理由：");
    expect(jaText).toContain(`「${elderly.name}」に関心のあるあなたに`);
    expect(jaText).toContain(`http://localhost:3000/volunteer/${fresh.id}`);
    expect(jaText).toContain(`http://localhost:3000/events/${event.id}`);
    expect(jaText).toContain("http://localhost:3000/me/profile");
    expect(jaText).toMatch(/http:\/\/localhost:3000\/unsubscribe\/\d+\.\d+\.[\w-]{43}/);
    expect(jaText).not.toContain("前回より前の見守り訪問");
    expect(jaText).not.toContain(`/volunteer/${old.id}`);

    const [enMail] = await digestsTo(en.id);
    expect(enMail!.locale).toBe("en");
    const enText = openEmail(enMail!)!.textBody;
    expect(enMail!.subject).toBe("[Tsunagu] New ways to take part that may suit you");
    expect(enText).toContain("Hello Anna Silva,");
    expect(enText).toContain("Why: ");
    expect(enText).toContain(elderly.en);
    expect(enText).toContain(`http://localhost:3000/volunteer/${fresh.id}`);

    expect(await lastSentOf(ja.id)).toEqual(T);
  });

  it("leaves out new items that fit nothing about the person, and sends nothing when nothing new fits", async () => {
    // Later than the other tests' runs, so the only new item is this one.
    const later = at(20 * DAY_MS);
    const person = await subscriber({ name: "遠く 住む", lastSent: new Date(later.getTime() - DIGEST_INTERVAL_DAYS * DAY_MS - 60_000) });
    // New, but another field of interest, outside their own area (all they will travel to), at a time they did not
    // give: nothing about this person.
    await prisma.profile.update({ where: { userId: person.id }, data: { availability: 1, reach: "own" } });
    await opening("子ども食堂の配膳", new Date(later.getTime() - HOUR_MS), { categoryId: children.id, area: otherAreaId, shiftAt: new Date(later.getTime() + 10 * DAY_MS + 19 * HOUR_MS) });
    const before = await lastSentOf(person.id);
    await queueWeeklyDigests(later);
    expect(await digestsTo(person.id)).toHaveLength(0);
    // Nothing queued, so the next digest still covers everything since the last one.
    expect(await lastSentOf(person.id)).toEqual(before);
  });

  it("goes only to people who asked for it and confirmed their address", async () => {
    await opening("傾聴ボランティア", at(-HOUR_MS));
    const off = await subscriber({ name: "止めた 人", digest: false });
    const unverified = await subscriber({ name: "未確認 人", verified: false });
    await queueWeeklyDigests(T);
    expect(await digestsTo(off.id)).toHaveLength(0);
    expect(await digestsTo(unverified.id)).toHaveLength(0);
  });
});

describe("how often", () => {
  it("sends at most one in seven days, nothing when nothing is new, and the next one once something new fits", async () => {
    const person = await subscriber({ name: "毎週 読む" });
    await opening("デイサービスの話し相手", at(-DAY_MS));
    await queueWeeklyDigests(T);
    expect(await digestsTo(person.id)).toHaveLength(1);

    // Something new the next day, but the week is not over.
    await opening("敬老会のお手伝い", at(HOUR_MS));
    await queueWeeklyDigests(at(2 * HOUR_MS));
    await queueWeeklyDigests(at(6 * DAY_MS));
    expect(await digestsTo(person.id)).toHaveLength(1);

    // A week later: the item from the next day is new since the last digest.
    const week = at(DIGEST_INTERVAL_DAYS * DAY_MS + 60_000);
    await queueWeeklyDigests(week);
    const mails = await digestsTo(person.id);
    expect(mails).toHaveLength(2);
    expect(openEmail(mails[1]!)!.textBody).toContain("敬老会のお手伝い");
    expect(openEmail(mails[1]!)!.textBody).not.toContain("デイサービスの話し相手");

    // Another week with nothing new: nothing, and the clock of the last digest stays.
    const quiet = at(2 * DIGEST_INTERVAL_DAYS * DAY_MS + 2 * 60_000);
    await queueWeeklyDigests(quiet);
    expect(await digestsTo(person.id)).toHaveLength(2);
    expect(await lastSentOf(person.id)).toEqual(week);
  });

  it("queues one digest per person when two workers run at once", async () => {
    const person = await subscriber({ name: "同時 実行" });
    await opening("買い物支援の付き添い", at(-DAY_MS));
    await Promise.all([queueWeeklyDigests(T), queueWeeklyDigests(at(1)), queueWeeklyDigests(at(2))]);
    expect(await digestsTo(person.id)).toHaveLength(1);
  });
});

describe("one-click unsubscribe from the email", () => {
  it("sends List-Unsubscribe and List-Unsubscribe-Post through Resend; a POST to that link with no session turns the digest off", async () => {
    const person = await subscriber({ name: "配信 停止" });
    await opening("ふれあい食事会の配膳", at(-DAY_MS));
    await queueWeeklyDigests(T);
    const [stored] = await digestsTo(person.id);
    // Stored: the headers with the link as a placeholder (it is a credential, sealed like the body's copy).
    const headers = storedHeaders(stored!);
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["List-Unsubscribe"]).toMatch(/^<\[\[unsubscribe-[0-9a-f]+\]\]>$/);

    await prisma.emailOutbox.update({ where: { id: stored!.id }, data: { nextAttemptAt: new Date() } });
    await delivery.sender.deliverDueEmails({ pace: false });
    const sent = delivery.recorder.delivered().find((r) => (r.body as { to: string[] }).to.includes(person.email));
    const sentHeaders = (sent!.body as { headers?: Record<string, string> }).headers!;
    expect(sentHeaders["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const link = /^<(http:\/\/localhost:3000\/unsubscribe\/[^>]+)>$/.exec(sentHeaders["List-Unsubscribe"]!)?.[1];
    expect(link).toBeTruthy();
    expect((sent!.body as { text: string }).text).toContain(link);

    // What a mail provider does with it (RFC 8058 §3.1): a POST with that body, no cookies, no Origin.
    const app = await renderRoutes(["unsubscribe.$token"]);
    const res = await app.handle(new Request(link!, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    expect(res.status).toBe(200);
    expect((await prisma.profile.findUniqueOrThrow({ where: { userId: person.id }, select: { notifyDigest: true } })).notifyDigest).toBe(false);

    // And no digest after that, whatever is new.
    await opening("秋祭りの受付", at(DIGEST_INTERVAL_DAYS * DAY_MS));
    await queueWeeklyDigests(at(DIGEST_INTERVAL_DAYS * DAY_MS + 60_000));
    expect(await digestsTo(person.id)).toHaveLength(1);
  });
});
