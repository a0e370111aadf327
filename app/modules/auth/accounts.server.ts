
import { Prisma } from "~/generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { logEvent } from "~/utils/logger.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from "./password.server";
import {
  consumeCode,
  consumeResetToken,
  isResetTokenFormat,
  issueCode,
  issueResetToken,
  peekResetToken,
  resetTokenSubject,
  voidAllFor,
  type CodeCheck,
} from "./verification.server";
import { createUserSession, endAllSessions, sessionPolicyFor } from "./session.server";
import { getRoles } from "./permissions.server";
import { QUICK_JOIN_CODE } from "./schemas";
import { RATE_LIMITS, consumeRateLimit, consumeRateLimits, refundRateLimit, resetRateLimit, type RateLimitResult } from "./rate-limit.server";

// Account use cases. None of them reveals whether an email address has an account: every branch returns the
// same outcome to the caller and costs about the same time (SECURITY.md row 5).

export const PRIVACY_NOTICE_VERSION = "2026-12";

/** Sends an email only while the address is under its limit; the caller's response never changes. */
async function mayEmail(address: string, ip: string): Promise<boolean> {
  const perAddress = await consumeRateLimit(RATE_LIMITS.emailPerAddress, address);
  const perIp = await consumeRateLimit(RATE_LIMITS.emailPerIp, ip);
  if (!perAddress.allowed || !perIp.allowed) {
    logEvent({ event: "email.rate_limited", ip });
    return false;
  }
  return true;
}

export type SignupResult = { ok: true } | { ok: false; problem: PasswordProblem };

/** What a new profile starts with (the quick match's answers, turned into ids by the matching module). */
export type StartingProfile = { interestIds: number[]; audienceIds: number[]; availability: number; areaId: number | null; reach: string; avoid: string; role: string };

function startingProfileData(start: StartingProfile | undefined) {
  if (!start) return {};
  return {
    interests: { connect: start.interestIds.map((id) => ({ id })) },
    audiences: { connect: start.audienceIds.map((id) => ({ id })) },
    availability: start.availability,
    areaId: start.areaId,
    reach: start.reach,
    avoid: start.avoid,
    role: start.role,
  };
}

type ExistingAccount = { id: number; status: string; registeredById: number | null; emailVerifiedAt: Date | null; password: { userId: number } | null };

/**
 * A record staff made for someone who phoned or came to the counter (代理登録), with the address they gave, that
 * nobody has taken over yet: no password, the address never proven. Signing up with that address claims it.
 */
function isUnclaimedRecord(user: ExistingAccount): boolean {
  return user.registeredById !== null && user.emailVerifiedAt === null && user.password === null && user.status === "active";
}

/**
 * The person signs up with the address staff recorded for them: the record gets their password and the usual
 * verification code, and becomes theirs (same user, history and registeredById kept) once the code comes back
 * (markAddressProven). Until then the password opens nothing: login asks for the code first. The first signup
 * sets the password; a later one takes the existing-account path, and a password reset (which proves the address
 * too) replaces it, as for any account. False when another signup got there first.
 */
async function startClaim(user: { id: number; locale: string; name: string }, email: string, passwordHash: string, allowed: boolean): Promise<boolean> {
  try {
    await prisma.$transaction(async (tx) => {
      await tx.password.create({ data: { userId: user.id, hash: passwordHash }, select: { userId: true } });
      // They read and accepted the privacy notice themselves on the signup form.
      await tx.consent.create({ data: { userId: user.id, kind: "privacy-notice", version: PRIVACY_NOTICE_VERSION, method: "online" }, select: { id: true } });
      const code = await issueCode(tx, { purpose: "verify-email", email, userId: user.id });
      if (allowed) {
        await enqueueEmail(tx, { to: email, locale: user.locale, template: "verify-email", vars: { name: user.name, code }, idempotencyKey: `verify-email/${user.id}/${Date.now()}` });
      }
    });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

/**
 * The address of the account is proven (a code or a reset link came back): marks it verified. When this is a record
 * staff made for the person (代理登録) being proven for the first time, the person has claimed it: audited.
 */
async function markAddressProven(tx: Tx, userId: number, now = new Date()) {
  const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true, registeredById: true } });
  await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now }, select: { id: true } });
  if (before.emailVerifiedAt === null && before.registeredById !== null) {
    await recordAudit(tx, { actorId: userId, action: "person.claimed", entityType: "user", entityId: userId, detail: { registeredById: before.registeredById } });
  }
}

