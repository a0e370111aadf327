import crypto from "node:crypto";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { indexGroupItems } from "~/modules/search/documents.server";
import { GROUP_STATUS } from "~/modules/publishing/visibility";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { DEFAULT_LOCALE, isLocale } from "~/modules/i18n/config";
import { consumeRateLimit, isRateLimited, type RateLimitRule } from "~/modules/auth/rate-limit.server";
import type { GroupRole } from "./permissions";
import { INVITE_DAYS } from "./constants";
import type { GroupProfileInput } from "./schemas";

// A group's own workspace: registering a group, its profile and its members. Every function here is called
// after requireWorkspace (or requireUser for registering), and every query carries the groupId it was given.

/** A member may have at most this many groups waiting for review, so one account cannot flood the queue. */
export const MAX_PENDING_GROUPS = 3;

export class GroupRuleError extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

/**
 * An invitation is an email from the council's address to anyone: limited per group and per sender, like every
 * other outgoing email, so neither one group nor one owner of several groups can use it to send mail in bulk.
 */
export const INVITE_LIMITS = {
  perGroup: { name: "invite-group", limit: 10, windowSeconds: 60 * 60 },
  perSender: { name: "invite-sender", limit: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

export class InviteRateLimitError extends GroupRuleError {
  constructor(readonly retryAfterSeconds: number) {
    super("manage.errors.tooManyInvites");
  }
}

/** Refuses before counting, so a refused invitation does not use up the other limit. */
async function consumeInviteAllowance(groupId: number, actorId: number, now: Date) {
  const subjects: [RateLimitRule, string][] = [
    [INVITE_LIMITS.perGroup, String(groupId)],
    [INVITE_LIMITS.perSender, String(actorId)],
  ];
  for (const [rule, subject] of subjects) {
    const peek = await isRateLimited(rule, subject, now);
    if (!peek.allowed) throw new InviteRateLimitError(peek.retryAfterSeconds);
  }
  for (const [rule, subject] of subjects) {
    const used = await consumeRateLimit(rule, subject, now);
    if (!used.allowed) throw new InviteRateLimitError(used.retryAfterSeconds);
  }
}

export async function listMyGroups(userId: number) {
  const rows = await prisma.groupMember.findMany({
    where: { userId },
    select: { role: true, group: { select: { id: true, name: true, nameKana: true, status: true, createdAt: true } } },
    orderBy: { group: { name: "asc" } },
  });
  return rows.map((r) => ({ id: r.group.id, name: r.group.name, status: r.group.status, role: r.role as GroupRole }));
}

export async function registerGroup(userId: number, input: GroupProfileInput) {
  const waiting = await prisma.group.count({ where: { status: GROUP_STATUS.pending, members: { some: { userId, role: "owner" } } } });
  if (waiting >= MAX_PENDING_GROUPS) throw new GroupRuleError("manage.errors.tooManyPending");
  return prisma.$transaction(async (tx) => {
    const group = await tx.group.create({
      // A new group waits for staff (publishing/transitions.server.ts approves, rejects or suspends it).
      data: { ...groupData(input), status: GROUP_STATUS.pending, members: { create: { userId, role: "owner" } } },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: userId, action: "group.register", entityType: "group", entityId: group.id });
    return group;
  });
}

function groupData(input: GroupProfileInput) {
  return {
    name: input.name,
    nameKana: input.nameKana,
    kind: input.kind,
    areaId: input.areaId,
    description: input.description,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    website: input.website,
  };
}

export async function getGroupProfile(groupId: number) {
  return prisma.group.findUniqueOrThrow({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      nameKana: true,
      kind: true,
      areaId: true,
      description: true,
      contactName: true,
      contactEmail: true,
      contactPhone: true,
      website: true,
      status: true,
    },
  });
}

/** Owners edit the profile. The group's name and area appear in its items' search documents, so those are refreshed. */
export async function updateGroupProfile(groupId: number, actorId: number, input: GroupProfileInput) {
  await prisma.$transaction(async (tx) => {
    await tx.group.update({ where: { id: groupId }, data: groupData(input), select: { id: true } });
    await recordAudit(tx, { actorId, action: "group.update", entityType: "group", entityId: groupId });
  });
  await indexGroupItems(groupId);
}

/** The workspace home: the group, its members (names and roles only), open invitations and its items. */
export async function getWorkspace(groupId: number, now = new Date()) {
  const group = await prisma.group.findUniqueOrThrow({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      status: true,
      members: { select: { role: true, createdAt: true, user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
      invites: {
        where: { acceptedAt: null, expiresAt: { gt: now } },
        select: { id: true, email: true, role: true, expiresAt: true },
        orderBy: { createdAt: "asc" },
      },
      places: { select: { id: true, name: true, status: true, updatedAt: true }, orderBy: { updatedAt: "desc" } },
      events: {
        select: {
          id: true,
          title: true,
          status: true,
          recurrenceRule: true,
          updatedAt: true,
          dates: { where: { startsAt: { gte: now }, status: { not: "cancelled" } }, select: { startsAt: true, endsAt: true }, orderBy: { startsAt: "asc" }, take: 1 },
        },
        orderBy: { updatedAt: "desc" },
      },
      openings: {
        select: {
          id: true,
          title: true,
          status: true,
          ongoing: true,
          updatedAt: true,
          shifts: { where: { status: "open", OR: [{ startsAt: { gte: now } }, { endsAt: null }] }, select: { startsAt: true, endsAt: true }, orderBy: { startsAt: "asc" }, take: 1 },
        },
        orderBy: { updatedAt: "desc" },
      },
    },
  });
  return group;
}

// ───────────── Members ─────────────

export function hashInviteToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * Invites someone by email. The random token is returned once (to show the owner a link to pass on) and mailed
 * through the outbox; only its SHA-256 is stored. The invitee accepts while signed in with that address, from the
 * link or from /manage. The mail is in the invitee's language when they have an account, else the inviter's.
 */
export async function inviteMember(groupId: number, actorId: number, input: { email: string; role: GroupRole; locale: string }, now = new Date()) {
  const already = await prisma.groupMember.findFirst({ where: { groupId, user: { email: input.email } }, select: { userId: true } });
  if (already) throw new GroupRuleError("manage.errors.alreadyMember");
  await consumeInviteAllowance(groupId, actorId, now);
  const [group, invitee] = await Promise.all([
    prisma.group.findUniqueOrThrow({ where: { id: groupId }, select: { name: true } }),
    prisma.user.findUnique({ where: { email: input.email }, select: { locale: true } }),
  ]);
  const locale = [invitee?.locale, input.locale].find(isLocale) ?? DEFAULT_LOCALE;
  const token = crypto.randomBytes(32).toString("base64url");
  await prisma.$transaction(async (tx) => {
    // A new invitation to the same address replaces any open one.
    await tx.groupInvite.deleteMany({ where: { groupId, email: input.email, acceptedAt: null } });
    const invite = await tx.groupInvite.create({
      data: { groupId, email: input.email, role: input.role, tokenHash: hashInviteToken(token), expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000) },
      select: { id: true },
    });
    await recordAudit(tx, { actorId, action: "group.invite", entityType: "group", entityId: groupId, detail: { inviteId: invite.id, role: input.role } });
    await enqueueEmail(tx, {
      to: input.email,
      locale,
      template: "group-invite",
      vars: { group: group.name, role: serverI18n.getFixedT(locale, "common")(`groupRole.${input.role}`), link: appUrl(`/manage/invite?token=${token}`), days: INVITE_DAYS },
      idempotencyKey: `group-invite:${invite.id}`,
    });
  });
  return { token };
}

export async function cancelInvite(groupId: number, inviteId: number) {
  await prisma.groupInvite.deleteMany({ where: { id: inviteId, groupId, acceptedAt: null } });
}

/** Open invitations addressed to the signed-in user's email. */
export async function listInvitesFor(email: string, now = new Date()) {
  const rows = await prisma.groupInvite.findMany({
    where: { email, acceptedAt: null, expiresAt: { gt: now } },
    select: { id: true, role: true, group: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ id: r.id, role: r.role as GroupRole, groupId: r.group.id, groupName: r.group.name }));
}

export async function findInviteByToken(token: string, email: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return prisma.groupInvite.findFirst({
    where: { tokenHash: hashInviteToken(token), email, acceptedAt: null, expiresAt: { gt: now } },
    select: { id: true, role: true, group: { select: { id: true, name: true } } },
  });
}

/** Accepts an invitation addressed to `user.email` (by id from /manage, or by token from the link). */
export async function acceptInvite(user: { id: number; email: string }, where: { id: number } | { token: string }, now = new Date()) {
  const invite =
    "token" in where
      ? await findInviteByToken(where.token, user.email, now)
      : await prisma.groupInvite.findFirst({
          where: { id: where.id, email: user.email, acceptedAt: null, expiresAt: { gt: now } },
          select: { id: true, role: true, group: { select: { id: true, name: true } } },
        });
  if (!invite) return null;
  await prisma.$transaction(async (tx) => {
    // Consumed once: a second click (or a replayed link) finds nothing to accept.
    const claimed = await tx.groupInvite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: now } });
    if (claimed.count !== 1) return;
    await tx.groupMember.upsert({
      where: { groupId_userId: { groupId: invite.group.id, userId: user.id } },
      create: { groupId: invite.group.id, userId: user.id, role: invite.role },
      update: {},
    });
    await recordAudit(tx, { actorId: user.id, action: "group.join", entityType: "group", entityId: invite.group.id });
  });
  return { groupId: invite.group.id };
}


