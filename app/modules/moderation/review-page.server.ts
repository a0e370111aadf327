import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { serverI18n } from "~/modules/i18n/i18next.server";
import type { HeldChange } from "~/modules/publishing/edit-policy";
import { REVISION_STATUS } from "~/modules/publishing/revisions.server";
import { GROUP_STATUS, ITEM_STATUS, isPublic, publicPath as publicPagePath, type PublicKind } from "~/modules/publishing/visibility";
import { text } from "~/utils/text";
import { DECISIONS, WORKSPACE_PATH } from "./decisions.server";
import { compareWithSnapshot, heldChangeTexts, reviewSubject, type FieldText, type ReviewKind } from "./fields.server";

// What one review page shows: the item as the public will read it (in Japanese, the original), what changed since
// the last decision (or, for a held edit, each field before and after), whether it can be decided now, and the
// decisions so far with who, when and why.

export const REVIEW_PAGE_KINDS = ["place", "event", "opening", "group", "revision"] as const;
export type ReviewPageKind = (typeof REVIEW_PAGE_KINDS)[number];

export const DecisionSchema = z.object({
  intent: z.enum(DECISIONS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  reason: text({ max: 1000, multiline: true }),
});


async function lastSnapshot(kind: ReviewKind, id: number): Promise<FieldText[] | null> {
  const row = await prisma.moderationDecision.findFirst({
    where: { entityType: kind, entityId: id, snapshot: { not: "" } },
    orderBy: { id: "desc" },
    select: { snapshot: true },
  });
  return row ? (JSON.parse(row.snapshot) as FieldText[]) : null;
}

async function history(kind: string, id: number) {
  const rows = await prisma.moderationDecision.findMany({
    where: { entityType: kind, entityId: id },
    orderBy: { id: "desc" },
    take: 20,
    select: { id: true, action: true, reason: true, createdAt: true, staff: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, action: r.action, reason: r.reason, at: r.createdAt.toISOString(), staff: r.staff?.name ?? null }));
}

export async function loadReviewPage(kind: ReviewPageKind, id: number) {
  const tJa = serverI18n.getFixedT("ja");
  if (kind === "revision") {
    const revision = await prisma.revision.findUnique({ where: { id } });
    if (!revision) return null;
    const itemKind = revision.entityType as PublicKind;
    const subject = await reviewSubject(itemKind, revision.entityId, tJa, "ja");
    if (!subject) return null;
    const changes = await heldChangeTexts(itemKind, JSON.parse(revision.changes) as HeldChange[], tJa, "ja");
    return {
      kind,
      id,
      itemKind,
      subject,
      fields: subject.fields.map((f) => ({ ...f, before: null, changed: false })),
      changes,
      firstReview: false,
      decidable: revision.status === REVISION_STATUS.pending,
      state: revision.status,
      publicPath: publicPagePath(itemKind, revision.entityId),
      workspacePath: WORKSPACE_PATH[itemKind](revision.groupId, revision.entityId),
      history: await history(itemKind, revision.entityId),
    };
  }
  const subject = await reviewSubject(kind, id, tJa, "ja");
  if (!subject) return null;
  const snapshot = await lastSnapshot(kind, id);
  const isPending = kind === "group" ? subject.status === GROUP_STATUS.pending : subject.status === ITEM_STATUS.pending;
  const publicPath = kind !== "group" && isPublic({ status: subject.status, group: { status: subject.group.status } }) ? publicPagePath(kind, id) : null;
  return {
    kind,
    id,
    itemKind: kind,
    subject,
    fields: compareWithSnapshot(subject.fields, snapshot),
    changes: [] as { field: string; before: string; after: string }[],
    firstReview: snapshot === null,
    decidable: isPending,
    state: subject.status,
    publicPath,
    workspacePath: WORKSPACE_PATH[kind](subject.group.id, id),
    history: await history(kind, id),
  };
}