/**
 * Registers a resident (unverified) and emails a verification code. When the address already has an account,
 * its owner gets an email saying so instead, and the caller sees the same result. When it belongs to a record staff
 * made for the person (代理登録), the signup claims that record instead (startClaim), again with the same result.
 * `profile` (the quick match's answers) starts the profile of a new account only: an address that already has an
 * account, or a record being claimed, keeps its profile as it is, so nobody can change someone else's by signing up
 * with their address.
 */
export async function signUp(input: { name: string; email: string; password: string; locale: string; ip: string; profile?: StartingProfile }): Promise<SignupResult> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(input.password);
  const existing = await prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true, name: true, locale: true, status: true, registeredById: true, emailVerifiedAt: true, password: { select: { userId: true } } },
  });
  const allowed = await mayEmail(input.email, input.ip);
  if (existing && isUnclaimedRecord(existing) && (await startClaim(existing, input.email, passwordHash, allowed))) {
    logEvent({ event: "signup.claim_started", ip: input.ip, userId: existing.id });
    return { ok: true };
  }
  if (existing) {
    if (allowed && existing.status === "active") {
      await prisma.$transaction((tx) =>
        enqueueEmail(tx, {
          to: input.email,
          locale: existing.locale,
          template: "signup-existing",
          vars: { link: appUrl("/login") },
          idempotencyKey: `signup-existing/${existing.id}/${Date.now()}`,
        }),
      );
    }
    logEvent({ event: "signup.existing_email", ip: input.ip });
    return { ok: true };
  }
  await prisma.$transaction(async (tx) => {
    const resident = await tx.role.findUniqueOrThrow({ where: { name: "resident" }, select: { id: true } });
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        locale: input.locale,
        password: { create: { hash: passwordHash } },
        roles: { create: { roleId: resident.id } },
        profile: { create: startingProfileData(input.profile) },
        consents: { create: { kind: "privacy-notice", version: PRIVACY_NOTICE_VERSION } },
      },
      select: { id: true },
    });
    const code = await issueCode(tx, { purpose: "verify-email", email: input.email, userId: user.id });
    if (allowed) {
      await enqueueEmail(tx, {
        to: input.email,
        locale: input.locale,
        template: "verify-email",
        vars: { name: input.name, code },
        idempotencyKey: `verify-email/${user.id}/${Date.now()}`,
      });
    }
  });
  logEvent({ event: "signup.created", ip: input.ip });
  return { ok: true };
}

/** A new verification code for an unverified account (same response either way). */
export async function resendVerification(email: string, ip: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true, emailVerifiedAt: true, status: true } });
  if (!(await mayEmail(email, ip))) return;
  if (!user || user.emailVerifiedAt || user.status !== "active") return;
  await prisma.$transaction(async (tx) => {
    const code = await issueCode(tx, { purpose: "verify-email", email, userId: user.id });
    await enqueueEmail(tx, { to: email, locale: user.locale, template: "verify-email", vars: { name: user.name, code }, idempotencyKey: `verify-email/${user.id}/${Date.now()}` });
  });
}

