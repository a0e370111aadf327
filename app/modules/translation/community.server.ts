import { PAGE_SIZE } from "~/modules/listing/constants";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { isStaff, type CurrentUser } from "~/modules/auth/permissions.server";
import { indexItemWithDependents } from "~/modules/search/documents.server";
import { publicWhere } from "~/modules/publishing/visibility";
import { SUBMISSION_STATUS, TRANSLATION_SOURCE, TRANSLATION_STATUS, fieldsOf, type TranslatableKind, TRANSLATABLE_KINDS } from "~/modules/i18n/content-fields";
import { getTranslatableItem, toItem, translatableFields, translationsOf, type TranslatableItem, type StoredTranslation } from "./translations.server";
import { HOURS_PER_TRANSLATION, creditTranslation } from "./council.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { LOCALE_NAMES, isLocale } from "~/modules/i18n/config";

// Community translation (/translate): bilingual residents translate published items field by field; a second
// person reviews each submission (staff, or a volunteer with enough reviewed translations of their own, never the
// translator), and only then is it published, indexed for search and credited as volunteer hours.

export { SUBMISSION_STATUS };

/** Reviewed translations a volunteer needs before reviewing other people's. */
export const REVIEWER_AFTER_APPROVED = 3;

export type ReviewRefusal = "not-found" | "not-allowed" | "own-work" | "reason-required";
export type ReviewResult = { ok: true; status: string } | { ok: false; refusal: ReviewRefusal };

export async function approvedSubmissionCount(userId: number): Promise<number> {
  return prisma.translationSubmission.count({ where: { translatorId: userId, status: SUBMISSION_STATUS.approved } });
}

/** Staff review every submission; a volunteer once REVIEWER_AFTER_APPROVED of their own have been approved. */
export async function canReviewTranslations(user: Pick<CurrentUser, "id" | "roles">): Promise<boolean> {
  return isStaff(user) || (await approvedSubmissionCount(user.id)) >= REVIEWER_AFTER_APPROVED;
}

const textSelect = (kind: TranslatableKind) => Object.fromEntries(fieldsOf(kind).map((f) => [f, true]));
const base = { id: true, groupId: true, areaId: true, status: true } as const;

async function publicItems(kind: TranslatableKind): Promise<TranslatableItem[]> {
  const select = { ...base, ...textSelect(kind) };
  const rows: Record<string, unknown>[] =
    kind === "place"
      ? await prisma.place.findMany({ where: publicWhere("place"), select })
      : kind === "event"
        ? await prisma.event.findMany({ where: publicWhere("event"), select })
        : await prisma.opening.findMany({ where: publicWhere("opening"), select });
  return rows.map((r) => toItem(kind, r));
}

/** A field is open for a volunteer when it has an original and no published or waiting translation in the language. */
function openFields(item: TranslatableItem, rows: Pick<StoredTranslation, "field" | "status">[]): string[] {
  const taken = new Set(rows.filter((r) => r.status === TRANSLATION_STATUS.approved || r.status === TRANSLATION_STATUS.pending).map((r) => r.field));
  return translatableFields(item).filter((f) => !taken.has(f));
}

export type TranslationTask = { kind: TranslatableKind; id: number; title: string; missing: number; total: number; views: number };

/**
 * Published items with something left to translate into `locale`, most-read first (then newest id). A town's
 * listings are a few hundred items, so the gaps are worked out in memory from two queries per kind.
 */
