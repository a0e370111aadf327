import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

type Db = Prisma.TransactionClient | typeof prisma;

/**
 * Records a staff action or a staff view of a resident's personal data (APPI). `detail` holds non-secret context
 * only; pass the transaction client to record it atomically with the change.
 */
export async function recordAudit(
  db: Db,
  entry: { actorId: number | null; action: string; entityType?: string; entityId?: number | null; detail?: Record<string, unknown> },
) {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType ?? "",
      entityId: entry.entityId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}
