import crypto from "node:crypto";
import { WRITE_TX, prisma } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { derivedKey } from "~/modules/email/sealing.server";
import { appUrl } from "~/modules/email/templates.server";
import { publicWhere } from "~/modules/publishing/visibility";
import { invalidatePublicCache } from "~/utils/cache.server";
import { STALE_AFTER_MONTHS, staleSince } from "./freshness";

// The 要確認 check of a place (issue 10): confirming its details (by the group's one-click link, or by staff after a
// phone call), reminding the group's owners by email once per overdue period, and the staff's overdue list.
//
// The confirm link carries no stored token: it is an HMAC of the place id and its current lastConfirmedAt, under a
// key derived from the outbox key. Confirming moves lastConfirmedAt, so a used link (and any older one) stops
// working by itself, and a copy of the database alone cannot forge one.

export const CONFIRMED_VIA = { link: "link", phone: "phone" } as const;
export type ConfirmedVia = (typeof CONFIRMED_VIA)[keyof typeof CONFIRMED_VIA];

export const PLACE_CONFIRMED = "place.confirmed";
export const PLACE_REMINDER_SENT = "place.confirmReminderSent";

function linkMac(placeId: number, lastConfirmedAt: Date | null): Buffer {
  return crypto
    .createHmac("sha256", derivedKey("place-confirm-link"))
    .update(`place-confirm:${placeId}:${lastConfirmedAt ? lastConfirmedAt.toISOString() : "never"}`)
    .digest();
}

/** The token of the confirm link for a place as it is now. */
export function placeConfirmToken(placeId: number, lastConfirmedAt: Date | null): string {
  return linkMac(placeId, lastConfirmedAt).toString("base64url");
}

export function placeConfirmUrl(placeId: number, lastConfirmedAt: Date | null): string {
  return appUrl(`/places/${placeId}/confirm?token=${placeConfirmToken(placeId, lastConfirmedAt)}`);
}