export type LoginResult =
  | { ok: true; setCookie: string; userId: number }
  | { ok: false; reason: "invalid" | "unverified" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

async function startSession(userId: number): Promise<string> {
  const roles = await getRoles(userId);
  await prisma.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
  return createUserSession(userId, sessionPolicyFor(roles));
}

function limited(result: RateLimitResult): result is { allowed: false; retryAfterSeconds: number } {
  return !result.allowed;
}

/**
 * Password login with per-IP and per-account throttling decided before any hashing. Each attempt reserves its use
 * of both counters first (one write transaction for both), so a hundred attempts sent at once are counted against each
 * other and all but the allowed few are refused unhashed; an attempt that succeeds gives its use back.
 */
export async function loginWithPassword(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
  // Both uses in one transaction, all or nothing: a refused attempt is not counted, only checked ones are.
  const reserved = await consumeRateLimits([
    [RATE_LIMITS.loginPerIp, input.ip],
    [RATE_LIMITS.loginPerAccount, input.email],
  ]);
  if (limited(reserved)) {
    logEvent({ event: "login.rate_limited", ip: input.ip });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: reserved.retryAfterSeconds };
  }
  const user = await prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true, status: true, emailVerifiedAt: true, password: { select: { hash: true } } },
  });
  const valid = await verifyPassword(user?.password?.hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid || user.status !== "active") {
    logEvent({ event: "login.failed", ip: input.ip, userId: user?.id ?? null });
    return { ok: false, reason: "invalid" };
  }
  // The right password: its use of the address's allowance is given back, and the account's failures are
  // forgotten (an unverified account keeps them: it is not signed in), in one write.
  await prisma.$transaction(async (tx) => {
    await refundRateLimit(RATE_LIMITS.loginPerIp, input.ip, tx);
    if (user.emailVerifiedAt) await resetRateLimit(RATE_LIMITS.loginPerAccount, input.email, tx);
    else await refundRateLimit(RATE_LIMITS.loginPerAccount, input.email, tx);
  });
  if (!user.emailVerifiedAt) {
    await resendVerification(input.email, input.ip);
    return { ok: false, reason: "unverified" };
  }
  logEvent({ event: "login.succeeded", method: "password", ip: input.ip, userId: user.id });
  return { ok: true, setCookie: await startSession(user.id), userId: user.id };
}

/** Confirms the address with the emailed code, then signs the resident in. */
export async function verifyEmailAndLogin(input: { email: string; code: string; ip: string }): Promise<LoginResult | CodeFailure> {
  const check = await guardedConsume({ purpose: "verify-email", email: input.email, code: input.code }, input.ip);
  if (!check.ok) return check;
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, status: true } });
  if (!user || user.id !== check.userId || user.status !== "active") return { ok: false, reason: "invalid" };
  await prisma.$transaction((tx) => markAddressProven(tx, user.id));
  logEvent({ event: "email.verified", userId: user.id, ip: input.ip });
  return { ok: true, setCookie: await startSession(user.id), userId: user.id };
}

type Throttled = { ok: false; reason: "rate-limited"; retryAfterSeconds: number };
type CodeFailure = { ok: false; reason: Exclude<CodeCheck, { ok: true }>["reason"] } | Throttled;

async function guardedConsume(input: Parameters<typeof consumeCode>[0], ip: string): Promise<CodeCheck | Throttled> {
  const perIp = await consumeRateLimit(RATE_LIMITS.codeAttemptsPerIp, ip);
  if (limited(perIp)) return { ok: false, reason: "rate-limited", retryAfterSeconds: perIp.retryAfterSeconds };
  return consumeCode(input);
}

/**
 * Applying or registering without an account (quick join), step 1: a short code to the address, in the language of
 * the page, whatever the address is: new, a resident's, a record staff made (代理登録) or a suspended account. The
 * caller shows the same "we sent a code" step in every case, and nothing is created until the code comes back.
 * Over the address's email limit nothing is issued either, so the code already sent keeps working.
 */
export async function sendJoinCode(input: { email: string; locale: string; ip: string }) {
  if (!(await mayEmail(input.email, input.ip))) return;
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  await prisma.$transaction(async (tx) => {
    const code = await issueCode(tx, { purpose: "quick-join", email: input.email, userId: existing?.id ?? null });
    await enqueueEmail(tx, {
      to: input.email,
      userId: existing?.id ?? null,
      locale: input.locale,
      template: "quick-join-code",
      vars: { code, minutes: QUICK_JOIN_CODE.minutes },
      idempotencyKey: `quick-join-code/${input.email}/${Date.now()}`,
    });
  });
  logEvent({ event: "quick_join.code_sent", ip: input.ip });
}

export type JoinedResident = { id: number; email: string; name: string; locale: string };
export type JoinResult = { ok: true; setCookie: string; user: JoinedResident; created: boolean } | { ok: false; reason: "suspended" } | CodeFailure;

