import { prisma } from "~/utils/db.server";

// Kept apart from groups.server.ts so the root loader can ask it without pulling in the workspace's commands (and
// their error messages, which every page would then have to carry).

/** Whether the resident is a member of any group: only they are offered the group workspace in the menus. */
export async function belongsToAnyGroup(userId: number): Promise<boolean> {
  return (await prisma.groupMember.findFirst({ where: { userId }, select: { groupId: true } })) !== null;
}
