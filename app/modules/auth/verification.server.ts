import crypto from "node:crypto";

import { prisma, type Tx } from "~/utils/db.server";
import { QUICK_JOIN_CODE } from "./schemas";

// One-time codes (email verification, login by code, email change) and reset tokens (SECURITY.md rows 6–7):
// CSPRNG values, only their SHA-256 stored, bound to purpose + address, single use, short-lived, and a new request
// voids the previous one. Codes allow MAX_CODE_ATTEMPTS wrong tries before they are void.

export type CodePurpose = "verify-email" | "login-code" | "change-email" | "delete-account" | "quick-join";
export const CODE_TTL_MS = 10 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 10;

type CodeRule = { digits: number; ttlMs: number; maxAttempts: number };
const DEFAULT_RULE: CodeRule = { digits: 8, ttlMs: CODE_TTL_MS, maxAttempts: MAX_CODE_ATTEMPTS };
/**
 * Applying without an account (quick join) is typed on a phone between two apps, so its code is shorter and lives
 * longer; fewer wrong tries keep guessing as hard as for the 8-digit codes (5 in a million per code, and the
 * per-address email limit caps the codes).
 */
export const CODE_RULES: Partial<Record<CodePurpose, CodeRule>> = {
  "quick-join": { digits: QUICK_JOIN_CODE.digits, ttlMs: QUICK_JOIN_CODE.minutes * 60 * 1000, maxAttempts: 5 },
};
const ruleFor = (purpose: CodePurpose): CodeRule => CODE_RULES[purpose] ?? DEFAULT_RULE;

const sha256 = (value: string) => crypto.createHash("sha256").update(value, "utf8").digest("hex");
const codeHash = (purpose: string, email: string, code: string) => sha256(`${purpose}\n${email}\n${code}`);

async function voidOutstanding(tx: Tx, purpose: string, email: string, now: Date) {
  await tx.verification.updateMany({ where: { purpose, email, consumedAt: null }, data: { consumedAt: now } });
}

/** A fresh code (8 digits, or the purpose's rule) for `email`; any earlier code for the same purpose and address stops working. */
export async function issueCode(tx: Tx, input: { purpose: CodePurpose; email: string; userId: number | null }, now = new Date()) {
  const rule = ruleFor(input.purpose);
  const code = String(crypto.randomInt(0, 10 ** rule.digits)).padStart(rule.digits, "0");
  await voidOutstanding(tx, input.purpose, input.email, now);
  await tx.verification.create({
    data: {
      purpose: input.purpose,
      email: input.email,
      userId: input.userId,
      codeHash: codeHash(input.purpose, input.email, code),
      expiresAt: new Date(now.getTime() + rule.ttlMs),
    },
  });
  return code;
}

export type CodeCheck = { ok: true; userId: number | null } | { ok: false; reason: "invalid" | "expired" | "locked" };

/** Checks a code; a wrong guess counts against the code, the right one consumes it. */
export async function consumeCode(input: { purpose: CodePurpose; email: string; code: string }, now = new Date()): Promise<CodeCheck> {
  const code = input.code.normalize("NFKC").replace(/\s|-/g, "");
  const rule = ruleFor(input.purpose);
  return prisma.$transaction(async (tx) => {
    const row = await tx.verification.findFirst({
      where: { purpose: input.purpose, email: input.email, consumedAt: null },
      orderBy: { id: "desc" },
      select: { id: true, codeHash: true, attempts: true, expiresAt: true, userId: true },
    });
    if (!row) return { ok: false, reason: "invalid" } as const;
    if (row.expiresAt <= now) return { ok: false, reason: "expired" } as const;
    if (row.attempts >= rule.maxAttempts) return { ok: false, reason: "locked" } as const;
    const expected = Buffer.from(row.codeHash, "hex");
    const given = Buffer.from(codeHash(input.purpose, input.email, new RegExp(`^\\d{${rule.digits}}$`).test(code) ? code : "x"), "hex");
    if (!crypto.timingSafeEqual(expected, given)) {
      const attempts = row.attempts + 1;
      await tx.verification.update({ where: { id: row.id }, data: { attempts } });
      return { ok: false, reason: attempts >= rule.maxAttempts ? "locked" : "invalid" } as const;
    }
    await tx.verification.update({ where: { id: row.id }, data: { consumedAt: now } });
    return { ok: true, userId: row.userId } as const;
  });
}

/**
 * Voids every outstanding code and reset token of a person: those bound to their account and those sent to any of
 * their addresses. Called when the address or the password changes and when the account goes, so nothing issued
 * before the change still works after it.
 */
export async function voidAllFor(tx: Tx, person: { userId: number; emails: string[] }, now = new Date()) {
  await tx.verification.updateMany({
    where: { consumedAt: null, OR: [{ userId: person.userId }, { email: { in: person.emails } }] },
    data: { consumedAt: now },
  });
}

/** A password-reset token (256-bit) for a link; stored hashed, 1 hour, single use, earlier ones void. */
export async function issueResetToken(tx: Tx, input: { userId: number; email: string }, now = new Date()) {
  const token = crypto.randomBytes(32).toString("base64url");
  await voidOutstanding(tx, "reset-password", input.email, now);
  await tx.verification.create({
    data: {
      purpose: "reset-password",
      email: input.email,
      userId: input.userId,
      codeHash: sha256(token),
      expiresAt: new Date(now.getTime() + RESET_TTL_MS),
    },
  });
  return token;
}

export const isResetTokenFormat = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/** Rate-limit subject for one reset token: its hash, so the raw token never reaches the database. */
export const resetTokenSubject = (token: string) => sha256(token).slice(0, 32);

type LiveReset = { id: number; userId: number; email: string };

// A reset token is live while unused, unexpired, and addressed to the account's current address: a link mailed
// to an address the account no longer has must not reset it.
async function findLiveReset(db: Tx, token: string, now: Date): Promise<LiveReset | null> {
  if (!isResetTokenFormat(token)) return null;
  const row = await db.verification.findFirst({
    where: { purpose: "reset-password", codeHash: sha256(token), consumedAt: null, expiresAt: { gt: now } },
    select: { id: true, userId: true, email: true, user: { select: { email: true } } },
  });
  if (!row?.userId || row.user?.email !== row.email) return null;
  return { id: row.id, userId: row.userId, email: row.email };
}

/** The account a live reset token belongs to, without consuming it (to show the form, and to check before hashing). */
export async function peekResetToken(token: string, now = new Date()): Promise<{ userId: number; email: string } | null> {
  const row = await findLiveReset(prisma, token, now);
  return row ? { userId: row.userId, email: row.email } : null;
}

/** Consumes a reset token inside the caller's transaction; null when it is unknown, used, expired or re-addressed. */
export async function consumeResetToken(tx: Tx, token: string, now = new Date()): Promise<number | null> {
  const row = await findLiveReset(tx, token, now);
  if (!row) return null;
  const claimed = await tx.verification.updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: now } });
  return claimed.count === 1 ? row.userId : null;
}
