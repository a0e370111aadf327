import { prisma } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { approveGroup, publishItem, rejectGroup, rejectItem, type TransitionResult } from "~/modules/publishing/transitions.server";
import { REASON_REQUIRED } from "~/modules/publishing/status";
import { REVISION_STATUS } from "~/modules/publishing/revisions.server";
import type { PublicKind } from "~/modules/publishing/visibility";
import { savePlace } from "~/modules/places/commands.server";
import { saveEvent } from "~/modules/events/commands.server";
import { saveOpening } from "~/modules/volunteering/commands.server";
import type { PlaceInput } from "~/modules/places/schemas";
import type { EventInput } from "~/modules/events/schemas";
import type { OpeningInput } from "~/modules/volunteering/schemas";
import { getRoles } from "~/modules/auth/permissions.server";
import { reviewSubmission, SUBMISSION_STATUS } from "~/modules/translation/community.server";
import { reviewSubject, type FieldText, type ReviewKind } from "./fields.server";

// Staff decisions on what waits in the review queue: a new or resubmitted item, a new group, or a published item's
// held edit. Items and groups move through the publishing layer's transitions (which audit, keep the decision and
// its reason, reindex and drop caches); a held edit is approved by replaying the organiser's form through the
// domain's own save. Every decision is emailed to the group's members in their own language, with staff's reason.

export const DECISIONS = ["approve", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];

/** What a decision is about: a reviewed kind, a held edit ("revision"), or a community translation. */
export type DecisionTarget = { kind: ReviewKind | "revision" | "translation"; id: number };

export type DecisionResult = TransitionResult;

/** Staff compare with the public original, so the text kept with a decision is always the Japanese view. */
export async function snapshotOf(kind: ReviewKind, id: number): Promise<FieldText[] | null> {
  return (await reviewSubject(kind, id, serverI18n.getFixedT("ja"), "ja"))?.fields ?? null;
}

/** The organiser's save, run again with the form staff approved (nothing held back this time). */
const REPLAY: Record<PublicKind, (groupId: number, staffId: number, id: number, input: unknown) => Promise<{ ok: boolean }>> = {
  place: (groupId, staffId, id, input) => savePlace(groupId, staffId, id, input as PlaceInput, "save", { reviewed: true }),
  event: (groupId, staffId, id, input) => saveEvent(groupId, staffId, id, input as EventInput, "save", new Date(), { reviewed: true }),
  opening: (groupId, staffId, id, input) => saveOpening(groupId, staffId, id, input as OpeningInput, "save", new Date(), { reviewed: true }),
};

export const WORKSPACE_PATH: Record<ReviewKind, (groupId: number, id: number) => string> = {
  place: (g, id) => `/manage/groups/${g}/places/${id}`,
  event: (g, id) => `/manage/groups/${g}/events/${id}`,
  opening: (g, id) => `/manage/groups/${g}/openings/${id}`,
  group: (g) => `/manage/groups/${g}`,
};

type Outcome = "published" | "rejected" | "edit-approved" | "edit-rejected" | "group-approved" | "group-rejected";

/** Tells every active member of the group, each in their own language; staff's reason is quoted, never a link. */
async function tellGroup(groupId: number, outcome: Outcome, title: string, reason: string, path: string, key: string) {
  const members = await prisma.groupMember.findMany({ where: { groupId, user: { status: "active" } }, select: { user: { select: { id: true, email: true, locale: true } } } });
  if (!members.length) return;
  await prisma.$transaction(async (tx) => {
    for (const { user } of members) {
      await enqueueEmail(tx, {
        to: user.email,
        userId: user.id,
        locale: user.locale,
        template: "moderation-decided",
        vars: { title, status: outcome, reason, link: appUrl(path) },
        idempotencyKey: `moderation-decided/${key}/${user.id}`,
      });
    }
  });
}

async function decideSubject(kind: ReviewKind, id: number, decision: Decision, staffId: number, reason: string): Promise<DecisionResult> {
  // Read once: its fields are the decision's snapshot, its title and group address the email (a decision changes neither).
  const subject = await reviewSubject(kind, id, serverI18n.getFixedT("ja"), "ja");
  if (!subject) return { ok: false, refusal: "not-found" };
  const request = { actorId: staffId, reason, snapshot: subject.fields };
  const result =
    kind === "group"
      ? await (decision === "approve" ? approveGroup : rejectGroup)(id, request)
      : await (decision === "approve" ? publishItem : rejectItem)(kind, id, request);
  if (!result.ok) return result;
  const row = await latestDecisionId(kind, id);
  const outcome: Outcome = kind === "group" ? (decision === "approve" ? "group-approved" : "group-rejected") : decision === "approve" ? "published" : "rejected";
  await tellGroup(subject.group.id, outcome, subject.title, reason, WORKSPACE_PATH[kind](subject.group.id, id), `${kind}/${id}/${row}`);
  return result;
}