/**
 * Quick join, step 2: the code proves the address, so the person is signed in as its account, which is made now
 * when there is none (no password: they can set one through the reset link). An unproven account with the address
 * (a signup never confirmed, a record staff made) is proven and taken over, as a verification code would. The
 * privacy notice they accepted on the form is recorded once per version. A suspended account is told so, and
 * nothing else happens.
 */
export async function confirmJoinCode(input: { email: string; code: string; name: string; locale: string; ip: string }): Promise<JoinResult> {
  const check = await guardedConsume({ purpose: "quick-join", email: input.email, code: input.code }, input.ip);
  if (!check.ok) {
    logEvent({ event: "quick_join.code_refused", ip: input.ip });
    return check;
  }
  const existing = await findJoiner(input.email);
  if (existing && existing.status !== "active") {
    logEvent({ event: "quick_join.suspended", ip: input.ip, userId: existing.id });
    return { ok: false, reason: "suspended" };
  }
  const joined = existing ? { user: await takeOverForJoin(existing), created: false } : await createJoiner(input);
  logEvent({ event: joined.created ? "signup.created" : "login.succeeded", method: "quick-join", ip: input.ip, userId: joined.user.id });
  return { ok: true, setCookie: await startSession(joined.user.id), ...joined };
}

async function findJoiner(email: string) {
  return prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      status: true,
      emailVerifiedAt: true,
      consents: { where: { kind: "privacy-notice", version: PRIVACY_NOTICE_VERSION, revokedAt: null }, select: { id: true }, take: 1 },
    },
  });
}

async function takeOverForJoin(user: NonNullable<Awaited<ReturnType<typeof findJoiner>>>): Promise<JoinedResident> {
  await prisma.$transaction(async (tx) => {
    if (!user.emailVerifiedAt) await markAddressProven(tx, user.id);
    if (!user.consents.length) await tx.consent.create({ data: { userId: user.id, kind: "privacy-notice", version: PRIVACY_NOTICE_VERSION, method: "online" }, select: { id: true } });
  });
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

async function createJoiner(input: { email: string; name: string; locale: string }): Promise<{ user: JoinedResident; created: boolean }> {
  try {
    const user = await prisma.$transaction(async (tx) => {
      const resident = await tx.role.findUniqueOrThrow({ where: { name: "resident" }, select: { id: true } });
      return tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          locale: input.locale,
          emailVerifiedAt: new Date(),
          roles: { create: { roleId: resident.id } },
          profile: { create: {} },
          consents: { create: { kind: "privacy-notice", version: PRIVACY_NOTICE_VERSION } },
        },
        select: { id: true, email: true, name: true, locale: true },
      });
    });
    return { user, created: true };
  } catch (error) {
    // A double submit of the same code made the account first: the address is proven all the same.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const existing = await findJoiner(input.email);
    if (!existing) throw error;
    return { user: await takeOverForJoin(existing), created: false };
  }
}

/** Emails a one-time login code when the address has an active, verified account. */
export async function requestLoginCode(email: string, ip: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, locale: true, status: true, emailVerifiedAt: true } });
  if (!(await mayEmail(email, ip))) return;
  if (!user || user.status !== "active" || !user.emailVerifiedAt) return;
  await prisma.$transaction(async (tx) => {
    const code = await issueCode(tx, { purpose: "login-code", email, userId: user.id });
    await enqueueEmail(tx, { to: email, locale: user.locale, template: "login-code", vars: { code }, idempotencyKey: `login-code/${user.id}/${Date.now()}` });
  });
}

export async function loginWithCode(input: { email: string; code: string; ip: string }): Promise<LoginResult | CodeFailure> {
  const check = await guardedConsume({ purpose: "login-code", email: input.email, code: input.code }, input.ip);
  if (!check.ok) {
    logEvent({ event: "login.failed", method: "code", ip: input.ip });
    return check;
  }
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, status: true } });
  if (!user || user.id !== check.userId || user.status !== "active") return { ok: false, reason: "invalid" };
  logEvent({ event: "login.succeeded", method: "code", ip: input.ip, userId: user.id });
  return { ok: true, setCookie: await startSession(user.id), userId: user.id };
}

