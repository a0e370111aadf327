import { prisma, type Tx } from "~/utils/db.server";
import { invalidatePublicCache } from "~/utils/cache.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { indexGroupItems, indexItemWithDependents, prepareIndexing } from "~/modules/search/documents.server";
import type { PublicKind } from "./visibility";
import {
  GROUP_TRANSITIONS,
  ITEM_TRANSITIONS,
  REASON_REQUIRED,
  SAVE_INTENT,
  canSubmit,
  canTransitionGroup,
  canTransitionItem,
  isOrganiserItemTransition,
  type GroupTransition,
  type ItemTransition,
  type SaveIntent,
} from "./status";

// The lifecycle steps, each done in one place: check the from-state (status.ts), write the new status (with
// publishedAt / approvedAt), record the audit entry (and, for a staff decision, the ModerationDecision that keeps
// its reason for the group and the later staff queue), bring the search index in line, all in one transaction;
// then drop cached public pages. Organiser commands (submit, withdraw, archive) and staff actions (publish, reject,
// hide, unhide; approve, reject, suspend, unsuspend a group) both come here; who may ask for which step is the
// caller's check (groups/permissions.ts for organisers, the staff role for staff).

export type TransitionRequest = {
  /** Who asked: recorded in the audit log (null only for system jobs). */
  actorId: number | null;
  /** Why: required for reject, hide and suspend (REASON_REQUIRED); kept with the decision and in the audit entry. */
  reason?: string;
  /**
   * An organiser's step is scoped to their group: another group's item is "not-found", never touched, and a staff
   * step (publish, reject, hide, unhide) is "not-allowed" whatever the item's status.
   */
  groupId?: number;
  /** What staff saw when deciding (the reviewed fields as text), kept with the decision for the next review. */
  snapshot?: unknown;
  now?: Date;
};

export type TransitionRefusal = "not-found" | "not-allowed" | "reason-required";
export type TransitionResult = { ok: true; from: string; status: string } | { ok: false; refusal: TransitionRefusal };

/** A group's items are all reindexed in the step's transaction; a large group can take a few seconds. */
const GROUP_STEP_TIMEOUT_MS = 60_000;

type Found = { status: string } | null;

function readItem(tx: Tx, kind: PublicKind, id: number, groupId: number | undefined): Promise<Found> {
  const where = groupId === undefined ? { id } : { id, groupId };
  const select = { status: true } as const;
  switch (kind) {
    case "place":
      return tx.place.findFirst({ where, select });
    case "event":
      return tx.event.findFirst({ where, select });
    case "opening":
      return tx.opening.findFirst({ where, select });
  }
}

/** Writes the status only if it is still `from`, so two people pressing at once cannot both succeed. */
async function writeItem(tx: Tx, kind: PublicKind, id: number, from: string, data: { status: string; publishedAt?: Date }) {
  const where = { id, status: from };
  switch (kind) {
    case "place":
      return (await tx.place.updateMany({ where, data })).count;
    case "event":
      return (await tx.event.updateMany({ where, data })).count;
    case "opening":
      return (await tx.opening.updateMany({ where, data })).count;
  }
}

const cleanReason = (reason: string | undefined) => reason?.trim() ?? "";
const snapshotJson = (request: Pick<TransitionRequest, "snapshot">) => (request.snapshot === undefined ? "" : JSON.stringify(request.snapshot));

/** Raised inside a transaction to roll it back and answer with a refusal. */
class Refused extends Error {
  constructor(readonly refusal: TransitionRefusal) {
    super(refusal);
  }
}

async function refusable(run: () => Promise<TransitionResult>): Promise<TransitionResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

