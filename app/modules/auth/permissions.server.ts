import { redirect } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { getSessionUser, type SessionUser } from "./session.server";
import { safeRedirectPath } from "./redirect";

// Roles are data (Role/UserRole for site roles, GroupMember.role for group roles). Every loader and action
// authorises on the server through these helpers; `get*` may return null, `require*` throws a Response.

export type SiteRole = "resident" | "staff" | "admin";
export type GroupRole = "owner" | "editor";

export type CurrentUser = SessionUser & { roles: SiteRole[] };

export async function getRoles(userId: number): Promise<SiteRole[]> {
  // Every signed-in request asks: a plain, portable join instead of the ORM's nested select.
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    SELECT r."name" FROM "UserRole" ur JOIN "Role" r ON r."id" = ur."roleId" WHERE ur."userId" = ${userId} ORDER BY r."id"`;
  return rows.map((r) => r.name as SiteRole);
}

export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const found = await getSessionUser(request);
  if (!found) return null;
  return { ...found.user, roles: await getRoles(found.user.id) };
}

/** Signed-in user or a redirect to /login that brings them back here afterwards. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirectPath(`${url.pathname}${url.search}`, "/me");
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export function isStaff(user: Pick<CurrentUser, "roles"> | null): boolean {
  return Boolean(user && (user.roles.includes("staff") || user.roles.includes("admin")));
}

/**
 * Staff (or admin), else: a visitor without a session goes to /login (and comes back), anyone else signed in gets
 * the same 404 as for a page that does not exist, so the staff workspace is no oracle (SECURITY.md row 22).
 */
export async function requireStaff(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!isStaff(user)) throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return user;
}

export async function getGroupRole(userId: number, groupId: number): Promise<GroupRole | null> {
  const member = await prisma.groupMember.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { role: true } });
  return (member?.role as GroupRole | undefined) ?? null;
}

const RANK: Record<GroupRole, number> = { editor: 1, owner: 2 };

/**
 * Member of the group with at least `role`. Anyone else gets 404, as if the group's workspace did not exist:
 * no oracle for which ids are real (SECURITY.md row 22).
 */
export async function requireGroupRole(request: Request, groupId: number, role: GroupRole): Promise<CurrentUser & { groupRole: GroupRole }> {
  const user = await requireUser(request);
  const groupRole = await getGroupRole(user.id, groupId);
  if (!groupRole || RANK[groupRole] < RANK[role]) {
    throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return { ...user, groupRole };
}
