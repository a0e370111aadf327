import { prisma, type Tx } from "~/utils/db.server";

// Fixed-window counters stored in the database, so limits hold across several app instances.

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

export const RATE_LIMITS = {
  loginPerIp: { name: "login-ip", limit: 10, windowSeconds: 10 * 60 },
  loginPerAccount: { name: "login-account", limit: 5, windowSeconds: 60 },
  signupPerIp: { name: "signup-ip", limit: 6, windowSeconds: 5 * 60 },
  emailPerAddress: { name: "email-address", limit: 3, windowSeconds: 10 * 60 },
  emailPerIp: { name: "email-ip", limit: 10, windowSeconds: 10 * 60 },
  codeAttemptsPerIp: { name: "code-ip", limit: 20, windowSeconds: 10 * 60 },
  resetPerIp: { name: "reset-ip", limit: 10, windowSeconds: 10 * 60 },
  resetPerToken: { name: "reset-token", limit: 5, windowSeconds: 60 * 60 },
  /** Reports (通報) need no account; a handful an hour is plenty for a person and too few to hide items by flooding. */
  reportPerIp: { name: "report-ip", limit: 5, windowSeconds: 60 * 60 },
  /** Registering by phone proves nothing about the number, so a few an hour per address: enough for a household. */
  phoneRegistrationPerIp: { name: "phone-registration-ip", limit: 3, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one use of `rule` for `subject`; refuses once the limit is reached within the window. */
export async function consumeRateLimit(rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
  return consumeRateLimits([[rule, subject]], now);
}

const keyOf = (rule: RateLimitRule, subject: string) => `${rule.name}:${subject.toLowerCase().slice(0, 200)}`;

/**
 * Counts one use of each rule for its subject in one write transaction, all or nothing: when any of them has
 * reached its limit, none is counted and the first refusal is returned.
 */
export async function consumeRateLimits(uses: [RateLimitRule, string][], now = new Date()): Promise<RateLimitResult> {
  return prisma.$transaction(async (tx) => {
    const rows = await Promise.all(uses.map(([rule, subject]) => tx.rateLimit.findUnique({ where: { key: keyOf(rule, subject) } })));
    for (const [i, [rule]] of uses.entries()) {
      const row = rows[i];
      const windowMs = rule.windowSeconds * 1000;
      if (row && now.getTime() - row.windowStart.getTime() < windowMs && row.count >= rule.limit) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.windowStart.getTime() + windowMs - now.getTime()) / 1000)) } as const;
      }
    }
    for (const [i, [rule, subject]] of uses.entries()) {
      const key = keyOf(rule, subject);
      const row = rows[i];
      if (!row || now.getTime() - row.windowStart.getTime() >= rule.windowSeconds * 1000) {
        await tx.rateLimit.upsert({ where: { key }, create: { key, windowStart: now, count: 1 }, update: { windowStart: now, count: 1 } });
      } else {
        await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
      }
    }
    return { allowed: true } as const;
  });
}

/** Peeks without counting (to refuse before doing expensive work, e.g. password hashing). */
export async function isRateLimited(rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
  const key = `${rule.name}:${subject.toLowerCase().slice(0, 200)}`;
  const row = await prisma.rateLimit.findUnique({ where: { key } });
  const windowMs = rule.windowSeconds * 1000;
  if (!row || now.getTime() - row.windowStart.getTime() >= windowMs || row.count < rule.limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.windowStart.getTime() + windowMs - now.getTime()) / 1000)) };
}

/**
 * Deletes counters whose window ended long ago. Their keys hold addresses and IPs, which should not outlive their
 * use (a changed address, for instance, would otherwise stay in the table for good).
 */
export async function purgeExpiredRateLimits(now = new Date()) {
  const longest = Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowSeconds));
  const { count } = await prisma.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - longest * 1000) } } });
  return count;
}

/**
 * Gives back one use counted by `consumeRateLimit` (an attempt that turned out not to count, e.g. a login that
 * succeeded): reserving before the expensive work and refunding after keeps concurrent attempts from all passing a
 * check made before any of them was counted.
 */
export async function refundRateLimit(rule: RateLimitRule, subject: string, db: Tx | typeof prisma = prisma) {
  await db.rateLimit.updateMany({ where: { key: keyOf(rule, subject), count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

export async function resetRateLimit(rule: RateLimitRule, subject: string, db: Tx | typeof prisma = prisma) {
  await db.rateLimit.deleteMany({ where: { key: keyOf(rule, subject) } });
}

/**
 * The client address. server.mjs overwrites this header with Express's `req.ip` (the socket address, or the
 * proxy's X-Forwarded-For entry when TRUST_PROXY=1), so a client cannot choose it.
 */
export const CLIENT_IP_HEADER = "X-Tsunagu-Client-Ip";
export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
