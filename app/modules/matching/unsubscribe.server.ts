import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import { derivedKey } from "~/modules/email/sealing.server";
import { appUrl } from "~/modules/email/templates.server";

// One-click unsubscribe from the weekly digest, without signing in (RFC 8058). The link carries no stored token:
// it is the account id and a last day of validity, signed with an HMAC under a key derived from the outbox key (as
// the 要確認 confirm link is), so a copy of the database alone cannot make one, and a changed id or date fails.
// Unsubscribing only ever turns the digest off: a leaked link can do nothing else, so it need not die after use
// (mail providers and scanners may open or post it more than once).

/** Long enough for any digest still read in an inbox; an older link says so and points to the profile page. */
export const UNSUBSCRIBE_LINK_DAYS = 180;
const DAY_MS = 86_400_000;
const KEY_LABEL = "digest-unsubscribe";

let key: Buffer | undefined;
function mac(payload: string): Buffer {
  key ??= derivedKey(KEY_LABEL);
  return crypto.createHmac("sha256", key).update(`${KEY_LABEL}:${payload}`).digest();
}

/** The token of the unsubscribe link for `userId`, valid for UNSUBSCRIBE_LINK_DAYS from `now`. */
export function digestUnsubscribeToken(userId: number, now = new Date()): string {
  const lastDay = Math.floor(now.getTime() / DAY_MS) + UNSUBSCRIBE_LINK_DAYS;
  const payload = `${userId}.${lastDay}`;
  return `${payload}.${mac(payload).toString("base64url")}`;
}

export function digestUnsubscribeUrl(userId: number, now = new Date()): string {
  return appUrl(`/unsubscribe/${digestUnsubscribeToken(userId, now)}`);
}

export type UnsubscribeLink = { ok: true; userId: number } | { ok: false; reason: "invalid" | "expired" };

/** Whose link this is, or why it cannot be used; the signature is checked before anything else is believed. */
export function readUnsubscribeToken(token: string, now = new Date()): UnsubscribeLink {
  const match = /^([1-9]\d{0,9})\.(\d{1,7})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const [, userId, lastDay, signature] = match;
  const given = Buffer.from(signature!, "base64url");
  const expected = mac(`${userId}.${lastDay}`);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  if (Math.floor(now.getTime() / DAY_MS) > Number(lastDay)) return { ok: false, reason: "expired" };
  return { ok: true, userId: Number(userId) };
}

export type DigestLinkState = "subscribed" | "unsubscribed" | "invalid" | "expired";

/** What the link's page shows: whether the digest is still on. Nothing about the person is read or shown. */
export async function digestLinkState(token: string, now = new Date()): Promise<DigestLinkState> {
  const link = readUnsubscribeToken(token, now);
  if (!link.ok) return link.reason;
  const profile = await prisma.profile.findFirst({ where: { userId: link.userId, user: { status: { not: "deleted" } } }, select: { notifyDigest: true } });
  if (!profile) return "invalid";
  return profile.notifyDigest ? "subscribed" : "unsubscribed";
}

/**
 * Turns the weekly digest off for the link's account. Pressing twice (or a mail provider posting again) is the
 * same as once; a bad or expired link changes nothing.
 */
export async function unsubscribeFromDigest(token: string, now = new Date()): Promise<{ ok: true } | { ok: false; reason: "invalid" | "expired" }> {
  const link = readUnsubscribeToken(token, now);
  if (!link.ok) return link;
  const exists = await prisma.profile.findFirst({ where: { userId: link.userId, user: { status: { not: "deleted" } } }, select: { userId: true } });
  if (!exists) return { ok: false, reason: "invalid" };
  await prisma.profile.updateMany({ where: { userId: link.userId, notifyDigest: true }, data: { notifyDigest: false } });
  return { ok: true };
}