export async function listTranslationTasks(locale: string, page = 1): Promise<{ tasks: TranslationTask[]; total: number; page: number }> {
  const tasks: TranslationTask[] = [];
  for (const kind of TRANSLATABLE_KINDS) {
    const items = await publicItems(kind);
    if (!items.length) continue;
    const ids = items.map((i) => i.id);
    const [rows, views] = await Promise.all([
      prisma.translation.findMany({ where: { entityType: kind, locale, entityId: { in: ids } }, select: { entityId: true, field: true, status: true } }),
      prisma.itemView.findMany({ where: { entityType: kind, entityId: { in: ids } }, select: { entityId: true, count: true } }),
    ]);
    const viewCount = new Map(views.map((v) => [v.entityId, v.count]));
    for (const item of items) {
      const missing = openFields(item, rows.filter((r) => r.entityId === item.id)).length;
      if (!missing) continue;
      tasks.push({ kind, id: item.id, title: item.title, missing, total: translatableFields(item).length, views: viewCount.get(item.id) ?? 0 });
    }
  }
  tasks.sort((a, b) => b.views - a.views || b.id - a.id || a.kind.localeCompare(b.kind));
  // One page of the list at a time; a page past the end shows the last one rather than nothing.
  const last = Math.max(1, Math.ceil(tasks.length / PAGE_SIZE));
  const shown = Math.min(Math.max(1, Math.floor(page) || 1), last);
  return { tasks: tasks.slice((shown - 1) * PAGE_SIZE, shown * PAGE_SIZE), total: tasks.length, page: shown };
}

export type TaskField = {
  field: string;
  original: string;
  /** open: the volunteer may write it; done: published; waiting: a submission is being reviewed. */
  state: "open" | "done" | "waiting";
  value: string;
};

/** One public item side by side with its translation into `locale`: what is done, waiting, and still open. */
export async function getTranslationTask(kind: TranslatableKind, id: number, locale: string, userId: number) {
  const item = await getTranslatableItem(kind, id, { publicOnly: true });
  if (!item) return null;
  const rows = await translationsOf(kind, id, locale);
  const open = new Set(openFields(item, rows));
  const byField = new Map(rows.map((r) => [r.field, r]));
  const fields: TaskField[] = translatableFields(item).map((field) => {
    const row = byField.get(field);
    if (open.has(field)) {
      // A translation of theirs that was sent back is offered again to work on.
      const mine = row && row.status === TRANSLATION_STATUS.rejected && row.translatorId === userId ? row.value : "";
      return { field, original: item.originals[field]!, state: "open", value: mine };
    }
    return { field, original: item.originals[field]!, state: row!.status === TRANSLATION_STATUS.approved ? "done" : "waiting", value: row!.value };
  });
  return { item, fields, open: [...open] };
}

export type SubmitResult = { ok: true; submissionId: number } | { ok: false; formError: string };

/**
 * A volunteer's translation of the open fields of one public item (values already cleaned by translationSchema):
 * it waits for review, nothing is public yet. Fields that were filled meanwhile are skipped.
 */
export async function submitTranslation(input: { kind: TranslatableKind; id: number; locale: string; userId: number; values: Record<string, string | undefined> }): Promise<SubmitResult> {
  const task = await getTranslationTask(input.kind, input.id, input.locale, input.userId);
  if (!task) return { ok: false, formError: "translate.errors.gone" };
  const values = task.open.map((f) => [f, input.values[f] ?? ""] as const).filter(([, v]) => v);
  if (!values.length) return { ok: false, formError: "translate.errors.empty" };
  const submissionId = await prisma.$transaction(async (tx) => {
    const submission = await tx.translationSubmission.create({
      data: { entityType: input.kind, entityId: input.id, locale: input.locale, translatorId: input.userId },
      select: { id: true },
    });
    for (const [field, value] of values) {
      const where = { entityType_entityId_field_locale: { entityType: input.kind, entityId: input.id, field, locale: input.locale } };
      const data = {
        value,
        source: TRANSLATION_SOURCE.volunteer,
        status: TRANSLATION_STATUS.pending,
        translatorId: input.userId,
        reviewerId: null,
        submissionId: submission.id,
        sourceText: task.item.originals[field]!,
      };
      // Only a slot nobody filled meanwhile (a rejected one is free again).
      const taken = await tx.translation.findFirst({ where: { ...where.entityType_entityId_field_locale, status: { in: [TRANSLATION_STATUS.approved, TRANSLATION_STATUS.pending] } }, select: { id: true } });
      if (taken) continue;
      await tx.translation.upsert({ where, create: { entityType: input.kind, entityId: input.id, field, locale: input.locale, ...data }, update: data });
    }
    await recordAudit(tx, { actorId: input.userId, action: "translation.submit", entityType: input.kind, entityId: input.id, detail: { locale: input.locale, submissionId: submission.id, fields: values.map(([f]) => f) } });
    return submission.id;
  });
  return { ok: true, submissionId };
}

