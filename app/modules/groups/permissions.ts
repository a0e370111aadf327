import { GROUP_STATUS, type GroupStatus } from "~/modules/publishing/visibility";

// What a member may do in a group's workspace, decided in one place by two things: the member's role and the
// group's status. Staff review a group before it reaches anyone: until it is approved (and again once it is
// suspended) nothing it does may reach people outside the group, and a suspended group cannot change anything.

export type GroupRole = "owner" | "editor";

export type GroupAction =
  /** Open the workspace and read its pages (read-only when the group is suspended). */
  | "open-workspace"
  /** Leave the group: only ever takes access away, so it stays possible. */
  | "leave"
  /** Take back an open invitation: only ever takes access away. */
  | "withdraw-invite"
  /** Create and change the group's places, events, openings and photos, and submit them for review. */
  | "edit-items"
  | "edit-profile"
  /** Remove members, change their roles, hand the group over. */
  | "change-members"
  /** Email someone an invitation to join (its mail goes out from the council's address). */
  | "invite-members"
  /** See applicants' and registrants' contact details. */
  | "see-contacts"
  | "export-contacts"
  /** Accept or decline applicants, record attendance, cancel a date: each of these emails residents. */
  | "manage-participants"
  | "message-volunteers";

export type GroupMembership = { role: GroupRole; groupStatus: string };

const ANY_STATUS: readonly GroupStatus[] = Object.values(GROUP_STATUS);
/** A group waiting for review prepares its own drafts and profile; nothing it does reaches anyone yet. */
const PREPARING: readonly GroupStatus[] = [GROUP_STATUS.pending, GROUP_STATUS.approved];
const APPROVED: readonly GroupStatus[] = [GROUP_STATUS.approved];

const RULES: Record<GroupAction, { role: GroupRole; statuses: readonly GroupStatus[] }> = {
  "open-workspace": { role: "editor", statuses: ANY_STATUS },
  leave: { role: "editor", statuses: ANY_STATUS },
  "withdraw-invite": { role: "owner", statuses: ANY_STATUS },
  "edit-items": { role: "editor", statuses: PREPARING },
  "edit-profile": { role: "owner", statuses: PREPARING },
  "change-members": { role: "owner", statuses: PREPARING },
  "invite-members": { role: "owner", statuses: APPROVED },
  "see-contacts": { role: "editor", statuses: APPROVED },
  "export-contacts": { role: "editor", statuses: APPROVED },
  "manage-participants": { role: "editor", statuses: APPROVED },
  "message-volunteers": { role: "editor", statuses: APPROVED },
};

export const GROUP_ACTIONS = Object.keys(RULES) as GroupAction[];

const RANK: Record<GroupRole, number> = { editor: 1, owner: 2 };

/**
 * Why `membership` may not do `action`: "role" (not a member, or an editor asking for an owner's action: callers
 * answer 404, as for a group that does not exist) or "status" (the group's review state forbids it), else null.
 */
export function groupActionRefusal(membership: GroupMembership | null, action: GroupAction): "role" | "status" | null {
  const rule = RULES[action];
  if (!membership || RANK[membership.role] < RANK[rule.role]) return "role";
  if (!(rule.statuses as readonly string[]).includes(membership.groupStatus)) return "status";
  return null;
}

export function canActForGroup(membership: GroupMembership | null, action: GroupAction): boolean {
  return groupActionRefusal(membership, action) === null;
}

/** Every action with whether this member may do it, for a page to show only what works. */
export function groupAbilities(membership: GroupMembership): Record<GroupAction, boolean> {
  return Object.fromEntries(GROUP_ACTIONS.map((a) => [a, canActForGroup(membership, a)])) as Record<GroupAction, boolean>;
}
