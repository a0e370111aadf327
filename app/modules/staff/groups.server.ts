import { prisma } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { GROUP_STATUS, PUBLIC_KINDS, isPublic, type PublicKind } from "~/modules/publishing/visibility";
import { GROUP_TRANSITIONS, canTransitionGroup, type GroupTransition } from "~/modules/publishing/status";
import { approveGroup, rejectGroup, suspendGroup, unsuspendGroup, type TransitionResult } from "~/modules/publishing/transitions.server";
import { foldForSearch } from "~/modules/search/normalize";

// Staff's view of groups (/staff/groups): every group with its status, members and items, and the decisions on it.
// The decisions themselves are publishing's group transitions (status, audit entry, ModerationDecision, reindex,
// cache drop); suspending adds what only staff's side knows to do: the members' sessions end.

/** The group statuses staff filter by, in the order the list shows them: what waits for a decision first. */
export const STAFF_GROUP_STATUSES = [GROUP_STATUS.pending, GROUP_STATUS.suspended, GROUP_STATUS.approved, GROUP_STATUS.rejected] as const;
const STATUS_ORDER = new Map<string, number>(STAFF_GROUP_STATUSES.map((s, i) => [s, i]));

/** More than a 社協 has groups; the page says so if the list is cut. */
const MAX_LISTED = 500;

export type GroupListFilters = { status: string | null; q: string };

/**
 * Groups matching the filters: pending ones first, oldest first (they have waited longest), then the rest by name.
 * The name search compares folded text (full-width, case, katakana/hiragana) with the name and its reading, in
 * JavaScript: a council has hundreds of groups, not millions, and no LIKE wildcard in a query can mean anything.
 */
export async function listGroupsForStaff(filters: GroupListFilters) {
  const rows = await prisma.group.findMany({
    where: filters.status ? { status: filters.status } : {},
    select: {
      id: true,
      name: true,
      nameKana: true,
      status: true,
      createdAt: true,
      area: { select: { name: true } },
      _count: { select: { members: true, places: true, events: true, openings: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const needle = foldForSearch(filters.q);
  const matching = needle ? rows.filter((g) => foldForSearch(g.name).includes(needle) || foldForSearch(g.nameKana).includes(needle)) : rows;
  const sorted = [...matching].sort((a, b) => {
    const byStatus = (STATUS_ORDER.get(a.status) ?? 9) - (STATUS_ORDER.get(b.status) ?? 9);
    if (byStatus !== 0) return byStatus;
    if (a.status === GROUP_STATUS.pending) return a.createdAt.getTime() - b.createdAt.getTime();
    return a.nameKana.localeCompare(b.nameKana, "ja");
  });
  return {
    total: sorted.length,
    groups: sorted.slice(0, MAX_LISTED).map((g) => ({
      id: g.id,
      name: g.name,
      status: g.status,
      area: g.area?.name ?? null,
      createdAt: g.createdAt.toISOString(),
      members: g._count.members,
      items: g._count.places + g._count.events + g._count.openings,
    })),
  };
}

type ItemRow = { id: number; title: string; status: string; href: string | null };

/** One group as staff see it: profile, members, items grouped by kind with their status, and every decision on it. */
export async function groupForStaff(groupId: number) {
  const group = await prisma.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      nameKana: true,
      kind: true,
      description: true,
      status: true,
      contactName: true,
      contactEmail: true,
      contactPhone: true,
      website: true,
      createdAt: true,
      approvedAt: true,
      area: { select: { name: true } },
      members: { select: { role: true, createdAt: true, user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
      places: { select: { id: true, name: true, status: true }, orderBy: { id: "asc" } },
      events: { select: { id: true, title: true, status: true }, orderBy: { id: "asc" } },
      openings: { select: { id: true, title: true, status: true }, orderBy: { id: "asc" } },
    },
  });
  if (!group) return null;
  const decisions = await prisma.moderationDecision.findMany({
    where: { entityType: "group", entityId: groupId },
    select: { id: true, action: true, reason: true, createdAt: true, staff: { select: { name: true } } },
    orderBy: { id: "desc" },
  });
  // A link to the public page only while the item is public; otherwise the page would be a 404.
  const item = (kind: PublicKind, row: { id: number; status: string }, title: string): ItemRow => ({
    id: row.id,
    title,
    status: row.status,
    href: isPublic({ status: row.status, group: { status: group.status } }) ? publicPath(kind, row.id) : null,
  });
  const items: Record<PublicKind, ItemRow[]> = {
    place: group.places.map((p) => item("place", p, p.name)),
    event: group.events.map((e) => item("event", e, e.title)),
    opening: group.openings.map((o) => item("opening", o, o.title)),
  };
  return {
    id: group.id,
    name: group.name,
    nameKana: group.nameKana,
    kind: group.kind,
    description: group.description,
    status: group.status,
    area: group.area?.name ?? null,
    contactName: group.contactName,
    contactEmail: group.contactEmail,
    contactPhone: group.contactPhone,
    website: group.website,
    createdAt: group.createdAt.toISOString(),
    approvedAt: group.approvedAt?.toISOString() ?? null,
    members: group.members.map((m) => ({ userId: m.user.id, name: m.user.name, role: m.role })),
    items: PUBLIC_KINDS.map((kind) => ({ kind, rows: items[kind] })),
    decisions: decisions.map((d) => ({ id: d.id, action: d.action, reason: d.reason, staff: d.staff?.name ?? null, at: d.createdAt.toISOString() })),
    /** The decisions staff may take now (publishing's table decides). */
    steps: (Object.keys(GROUP_TRANSITIONS) as GroupTransition[]).filter((step) => canTransitionGroup(step, group.status)),
  };
}

function publicPath(kind: PublicKind, id: number): string {
  return kind === "place" ? `/places/${id}` : kind === "event" ? `/events/${id}` : `/volunteer/${id}`;
}

const STEPS: Record<GroupTransition, typeof approveGroup> = {
  approve: approveGroup,
  reject: rejectGroup,
  suspend: suspendGroup,
  unsuspend: unsuspendGroup,
};

/**
 * A staff decision on a group, through publishing's transition. Suspending also ends every session of the group's
 * members (ASVS 7.4.2): whatever they had open in the workspace stops at once, and they sign in again to a
 * read-only workspace. That runs after the transition committed (the transition keeps its own transaction), so a
 * refused step ends no one's session; the deciding staff member keeps their own, should they be a member.
 */
export async function decideGroup(input: { groupId: number; step: GroupTransition; staffId: number; reason: string }): Promise<TransitionResult> {
  const result = await STEPS[input.step](input.groupId, { actorId: input.staffId, reason: input.reason });
  if (result.ok && input.step === "suspend") await endMembersSessions(input.groupId, input.staffId, input.reason);
  return result;
}

async function endMembersSessions(groupId: number, staffId: number, reason: string) {
  await prisma.$transaction(async (tx) => {
    const members = await tx.groupMember.findMany({ where: { groupId, userId: { not: staffId } }, select: { userId: true } });
    const userIds = members.map((m) => m.userId);
    const { count } = await tx.session.deleteMany({ where: { userId: { in: userIds } } });
    await recordAudit(tx, { actorId: staffId, action: "group.sessions-ended", entityType: "group", entityId: groupId, detail: { reason, members: userIds.length, sessions: count } });
  });
}