/** Emails a reset link (built from APP_ORIGIN, never from request headers) when the account exists. */
export async function requestPasswordReset(email: string, ip: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true, status: true } });
  if (!(await mayEmail(email, ip))) return;
  if (!user || user.status !== "active") return;
  await prisma.$transaction(async (tx) => {
    const token = await issueResetToken(tx, { userId: user.id, email });
    await enqueueEmail(tx, {
      to: email,
      locale: user.locale,
      template: "reset-password",
      vars: { name: user.name, link: appUrl(`/reset-password?token=${token}`) },
      idempotencyKey: `reset-password/${user.id}/${Date.now()}`,
    });
  });
  logEvent({ event: "password.reset_requested", userId: user.id, ip });
}

export type ResetResult =
  | { ok: true }
  | { ok: false; reason: "invalid-token" }
  | { ok: false; reason: PasswordProblem }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * Sets the new password and ends every session of the account (a thief's included). argon2 runs last: a forged
 * or spent token, a throttled IP or token, or a password that would be refused anyway costs no hashing.
 */
export async function resetPassword(input: { token: string; password: string; ip: string }): Promise<ResetResult> {
  if (!isResetTokenFormat(input.token)) return { ok: false, reason: "invalid-token" };
  const perIp = await consumeRateLimit(RATE_LIMITS.resetPerIp, input.ip);
  if (limited(perIp)) {
    logEvent({ event: "password.reset_rate_limited", ip: input.ip });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: perIp.retryAfterSeconds };
  }
  const live = await peekResetToken(input.token);
  if (!live) return { ok: false, reason: "invalid-token" };
  const perToken = await consumeRateLimit(RATE_LIMITS.resetPerToken, resetTokenSubject(input.token));
  if (limited(perToken)) {
    logEvent({ event: "password.reset_rate_limited", ip: input.ip, userId: live.userId });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: perToken.retryAfterSeconds };
  }
  const problem = passwordProblem(input.password, live.email);
  if (problem) return { ok: false, reason: problem };
  const passwordHash = await hashPassword(input.password);
  const userId = await prisma.$transaction(async (tx) => {
    const owner = await consumeResetToken(tx, input.token);
    if (!owner) return null;
    await tx.password.upsert({ where: { userId: owner }, create: { userId: owner, hash: passwordHash }, update: { hash: passwordHash } });
    // Having the reset email proves the address.
    await markAddressProven(tx, owner);
    await voidAllFor(tx, { userId: owner, emails: [live.email] });
    return owner;
  });
  if (!userId) return { ok: false, reason: "invalid-token" };
  await endAllSessions(userId);
  logEvent({ event: "password.reset", userId, ip: input.ip });
  return { ok: true };
}

/** Re-authentication for sensitive changes (email, password, deletion). */
export async function checkCurrentPassword(userId: number, password: string): Promise<boolean> {
  const row = await prisma.password.findUnique({ where: { userId }, select: { hash: true } });
  return verifyPassword(row?.hash ?? (await dummyPasswordHash()), password);
}

export async function hasPassword(userId: number): Promise<boolean> {
  return (await prisma.password.count({ where: { userId } })) > 0;
}

/** Sends a code to the new address; the change happens when that code comes back. */
export async function startEmailChange(input: { userId: number; newEmail: string; ip: string }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { name: true, locale: true } });
  const taken = await prisma.user.findUnique({ where: { email: input.newEmail }, select: { id: true } });
  if (!(await mayEmail(input.newEmail, input.ip))) return;
  // A taken address gets no code; the resident sees the same next step (no enumeration of other accounts).
  if (taken) return;
  await prisma.$transaction(async (tx) => {
    const code = await issueCode(tx, { purpose: "change-email", email: input.newEmail, userId: input.userId });
    await enqueueEmail(tx, { to: input.newEmail, userId: input.userId, locale: user.locale, template: "change-email", vars: { name: user.name, code }, idempotencyKey: `change-email/${input.userId}/${Date.now()}` });
  });
}