function tokenMatches(placeId: number, lastConfirmedAt: Date | null, token: string): boolean {
  const given = Buffer.from(token, "base64url");
  const expected = linkMac(placeId, lastConfirmedAt);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Overdue: published by an approved group and not confirmed since `staleSince(now)` (or never). */
function overdueWhere(now: Date) {
  return { AND: [publicWhere("place"), { OR: [{ lastConfirmedAt: null }, { lastConfirmedAt: { lt: staleSince(now) } }] }] };
}

/**
 * The public place a confirm link is for, or null when the link is not (or no longer) valid: wrong token, already
 * used, or the place is not public. Only the name is returned: the page shows nothing else.
 */
export async function findPlaceForConfirmLink(placeId: number, token: string): Promise<{ id: number; name: string } | null> {
  if (!token || token.length > 100) return null;
  const place = await prisma.place.findFirst({ where: { id: placeId, ...publicWhere("place") }, select: { id: true, name: true, lastConfirmedAt: true } });
  if (!place || !tokenMatches(place.id, place.lastConfirmedAt, token)) return null;
  return { id: place.id, name: place.name };
}

/**
 * Records that the place's details are still right. `via: "link"` needs the link's token (the group's one-click
 * answer, no account: actorId null); `via: "phone"` is staff confirming on the group's behalf. The update is
 * conditional on the lastConfirmedAt the token was made from, so two clicks confirm (and audit) once.
 */
export async function confirmPlace(
  input: { placeId: number; via: typeof CONFIRMED_VIA.link; token: string } | { placeId: number; via: typeof CONFIRMED_VIA.phone; actorId: number },
  now = new Date(),
): Promise<boolean> {
  // Staff confirm from the overdue list only; the group's link works on its public place whenever it is used.
  const where = input.via === CONFIRMED_VIA.phone ? { AND: [{ id: input.placeId }, overdueWhere(now)] } : { id: input.placeId, ...publicWhere("place") };
  const place = await prisma.place.findFirst({ where, select: { id: true, lastConfirmedAt: true } });
  if (!place) return false;
  if (input.via === CONFIRMED_VIA.link && !tokenMatches(place.id, place.lastConfirmedAt, input.token)) return false;
  const confirmed = await prisma.$transaction(async (tx) => {
    const claimed = await tx.place.updateMany({ where: { id: place.id, lastConfirmedAt: place.lastConfirmedAt }, data: { lastConfirmedAt: now } });
    if (claimed.count !== 1) return false;
    await recordAudit(tx, {
      actorId: input.via === CONFIRMED_VIA.phone ? input.actorId : null,
      action: PLACE_CONFIRMED,
      entityType: "place",
      entityId: place.id,
      detail: { via: input.via, previous: place.lastConfirmedAt?.toISOString() ?? null },
    });
    return true;
  }, WRITE_TX);
  // The 要確認 mark is on cached public pages: they must show the new date at once.
  // Only the confirmation date (and the 要確認 mark on its pages) changed: no list of places holds it differently.
  if (confirmed) invalidatePublicCache([`place:${place.id}`], "text");
  return confirmed;
}

/** Whether the reminder for the current overdue period has gone out: one sent after the last confirmation. */
export function remindedThisPeriod(place: { lastConfirmedAt: Date | null; confirmReminderAt: Date | null }): boolean {
  if (!place.confirmReminderAt) return false;
  return !place.lastConfirmedAt || place.confirmReminderAt > place.lastConfirmedAt;
}

/**
 * Emails the group's owners (each in their own language) the confirm link for one overdue place and notes when.
 * `again` (staff's "send the reminder again") sends even when this period's reminder went out. Returns how many
 * emails were queued: 0 when the place is not overdue, already reminded, or its group has no owner to write to.
 */
export async function sendConfirmReminder(placeId: number, { now = new Date(), again = false, actorId = null }: { now?: Date; again?: boolean; actorId?: number | null } = {}) {
  const place = await prisma.place.findFirst({
    where: { id: placeId, ...overdueWhere(now) },
    select: {
      id: true,
      name: true,
      lastConfirmedAt: true,
      confirmReminderAt: true,
      group: { select: { name: true, members: { where: { role: "owner", user: { status: "active" } }, select: { user: { select: { id: true, email: true, name: true, locale: true } } } } } },
    },
  });
  if (!place || (!again && remindedThisPeriod(place))) return 0;
  const owners = place.group.members.map((m) => m.user);
  if (!owners.length) return 0;
  const link = placeConfirmUrl(place.id, place.lastConfirmedAt);
  return prisma.$transaction(async (tx) => {
    // Claimed on the value read above: the job on another process, or a second click, sends nothing more.
    const claimed = await tx.place.updateMany({ where: { id: place.id, confirmReminderAt: place.confirmReminderAt }, data: { confirmReminderAt: now } });
    if (claimed.count !== 1) return 0;
    for (const owner of owners) {
      await enqueueEmail(tx, {
        to: owner.email,
        userId: owner.id,
        locale: owner.locale,
        template: "place-confirm",
        vars: { name: owner.name, group: place.group.name, title: place.name, months: STALE_AFTER_MONTHS, link },
        idempotencyKey: `place-confirm/${place.id}/${now.getTime()}/${owner.id}`,
      });
    }
    if (actorId !== null) {
      await recordAudit(tx, { actorId, action: PLACE_REMINDER_SENT, entityType: "place", entityId: place.id, detail: { recipients: owners.length, again } });
    }
    return owners.length;
  }, WRITE_TX);
}

/** Overdue places not yet reminded in this overdue period: what the periodic job sends to. */
export async function placesDueForReminder(now = new Date(), limit = 200): Promise<number[]> {
  const rows = await prisma.place.findMany({
    where: overdueWhere(now),
    orderBy: [{ lastConfirmedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    select: { id: true, lastConfirmedAt: true, confirmReminderAt: true },
  });
  return rows.filter((p) => !remindedThisPeriod(p)).slice(0, limit).map((p) => p.id);
}

export type OverduePlace = {
  id: number;
  name: string;
  groupId: number;
  groupName: string;
  /** The contact the place publishes (the number staff ring to confirm by phone). */
  contact: { name: string; phone: string };
  lastConfirmedAt: string | null;
  confirmReminderAt: string | null;
  remindedThisPeriod: boolean;
  owners: number;
};

/** The staff's overdue list: oldest confirmation first (never confirmed before all). */
export async function listOverduePlaces(now = new Date()): Promise<OverduePlace[]> {
  const rows = await prisma.place.findMany({
    where: overdueWhere(now),
    orderBy: [{ lastConfirmedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      lastConfirmedAt: true,
      confirmReminderAt: true,
      contactName: true,
      contactPhone: true,
      group: { select: { id: true, name: true, _count: { select: { members: { where: { role: "owner", user: { status: "active" } } } } } } },
    },
    take: 500,
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    groupId: p.group.id,
    groupName: p.group.name,
    contact: { name: p.contactName, phone: p.contactPhone },
    lastConfirmedAt: p.lastConfirmedAt?.toISOString() ?? null,
    confirmReminderAt: p.confirmReminderAt?.toISOString() ?? null,
    remindedThisPeriod: remindedThisPeriod(p),
    owners: p.group._count.members,
  }));
}
