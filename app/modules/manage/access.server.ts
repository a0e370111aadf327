import type { Params } from "@remix-run/react";
import { requireGroupRole, type GroupRole } from "~/modules/auth/permissions.server";
import { parseIdParam } from "~/utils/http.server";

/**
 * The one check for every workspace loader and action: a valid :groupId and a member with at least `role`.
 * Anyone else (visitors are sent to /login first) gets the same 404 as for a group that does not exist.
 */
export async function requireWorkspace(request: Request, params: Params, role: GroupRole = "editor") {
  const groupId = parseIdParam(params.groupId);
  const user = await requireGroupRole(request, groupId, role);
  return { groupId, user };
}
