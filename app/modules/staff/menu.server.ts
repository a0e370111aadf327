import { prisma } from "~/utils/db.server";
import { GROUP_STATUS, ITEM_STATUS, PUBLIC_KINDS } from "~/modules/publishing/visibility";
import { pendingRevisionCount } from "~/modules/publishing/revisions.server";
import { staleSince } from "~/modules/places/freshness";

// The counts beside the staff menu's entries: what waits for a decision. Cheap counts on indexed columns, read on
// every staff page (staff pages are never cached).

export type StaffMenuCounts = { review: number; reports: number; freshness: number };

export async function staffMenuCounts(now = new Date()): Promise<StaffMenuCounts> {
  const pending = { status: ITEM_STATUS.pending } as const;
  const [places, events, openings, groups, revisions, reported, overdue] = await Promise.all([
    prisma.place.count({ where: pending }),
    prisma.event.count({ where: pending }),
    prisma.opening.count({ where: pending }),
    prisma.group.count({ where: { status: GROUP_STATUS.pending } }),
    pendingRevisionCount(),
    prisma.report.groupBy({ by: ["entityType", "entityId"], where: { status: "open", entityType: { in: [...PUBLIC_KINDS] } } }),
    prisma.place.count({
      where: {
        status: ITEM_STATUS.published,
        group: { status: GROUP_STATUS.approved },
        OR: [{ lastConfirmedAt: null }, { lastConfirmedAt: { lt: staleSince(now) } }],
      },
    }),
  ]);
  return { review: places + events + openings + groups + revisions, reports: reported.length, freshness: overdue };
}
