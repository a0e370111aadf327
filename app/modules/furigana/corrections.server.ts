import { prisma } from "~/utils/db.server";
import { invalidatePublicCache } from "~/utils/cache.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { dropReadingCache } from "./ruby.server";

// The council's readings of names (脚折 = すねおり): kept by staff, used before the dictionary. Any change empties
// the reading cache and the public caches, so the next page shows the new reading everywhere.

export const AUDIT_READING = { added: "reading.register", deleted: "reading.deleted" } as const;

export function listCorrections() {
  return prisma.readingCorrection.findMany({
    select: { id: true, surface: true, reading: true, createdAt: true },
    orderBy: [{ reading: "asc" }, { surface: "asc" }],
  });
}

/** Adds a reading; false when that written form already has one (delete it first to change it). */
export async function addCorrection({ surface, reading, actorId }: { surface: string; reading: string; actorId: number }): Promise<boolean> {
  const added = await prisma.$transaction(async (tx) => {
    const existing = await tx.readingCorrection.findUnique({ where: { surface }, select: { id: true } });
    if (existing) return false;
    const row = await tx.readingCorrection.create({ data: { surface, reading, createdById: actorId }, select: { id: true } });
    await recordAudit(tx, { actorId, action: AUDIT_READING.added, entityType: "reading", entityId: row.id, detail: { surface, reading } });
    return true;
  });
  if (added) changed();
  return added;
}

export async function deleteCorrection({ id, actorId }: { id: number; actorId: number }): Promise<boolean> {
  const deleted = await prisma.$transaction(async (tx) => {
    const row = await tx.readingCorrection.findUnique({ where: { id }, select: { surface: true, reading: true } });
    if (!row) return false;
    await tx.readingCorrection.delete({ where: { id } });
    await recordAudit(tx, { actorId, action: AUDIT_READING.deleted, entityType: "reading", entityId: id, detail: row });
    return true;
  });
  if (deleted) changed();
  return deleted;
}

function changed() {
  dropReadingCache();
  invalidatePublicCache();
}
