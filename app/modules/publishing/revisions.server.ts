import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { PublicKind } from "./visibility";
import type { HeldChange } from "./edit-policy";

// A published item's held changes (edit-policy.ts) wait as one pending Revision per item, holding the organiser's
// whole form as last saved: a later save replaces it (the organiser sees their proposal in the form), a save
// that changes nothing reviewed any more withdraws it. Staff approve it by replaying the form through the
// domain's own save (moderation/revisions.server.ts), so dates, search, notices and the cache follow as usual.

export const REVISION_STATUS = { pending: "pending", approved: "approved", rejected: "rejected", withdrawn: "withdrawn" } as const;

export type PendingRevision = { id: number; changes: HeldChange[]; input: unknown; updatedAt: Date; authorId: number | null };

export async function pendingRevision(kind: PublicKind, entityId: number, db: Tx | typeof prisma = prisma): Promise<PendingRevision | null> {
  const row = await db.revision.findFirst({
    where: { entityType: kind, entityId, status: REVISION_STATUS.pending },
    select: { id: true, changes: true, input: true, updatedAt: true, authorId: true },
    orderBy: { id: "desc" },
  });
  return row ? { ...row, changes: JSON.parse(row.changes) as HeldChange[], input: JSON.parse(row.input) as unknown } : null;
}

export function pendingRevisionCount(): Promise<number> {
  return prisma.revision.count({ where: { status: REVISION_STATUS.pending } });
}

/**
 * After a save of a published item: records its held changes as the item's pending revision (replacing an older
 * proposal), or withdraws the pending one when nothing reviewed differs from the public version any more.
 */
export async function recordHeldChanges(
  tx: Tx,
  item: { kind: PublicKind; id: number; groupId: number; actorId: number },
  held: HeldChange[],
  input: unknown,
): Promise<void> {
  const current = await tx.revision.findFirst({ where: { entityType: item.kind, entityId: item.id, status: REVISION_STATUS.pending }, select: { id: true } });
  if (!held.length) {
    if (current) {
      await tx.revision.update({ where: { id: current.id }, data: { status: REVISION_STATUS.withdrawn }, select: { id: true } });
      await recordAudit(tx, { actorId: item.actorId, action: `${item.kind}.edit-withdrawn`, entityType: item.kind, entityId: item.id, detail: { revisionId: current.id } });
    }
    return;
  }
  const data = { input: JSON.stringify(input), changes: JSON.stringify(held), authorId: item.actorId };
  const revision = current
    ? await tx.revision.update({ where: { id: current.id }, data, select: { id: true } })
    : await tx.revision.create({ data: { ...data, entityType: item.kind, entityId: item.id, groupId: item.groupId }, select: { id: true } });
  await recordAudit(tx, {
    actorId: item.actorId,
    action: `${item.kind}.edit-held`,
    entityType: item.kind,
    entityId: item.id,
    detail: { revisionId: revision.id, fields: held.map((h) => h.field) },
  });
}
