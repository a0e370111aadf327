import type { Params } from "@remix-run/react";
import { requireUser } from "~/modules/auth/permissions.server";
import { groupAbilities, groupActionRefusal, type GroupAction, type GroupMembership, type GroupRole } from "~/modules/groups/permissions";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { prisma } from "~/utils/db.server";
import { NO_STORE, parseIdParam } from "~/utils/http.server";

/**
 * The one check for every workspace loader and action: a valid :groupId, a member, and `action` allowed for the
 * member's role and the group's status (canActForGroup). Not a member, or an editor asking for an owner's action:
 * the same 404 as for a group that does not exist (visitors are sent to /login first). A member whose group's
 * status forbids the action: 403 with a translated explanation, before anything is read or changed.
 * `require` checks a further action once the form says which one (e.g. which button of the page was pressed).
 */
export async function requireWorkspace(request: Request, params: Params, action: GroupAction = "open-workspace") {
  const groupId = parseIdParam(params.groupId);
  const user = await requireUser(request);
  const row = await prisma.groupMember.findUnique({
    where: { groupId_userId: { groupId, userId: user.id } },
    select: { role: true, group: { select: { status: true } } },
  });
  const membership: GroupMembership | null = row ? { role: row.role as GroupRole, groupStatus: row.group.status } : null;
  const require = (next: GroupAction) => assertGroupAction(request, membership, next);
  const granted = await require(action);
  return { groupId, user: { ...user, groupRole: granted.role }, membership: granted, can: groupAbilities(granted), require };
}

async function assertGroupAction(request: Request, membership: GroupMembership | null, action: GroupAction): Promise<GroupMembership> {
  const refusal = groupActionRefusal(membership, action);
  if (refusal === "role" || !membership) {
    throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (refusal === "status") {
    const { t } = await getRequestI18n(request);
    throw new Response(t(`manage.notAllowed.${membership.groupStatus}`), {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE },
    });
  }
  return membership;
}
