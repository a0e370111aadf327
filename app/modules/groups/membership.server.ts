import { prisma } from "~/utils/db.server";

// Kept apart from groups.server.ts so the root loader can ask it without pulling in the workspace's commands (and
// their error messages, which every page would then have to carry).

/** Whether the resident is a member of any group: only they are offered the group workspace in the menus. */
export async function belongsToAnyGroup(userId: number): Promise<boolean> {
  // Every signed-in page asks (root loader): a plain query, not the ORM's (~0.5 ms of query building).
  const rows = await prisma.$queryRaw<unknown[]>`SELECT 1 AS "member" FROM "GroupMember" WHERE "userId" = ${userId} LIMIT 1`;
  return rows.length > 0;
}