export async function confirmEmailChange(input: { userId: number; newEmail: string; code: string; ip: string }): Promise<{ ok: true; setCookie: string } | CodeFailure> {
  const check = await guardedConsume({ purpose: "change-email", email: input.newEmail, code: input.code }, input.ip);
  if (!check.ok) return check;
  if (check.userId !== input.userId) return { ok: false, reason: "invalid" };
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, name: true, locale: true } });
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { email: input.newEmail, emailVerifiedAt: new Date() } });
    // Links and codes sent before the change (to the old address, or for another new address) stop working.
    await voidAllFor(tx, { userId: input.userId, emails: [user.email, input.newEmail] });
    // The old address hears about it, in case the change was not theirs.
    await enqueueEmail(tx, {
      to: user.email,
      userId: input.userId,
      locale: user.locale,
      template: "email-changed",
      vars: { name: user.name, newEmail: input.newEmail },
      idempotencyKey: `email-changed/${input.userId}/${Date.now()}`,
    });
  });
  await endAllSessions(input.userId);
  logEvent({ event: "email.changed", userId: input.userId, ip: input.ip });
  return { ok: true as const, setCookie: await startSession(input.userId) };
}

/** Emails a code that confirms a deletion, for people who sign in without a password (or prefer a code). */
export async function requestDeletionCode(userId: number, ip: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, locale: true } });
  if (!(await mayEmail(user.email, ip))) return;
  await prisma.$transaction(async (tx) => {
    const code = await issueCode(tx, { purpose: "delete-account", email: user.email, userId });
    await enqueueEmail(tx, { to: user.email, userId, locale: user.locale, template: "delete-account-code", vars: { name: user.name, code }, idempotencyKey: `delete-account-code/${userId}/${Date.now()}` });
  });
}

export type DeletionProof = { password: string } | { code: string };
export type DeletionResult = { ok: true } | { ok: false; reason: "wrong-password" } | CodeFailure;

/**
 * Deletes the account once the person proved it is them (password or emailed code), with the re-authentication
 * throttle checked before any hashing.
 */
export async function deleteAccount(input: { userId: number; ip: string; proof: DeletionProof }): Promise<DeletionResult> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true } });
  if ("password" in input.proof) {
    const limit = await consumeRateLimit(RATE_LIMITS.loginPerAccount, `reauth:${input.userId}`);
    if (limited(limit)) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };
    if (!(await checkCurrentPassword(input.userId, input.proof.password))) return { ok: false, reason: "wrong-password" };
  } else {
    const check = await guardedConsume({ purpose: "delete-account", email: user.email, code: input.proof.code }, input.ip);
    if (!check.ok) return check;
    if (check.userId !== input.userId) return { ok: false, reason: "invalid" };
  }
  await erasePerson(input.userId);
  logEvent({ event: "account.deleted", userId: input.userId, ip: input.ip });
  return { ok: true };
}

/** Every address the account is known to have had: the current one, and those earlier mail and codes went to. */
async function addressesOf(tx: Tx, userId: number, current: string): Promise<string[]> {
  const [mailed, coded] = await Promise.all([
    tx.emailOutbox.findMany({ where: { userId }, select: { toAddress: true }, distinct: ["toAddress"] }),
    tx.verification.findMany({ where: { userId }, select: { email: true }, distinct: ["email"] }),
  ]);
  return [...new Set([current, ...mailed.map((m) => m.toAddress), ...coded.map((c) => c.email)])];
}

/**
 * Removes the person (APPI): the account with everything hanging off it, and every copy of their name and
 * addresses elsewhere (outbox, codes, invitations, rate-limit keys, contact fields of their own groups, audit
 * details). Applications and registrations stay without the person, so groups' and the council's activity counts
 * and hours remain true. The farewell email is tied to no one and deleted as soon as it is sent.
 */