async function latestDecisionId(kind: string, id: number): Promise<number> {
  const row = await prisma.moderationDecision.findFirst({ where: { entityType: kind, entityId: id }, orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0;
}

async function decideRevision(revisionId: number, decision: Decision, staffId: number, reason: string): Promise<DecisionResult> {
  const revision = await prisma.revision.findFirst({ where: { id: revisionId, status: REVISION_STATUS.pending } });
  if (!revision) return { ok: false, refusal: "not-found" };
  const kind = revision.entityType as PublicKind;
  if (decision === "approve") {
    const replayed = await REPLAY[kind](revision.groupId, staffId, revision.entityId, JSON.parse(revision.input));
    // The form no longer passes the domain's checks (e.g. a choice that was removed since): it stays pending.
    if (!replayed.ok) return { ok: false, refusal: "not-allowed" };
  }
  const snapshot = await snapshotOf(kind, revision.entityId);
  const status = decision === "approve" ? REVISION_STATUS.approved : REVISION_STATUS.rejected;
  const decided = await prisma.$transaction(async (tx) => {
    // Only while still pending: two staff pressing at once cannot both decide.
    const { count } = await tx.revision.updateMany({
      where: { id: revisionId, status: REVISION_STATUS.pending },
      data: { status, reason, decidedById: staffId, decidedAt: new Date() },
    });
    if (count !== 1) return false;
    const action = decision === "approve" ? "approve-edit" : "reject-edit";
    await tx.moderationDecision.create({
      data: { entityType: kind, entityId: revision.entityId, action, reason, staffId, snapshot: JSON.stringify(snapshot ?? []) },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: staffId, action: `${kind}.${action}`, entityType: kind, entityId: revision.entityId, detail: { revisionId, ...(reason ? { reason } : {}) } });
    return true;
  });
  if (!decided) return { ok: false, refusal: "not-allowed" };
  const subject = await reviewSubject(kind, revision.entityId, serverI18n.getFixedT("ja"), "ja");
  if (subject) {
    const outcome: Outcome = decision === "approve" ? "edit-approved" : "edit-rejected";
    await tellGroup(revision.groupId, outcome, subject.title, reason, WORKSPACE_PATH[kind](revision.groupId, revision.entityId), `revision/${revisionId}`);
  }
  return { ok: true, from: REVISION_STATUS.pending, status };
}

/** A community translation, decided by staff through the translation module's one review step (credit, reindex). */
async function decideTranslation(submissionId: number, decision: Decision, staffId: number, reason: string): Promise<DecisionResult> {
  const result = await reviewSubmission(submissionId, decision, { id: staffId, roles: await getRoles(staffId) }, reason);
  if (result.ok) return { ok: true, from: SUBMISSION_STATUS.pending, status: result.status };
  return { ok: false, refusal: result.refusal === "reason-required" || result.refusal === "not-found" ? result.refusal : "not-allowed" };
}

/** Approve, or reject with a reason (required), one thing waiting in the review queue. */
export async function decide(target: DecisionTarget, decision: Decision, request: { staffId: number; reason?: string }): Promise<DecisionResult> {
  const reason = request.reason?.trim() ?? "";
  if (decision === "reject" && REASON_REQUIRED.has("reject") && !reason) return { ok: false, refusal: "reason-required" };
  if (target.kind === "revision") return decideRevision(target.id, decision, request.staffId, reason);
  if (target.kind === "translation") return decideTranslation(target.id, decision, request.staffId, reason);
  return decideSubject(target.kind, target.id, decision, request.staffId, reason);
}

/** Bulk approval (for groups staff trust): each target decided on its own; returns how many went through. */
export async function approveAll(targets: DecisionTarget[], staffId: number): Promise<{ approved: number; refused: number }> {
  let approved = 0;
  for (const target of targets) {
    const result = await decide(target, "approve", { staffId });
    if (result.ok) approved += 1;
  }
  return { approved, refused: targets.length - approved };
}