export type PendingSubmission = {
  id: number;
  kind: TranslatableKind;
  itemId: number;
  locale: string;
  title: string;
  group: { id: number; name: string };
  areaId: number | null;
  translatorId: number | null;
  createdAt: Date;
};

/** Submissions waiting for review, oldest first (for the staff queue and for volunteer reviewers). */
export async function listPendingSubmissions(): Promise<PendingSubmission[]> {
  const rows = await prisma.translationSubmission.findMany({
    where: { status: SUBMISSION_STATUS.pending },
    select: { id: true, entityType: true, entityId: true, locale: true, translatorId: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  const out: PendingSubmission[] = [];
  for (const kind of TRANSLATABLE_KINDS) {
    const mine = rows.filter((r) => r.entityType === kind);
    if (!mine.length) continue;
    const where = { id: { in: mine.map((r) => r.entityId) } };
    const select = { id: true, areaId: true, group: { select: { id: true, name: true } } } as const;
    const items: { id: number; areaId: number | null; title: string; group: { id: number; name: string } }[] =
      kind === "place"
        ? (await prisma.place.findMany({ where, select: { ...select, name: true } })).map((p) => ({ ...p, title: p.name }))
        : kind === "event"
          ? await prisma.event.findMany({ where, select: { ...select, title: true } })
          : await prisma.opening.findMany({ where, select: { ...select, title: true } });
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const r of mine) {
      const item = byId.get(r.entityId);
      if (!item) continue;
      out.push({ id: r.id, kind, itemId: r.entityId, locale: r.locale, title: item.title, group: item.group, areaId: item.areaId, translatorId: r.translatorId, createdAt: r.createdAt });
    }
  }
  return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
}

/** A submission with its item's originals and the submitted values, for the review page. */
export async function getSubmission(id: number) {
  const submission = await prisma.translationSubmission.findUnique({
    where: { id },
    select: {
      id: true,
      entityType: true,
      entityId: true,
      locale: true,
      status: true,
      reason: true,
      translatorId: true,
      createdAt: true,
      translations: { select: { field: true, value: true, status: true } },
    },
  });
  if (!submission) return null;
  const kind = submission.entityType as TranslatableKind;
  const item = await getTranslatableItem(kind, submission.entityId);
  if (!item) return null;
  const values = new Map(submission.translations.map((t) => [t.field, t.value]));
  const fields = fieldsOf(kind)
    .filter((f) => values.has(f))
    .map((field) => ({ field, original: item.originals[field]!, value: values.get(field)! }));
  return { ...submission, kind, item, fields };
}

/**
 * Approve (publish, reindex, credit the translator's hours) or send back with a reason. Decided once: two reviewers
 * pressing at once cannot both decide, and the hours are credited in the same transaction as the approval.
 */
export async function reviewSubmission(id: number, decision: "approve" | "reject", reviewer: Pick<CurrentUser, "id" | "roles">, reasonInput = ""): Promise<ReviewResult> {
  const reason = reasonInput.trim();
  const submission = await prisma.translationSubmission.findFirst({ where: { id, status: SUBMISSION_STATUS.pending }, select: { id: true, translatorId: true, entityType: true, entityId: true, locale: true } });
  if (!submission) return { ok: false, refusal: "not-found" };
  if (submission.translatorId === reviewer.id) return { ok: false, refusal: "own-work" };
  if (!(await canReviewTranslations(reviewer))) return { ok: false, refusal: "not-allowed" };
  if (decision === "reject" && !reason) return { ok: false, refusal: "reason-required" };
  const now = new Date();
  const status = decision === "approve" ? SUBMISSION_STATUS.approved : SUBMISSION_STATUS.rejected;
  const translator = submission.translatorId
    ? await prisma.user.findUnique({ where: { id: submission.translatorId }, select: { email: true, name: true, locale: true } })
    : null;
  const title = translator ? ((await getTranslatableItem(submission.entityType as TranslatableKind, submission.entityId))?.title ?? "") : "";
  const decided = await prisma.$transaction(async (tx) => {
    const { count } = await tx.translationSubmission.updateMany({
      where: { id, status: SUBMISSION_STATUS.pending },
      data: { status, reason, reviewerId: reviewer.id, decidedAt: now },
    });
    if (count !== 1) return false;
    await tx.translation.updateMany({
      where: { submissionId: id, status: TRANSLATION_STATUS.pending },
      data: { status: decision === "approve" ? TRANSLATION_STATUS.approved : TRANSLATION_STATUS.rejected, reviewerId: reviewer.id },
    });
    if (decision === "approve" && submission.translatorId !== null) {
      const applicationId = await creditTranslation(tx, { translatorId: submission.translatorId, reviewerId: reviewer.id, at: now });
      await tx.translationSubmission.update({ where: { id }, data: { applicationId } });
    }
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: decision === "approve" ? "translation.approve" : "translation.reject",
      entityType: submission.entityType,
      entityId: submission.entityId,
      detail: { submissionId: id, locale: submission.locale, ...(reason ? { reason } : {}) },
    });
    // The volunteer hears the outcome either way: published with the hours, or sent back with the reason.
    if (translator) {
      await enqueueEmail(tx, {
        to: translator.email,
        locale: translator.locale,
        template: "translation-decided",
        vars: {
          name: translator.name,
          title,
          language: isLocale(submission.locale) ? LOCALE_NAMES[submission.locale] : submission.locale,
          hours: String(HOURS_PER_TRANSLATION),
          reason,
          status: decision === "approve" ? "approved" : "rejected",
          link: appUrl(decision === "approve" ? "/translate" : `/translate/${submission.entityType}/${submission.entityId}?lang=${encodeURIComponent(submission.locale)}`),
        },
        idempotencyKey: `translation-decided/${id}`,
      });
    }
    return true;
  });
  if (!decided) return { ok: false, refusal: "not-found" };
  if (decision === "approve") await indexItemWithDependents(submission.entityType as TranslatableKind, submission.entityId);
  return { ok: true, status };
}

/** A volunteer's own submissions, newest first, with staff's or the reviewer's reason when sent back. */
export async function mySubmissions(userId: number, take = 20) {
  const rows = await prisma.translationSubmission.findMany({
    where: { translatorId: userId },
    select: { id: true, entityType: true, entityId: true, locale: true, status: true, reason: true, createdAt: true },
    orderBy: { id: "desc" },
    take,
  });
  const titles = new Map<string, string>();
  for (const kind of TRANSLATABLE_KINDS) {
    const ids = rows.filter((r) => r.entityType === kind).map((r) => r.entityId);
    if (!ids.length) continue;
    const where = { id: { in: ids } };
    const found: { id: number; title: string }[] =
      kind === "place"
        ? (await prisma.place.findMany({ where, select: { id: true, name: true } })).map((p) => ({ id: p.id, title: p.name }))
        : kind === "event"
          ? await prisma.event.findMany({ where, select: { id: true, title: true } })
          : await prisma.opening.findMany({ where, select: { id: true, title: true } });
    for (const f of found) titles.set(`${kind}:${f.id}`, f.title);
  }
  return rows.map((r) => ({ ...r, kind: r.entityType as TranslatableKind, title: titles.get(`${r.entityType}:${r.entityId}`) ?? "" }));
}