async function erasePerson(userId: number) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, locale: true } });
  await prisma.$transaction(async (tx) => {
    const addresses = await addressesOf(tx, userId, user.email);
    const mentionsAnAddress = (field: "textBody" | "detail") => addresses.map((a) => ({ [field]: { contains: a } }));

    await tx.application.updateMany({ where: { userId }, data: { userId: null, message: "" } });
    await tx.application.updateMany({ where: { enteredById: userId }, data: { enteredById: null } });
    await tx.application.updateMany({ where: { hoursVerifiedById: userId }, data: { hoursVerifiedById: null } });
    await tx.registration.updateMany({ where: { userId }, data: { userId: null } });
    await tx.registration.updateMany({ where: { enteredById: userId }, data: { enteredById: null } });
    await tx.user.updateMany({ where: { registeredById: userId }, data: { registeredById: null } });

    await tx.emailOutbox.deleteMany({ where: { OR: [{ userId }, { toAddress: { in: addresses } }, ...mentionsAnAddress("textBody")] } });
    await tx.verification.deleteMany({ where: { OR: [{ userId }, { email: { in: addresses } }] } });
    await tx.groupInvite.deleteMany({ where: { email: { in: addresses } } });
    await tx.rateLimit.deleteMany({ where: { OR: [...addresses.map((a) => ({ key: { endsWith: `:${a}` } })), { key: { endsWith: `:reauth:${userId}` } }] } });
    await tx.auditLog.updateMany({ where: { OR: mentionsAnAddress("detail") }, data: { detail: "{}" } });

    // Their own groups may name them as the contact; the group and its listings stay, without that contact.
    const groupIds = (await tx.groupMember.findMany({ where: { userId }, select: { groupId: true } })).map((m) => m.groupId);
    if (groupIds.length) {
      const ownGroup = { id: { in: groupIds } };
      const ownItem = { groupId: { in: groupIds } };
      const theirEmail = { contactEmail: { in: addresses } };
      const theirName = { contactName: user.name };
      await tx.group.updateMany({ where: { ...ownGroup, ...theirEmail }, data: { contactEmail: "" } });
      await tx.group.updateMany({ where: { ...ownGroup, ...theirName }, data: { contactName: "" } });
      await tx.place.updateMany({ where: { ...ownItem, ...theirEmail }, data: { contactEmail: "" } });
      await tx.place.updateMany({ where: { ...ownItem, ...theirName }, data: { contactName: "" } });
      await tx.event.updateMany({ where: { ...ownItem, ...theirEmail }, data: { contactEmail: "" } });
      await tx.event.updateMany({ where: { ...ownItem, ...theirName }, data: { contactName: "" } });
      await tx.opening.updateMany({ where: { ...ownItem, ...theirEmail }, data: { contactEmail: "" } });
      await tx.opening.updateMany({ where: { ...ownItem, ...theirName }, data: { contactName: "" } });
    }

    await enqueueEmail(tx, { to: user.email, userId: null, locale: user.locale, template: "account-deleted", vars: { name: user.name }, idempotencyKey: `account-deleted/${userId}` });
    await recordAudit(tx, { actorId: null, action: "account.deleted", entityType: "user", entityId: userId });
    await tx.user.delete({ where: { id: userId } });
  });
}

/** Everything the portal holds about a resident, for the "download my data" button (APPI disclosure). */
export async function exportMyData(userId: number) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      name: true,
      nameKana: true,
      locale: true,
      createdAt: true,
      emailVerifiedAt: true,
      lastLoginAt: true,
      roles: { select: { role: { select: { name: true } } } },
      profile: { select: { bio: true, skills: true, languages: true, availability: true, prefersAtHome: true, prefersBeginner: true, discoverableByStaff: true, furigana: true, textSize: true, highContrast: true, phone: true, postalCode: true, postalAddress: true, birthYear: true, notifyReminders: true, notifyDigest: true, area: { select: { name: true } }, interests: { select: { name: true } } } },
      consents: { select: { kind: true, version: true, grantedAt: true, revokedAt: true } },
      memberships: { select: { role: true, group: { select: { name: true } } } },
      applications: { select: { status: true, hours: true, createdAt: true, consentToShareContact: true, shift: { select: { startsAt: true, opening: { select: { title: true } } } } } },
      registrations: { select: { status: true, partySize: true, createdAt: true, eventDate: { select: { startsAt: true, event: { select: { title: true } } } } } },
    },
  });
  return { exportedAt: new Date().toISOString(), ...user, roles: user.roles.map((r) => r.role.name) };
}
