import { prisma } from "~/utils/db.server";
import { pendingRevision } from "./revisions.server";
import type { PublicKind } from "./visibility";

// What the organiser's own item page says about review: staff's last decision with its reason (a refusal is
// explained in the group's workspace as well as by email) and the changes still waiting for staff. Never who
// reported the item: reports reach the group only as staff's decision and reason.

export type ReviewState = {
  lastDecision: { action: string; reason: string; at: string } | null;
  pendingEdit: { fields: string[]; input: unknown; since: string } | null;
};

export async function reviewState(kind: PublicKind, id: number): Promise<ReviewState> {
  const [decision, pending] = await Promise.all([
    prisma.moderationDecision.findFirst({
      where: { entityType: kind, entityId: id },
      orderBy: { id: "desc" },
      select: { action: true, reason: true, createdAt: true },
    }),
    pendingRevision(kind, id),
  ]);
  return {
    lastDecision: decision ? { action: decision.action, reason: decision.reason, at: decision.createdAt.toISOString() } : null,
    pendingEdit: pending ? { fields: pending.changes.map((c) => c.field), input: pending.input, since: pending.updatedAt.toISOString() } : null,
  };
}