/** Every change to members runs through here: the change, then a check that an owner remains, in one transaction. */
async function changeMembers(groupId: number, actorId: number, action: string, change: (tx: Tx) => Promise<void>, detail: Record<string, unknown>) {
  await prisma.$transaction(async (tx) => {
    await change(tx);
    const owners = await tx.groupMember.count({ where: { groupId, role: "owner" } });
    if (owners < 1) throw new GroupRuleError("manage.errors.lastOwner");
    await recordAudit(tx, { actorId, action, entityType: "group", entityId: groupId, detail });
  });
}

async function requireMember(groupId: number, userId: number) {
  const member = await prisma.groupMember.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { role: true } });
  if (!member) throw new GroupRuleError("errors.invalidChoice");
  return member;
}

export async function removeMember(groupId: number, actorId: number, userId: number) {
  if (userId === actorId) throw new GroupRuleError("manage.errors.useLeave");
  await requireMember(groupId, userId);
  await changeMembers(groupId, actorId, "group.member-remove", async (tx) => {
    await tx.groupMember.delete({ where: { groupId_userId: { groupId, userId } } });
  }, { userId });
}

export async function leaveGroup(groupId: number, userId: number) {
  await requireMember(groupId, userId);
  await changeMembers(groupId, userId, "group.leave", async (tx) => {
    await tx.groupMember.delete({ where: { groupId_userId: { groupId, userId } } });
  }, {});
}

export async function setMemberRole(groupId: number, actorId: number, userId: number, role: GroupRole) {
  await requireMember(groupId, userId);
  await changeMembers(groupId, actorId, "group.member-role", async (tx) => {
    await tx.groupMember.update({ where: { groupId_userId: { groupId, userId } }, data: { role } });
  }, { userId, role });
}

/** Hands the group over: the other member becomes an owner and the acting owner becomes an editor. */
export async function transferOwnership(groupId: number, actorId: number, toUserId: number) {
  if (toUserId === actorId) throw new GroupRuleError("errors.invalidChoice");
  await requireMember(groupId, toUserId);
  await changeMembers(groupId, actorId, "group.transfer", async (tx) => {
    await tx.groupMember.update({ where: { groupId_userId: { groupId, userId: toUserId } }, data: { role: "owner" } });
    await tx.groupMember.update({ where: { groupId_userId: { groupId, userId: actorId } }, data: { role: "editor" } });
  }, { toUserId });
}

export async function getGroupHeader(groupId: number) {
  return prisma.group.findUniqueOrThrow({ where: { id: groupId }, select: { id: true, name: true, status: true } });
}
