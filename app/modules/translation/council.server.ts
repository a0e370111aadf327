import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { prisma as appPrisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { tokyoSlot } from "~/utils/dates";
import { APPLICATION_STATUS } from "~/modules/participation/status";
import { GROUP_STATUS, ITEM_STATUS } from "~/modules/publishing/visibility";
import { TRANSLATION_SOURCE, TRANSLATION_STATUS } from "~/modules/i18n/content-fields";

// Translating is volunteering (PRODUCT.md: bilingual residents): the council keeps an opening of its own,
// 「翻訳・やさしい日本語ボランティア」 (category 多文化共生), and every reviewed translation becomes an attended, verified
// activity of it with its hours, so it counts on /me and on the ボランティア活動証明書 like any other activity.

type Db = PrismaClient | Prisma.TransactionClient;

export const COUNCIL_GROUP_KEY = "council";
export const TRANSLATION_OPENING_KEY = "translation";
/** Hours credited per reviewed translation (one item into one language). */
export const HOURS_PER_TRANSLATION = 0.5;
const MULTICULTURAL_CATEGORY = "multicultural";

const OPENING = {
  title: "翻訳・やさしい日本語ボランティア",
  summary: "居場所や催し、ボランティア募集の紹介文を、外国語ややさしい日本語に訳します。家からでも参加できます。",
  description:
    "「翻訳する」のページで、まだ訳されていない紹介文を選び、原文を見ながら訳を書きます。ほかのボランティアか社協の職員が確認してから公開します。確認された翻訳1件ごとに活動時間が記録され、ボランティア活動証明書に載ります。",
  purpose: "日本語が得意でない人にも、地域の居場所や催しの情報が届くようにするためです。",
  skills: "外国語、やさしい日本語",
};
const OPENING_TRANSLATIONS: Record<string, Record<string, string>> = {
  en: { title: "Translation and Easy Japanese volunteering", summary: "Translate descriptions of places, events and volunteer openings into other languages or Easy Japanese. You can take part from home." },
  "ja-x-easy": { title: "ほんやく・やさしい にほんごの ボランティア", summary: "いばしょや もよおしの せつめいを、ほかの ことばや やさしい にほんごに します。いえから できます。" },
};

/**
 * The council's group and its translation opening, created on first use (and by the seed): a fresh deployment
 * has neither, and a translation approved before anyone seeded must still credit its hours.
 */
export async function ensureTranslationOpening(db: Db = appPrisma): Promise<{ groupId: number; openingId: number }> {
  const existing = await db.opening.findUnique({ where: { systemKey: TRANSLATION_OPENING_KEY }, select: { id: true, groupId: true } });
  if (existing) return { groupId: existing.groupId, openingId: existing.id };
  const env = getEnv();
  const group =
    (await db.group.findUnique({ where: { systemKey: COUNCIL_GROUP_KEY }, select: { id: true } })) ??
    (await db.group.create({
      data: { systemKey: COUNCIL_GROUP_KEY, name: env.COUNCIL_NAME, nameKana: "", kind: "社会福祉法人", status: GROUP_STATUS.approved, approvedAt: new Date(), contactPhone: env.COUNCIL_PHONE },
      select: { id: true },
    }));
  const category = await db.category.findUnique({ where: { slug: MULTICULTURAL_CATEGORY }, select: { id: true } });
  const opening = await db.opening.create({
    data: {
      ...OPENING,
      systemKey: TRANSLATION_OPENING_KEY,
      groupId: group.id,
      participationMode: "online",
      languages: ",ja,en,zh-Hans,ko,vi,tl,ne,pt-BR,",
      status: ITEM_STATUS.published,
      publishedAt: new Date(),
      ...(category ? { categories: { connect: [{ id: category.id }] } } : {}),
    },
    select: { id: true },
  });
  for (const [locale, fields] of Object.entries(OPENING_TRANSLATIONS)) {
    for (const [field, value] of Object.entries(fields)) {
      await db.translation.create({
        data: { entityType: "opening", entityId: opening.id, field, locale, value, source: TRANSLATION_SOURCE.staff, status: TRANSLATION_STATUS.approved, sourceText: OPENING[field as keyof typeof OPENING] },
      });
    }
  }
  return { groupId: group.id, openingId: opening.id };
}

/**
 * Records one reviewed translation as a verified activity of the translator: a half-hour slot of the translation
 * opening ending when it was approved, with an attended application carrying the hours. Returns the application's id
 * (kept on the submission, so a submission is credited once).
 */
export async function creditTranslation(tx: Prisma.TransactionClient, input: { translatorId: number; reviewerId: number; at: Date }): Promise<number> {
  const { openingId } = await ensureTranslationOpening(tx);
  const startsAt = new Date(input.at.getTime() - HOURS_PER_TRANSLATION * 3_600_000);
  const shift = await tx.shift.create({
    data: { openingId, startsAt, endsAt: input.at, slots: 1, acceptedCount: 1, ...tokyoSlot(startsAt) },
    select: { id: true },
  });
  const application = await tx.application.create({
    data: {
      shiftId: shift.id,
      userId: input.translatorId,
      status: APPLICATION_STATUS.attended,
      hours: HOURS_PER_TRANSLATION,
      hoursVerifiedAt: input.at,
      hoursVerifiedById: input.reviewerId,
    },
    select: { id: true },
  });
  return application.id;
}