/** Moves a place, event or opening along its lifecycle (see ITEM_TRANSITIONS). */
export async function transitionItem(kind: PublicKind, id: number, step: ItemTransition, request: TransitionRequest): Promise<TransitionResult> {
  const reason = cleanReason(request.reason);
  const byStaff = !isOrganiserItemTransition(step);
  if (byStaff && request.groupId !== undefined) return { ok: false, refusal: "not-allowed" };
  if (REASON_REQUIRED.has(step) && !reason) return { ok: false, refusal: "reason-required" };
  const now = request.now ?? new Date();
  await prepareIndexing();
  const result = await refusable(() =>
    prisma.$transaction(async (tx) => {
      const row = await readItem(tx, kind, id, request.groupId);
      if (!row) throw new Refused("not-found");
      if (!canTransitionItem(step, row.status)) throw new Refused("not-allowed");
      const to = ITEM_TRANSITIONS[step].to;
      const written = await writeItem(tx, kind, id, row.status, { status: to, ...(step === "publish" ? { publishedAt: now } : {}) });
      if (written !== 1) throw new Refused("not-allowed");
      const detail = { from: row.status, to, ...(reason ? { reason } : {}) };
      await recordAudit(tx, { actorId: request.actorId, action: `${kind}.${step}`, entityType: kind, entityId: id, detail });
      // Staff decisions are kept as ModerationDecision rows as well: the group sees why, the staff queue reads them.
      if (byStaff) {
        await tx.moderationDecision.create({ data: { entityType: kind, entityId: id, action: step, reason, staffId: request.actorId, snapshot: snapshotJson(request) }, select: { id: true } });
      }
      await indexItemWithDependents(kind, id, tx);
      return { ok: true as const, from: row.status, status: to };
    }),
  );
  // After the commit: a page cached between the write and the commit would otherwise keep the old state.
  if (result.ok) invalidatePublicCache();
  return result;
}

/** Moves a group along its lifecycle (see GROUP_TRANSITIONS); its items appear in or vanish from every surface with it. */
export async function transitionGroup(groupId: number, step: GroupTransition, request: Omit<TransitionRequest, "groupId">): Promise<TransitionResult> {
  const reason = cleanReason(request.reason);
  if (REASON_REQUIRED.has(step) && !reason) return { ok: false, refusal: "reason-required" };
  const now = request.now ?? new Date();
  await prepareIndexing();
  const result = await refusable(() =>
    prisma.$transaction(
      async (tx) => {
        const row = await tx.group.findUnique({ where: { id: groupId }, select: { status: true } });
        if (!row) throw new Refused("not-found");
        if (!canTransitionGroup(step, row.status)) throw new Refused("not-allowed");
        const to = GROUP_TRANSITIONS[step].to;
        const { count } = await tx.group.updateMany({
          where: { id: groupId, status: row.status },
          data: { status: to, ...(step === "approve" ? { approvedAt: now } : {}) },
        });
        if (count !== 1) throw new Refused("not-allowed");
        const detail = { from: row.status, to, ...(reason ? { reason } : {}) };
        await recordAudit(tx, { actorId: request.actorId, action: `group.${step}`, entityType: "group", entityId: groupId, detail });
        await tx.moderationDecision.create({ data: { entityType: "group", entityId: groupId, action: step, reason, staffId: request.actorId, snapshot: snapshotJson(request) }, select: { id: true } });
        await indexGroupItems(groupId, tx);
        return { ok: true as const, from: row.status, status: to };
      },
      { timeout: GROUP_STEP_TIMEOUT_MS },
    ),
  );
  if (result.ok) invalidatePublicCache();
  return result;
}

// Verb-noun names for callers: `publishItem("place", id, { actorId })`.
type ItemStep = (kind: PublicKind, id: number, request: TransitionRequest) => Promise<TransitionResult>;
const itemStep =
  (step: ItemTransition): ItemStep =>
  (kind, id, request) =>
    transitionItem(kind, id, step, request);

export const submitItem = itemStep("submit");
export const withdrawItem = itemStep("withdraw");
export const archiveItem = itemStep("archive");
export const publishItem = itemStep("publish");
export const rejectItem = itemStep("reject");
export const hideItem = itemStep("hide");
export const unhideItem = itemStep("unhide");

type GroupStep = (groupId: number, request: Omit<TransitionRequest, "groupId">) => Promise<TransitionResult>;
const groupStep =
  (step: GroupTransition): GroupStep =>
  (groupId, request) =>
    transitionGroup(groupId, step, request);

export const approveGroup = groupStep("approve");
export const rejectGroup = groupStep("reject");
export const suspendGroup = groupStep("suspend");
export const unsuspendGroup = groupStep("unsuspend");

/**
 * The organiser's "submit" button, after the form's fields are saved: the submit step when the item's status allows
 * it (a published item is simply saved: its wording changes stay published). Returns the status the item ends in.
 */
export async function submitAfterSave(kind: PublicKind, id: number, intent: SaveIntent, current: string, request: TransitionRequest): Promise<string> {
  if (intent !== SAVE_INTENT.submit || !canSubmit(current)) return current;
  const result = await submitItem(kind, id, request);
  return result.ok ? result.status : current;
}
