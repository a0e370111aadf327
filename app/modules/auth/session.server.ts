// Every lucia call of the app lives in this file (lucia v3 is no longer developed; this keeps it replaceable).
//
// Design (SECURITY.md rows 10–15): the cookie holds a random 160-bit token; the database keeps only its
// SHA-256 as the session id, so a database leak yields no usable cookies. Sessions have an idle timeout
// (10 days for residents, 30 minutes for staff, who see residents' personal data) and an absolute cap (30 days / 12 hours).
import crypto from "node:crypto";
import { noteRequestUser } from "~/utils/request-user.server";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

const RESIDENT = { idleSeconds: 10 * 24 * 3600, absoluteSeconds: 30 * 24 * 3600 };
const STAFF = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 };
/** lastSeenAt is written at most this often, so reading pages does not turn into a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionPolicy = typeof RESIDENT;
export function sessionPolicyFor(roles: string[]): SessionPolicy {
  return roles.includes("staff") || roles.includes("admin") ? STAFF : RESIDENT;
}

type SessionAttributes = { absoluteExpiresAt: Date; lastSeenAt: Date; idleSeconds: number };
type UserAttributes = { email: string; name: string; locale: string; status: string };

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: UserAttributes;
  }
}

/** A session joined with its user, as the raw lookup returns it (dates may come back as Date, text or number). */
type SessionRow = {
  id: string;
  userId: number | bigint;
  expiresAt: Date | string | number;
  absoluteExpiresAt: Date | string | number;
  lastSeenAt: Date | string | number;
  idleSeconds: number | bigint;
  email: string;
  name: string;
  locale: string;
  status: string;
};

const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    // Runs on every signed-in request: one plain, portable join (the ORM's include cost several ms to build).
    const [row] = await prisma.$queryRaw<SessionRow[]>`
      SELECT s."id", s."userId", s."expiresAt", s."absoluteExpiresAt", s."lastSeenAt", s."idleSeconds",
             u."email", u."name", u."locale", u."status"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${sessionId}`;
    if (!row) return [null, null];
    const session: DatabaseSession = {
      id: row.id,
      userId: Number(row.userId),
      expiresAt: new Date(row.expiresAt),
      attributes: { absoluteExpiresAt: new Date(row.absoluteExpiresAt), lastSeenAt: new Date(row.lastSeenAt), idleSeconds: Number(row.idleSeconds) },
    };
    const user: DatabaseUser = { id: Number(row.userId), attributes: { email: row.email, name: row.name, locale: row.locale, status: row.status } };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await prisma.session.findMany({ where: { userId } });
    return rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      expiresAt: r.expiresAt,
      attributes: { absoluteExpiresAt: r.absoluteExpiresAt, lastSeenAt: r.lastSeenAt, idleSeconds: r.idleSeconds },
    }));
  },
  async setSession(session) {
    await prisma.session.create({
      data: {
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        absoluteExpiresAt: session.attributes.absoluteExpiresAt,
        lastSeenAt: session.attributes.lastSeenAt,
        idleSeconds: session.attributes.idleSeconds,
      },
    });
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  },
  async deleteSession(sessionId) {
    await prisma.session.deleteMany({ where: { id: sessionId } });
  },
  async deleteUserSessions(userId) {
    await prisma.session.deleteMany({ where: { userId } });
  },
  async deleteExpiredSessions() {
    await prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lte: new Date() } }, { absoluteExpiresAt: { lte: new Date() } }] } });
  },
};

function cookieName() {
  // __Host- needs Secure, which browsers refuse on plain-http localhost; production always runs on https.
  return getEnv().NODE_ENV === "production" && getEnv().APP_ORIGIN.startsWith("https:") ? "__Host-tsunagu_session" : "tsunagu_session";
}

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(RESIDENT.idleSeconds, "s"),
  sessionCookie: {
    name: cookieName(),
    expires: false,
    attributes: { secure: cookieName().startsWith("__Host-"), sameSite: "lax", path: "/" },
  },
  getSessionAttributes: (a) => a,
  getUserAttributes: (a) => ({ email: a.email, name: a.name, locale: a.locale, status: a.status }),
});

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

function newToken(): string {
  return crypto.randomBytes(20).toString("base64url");
}

/** Starts a fresh session (a new one on every login: no fixation) and returns its Set-Cookie header. */
export async function createUserSession(userId: number, policy: SessionPolicy, now = new Date()): Promise<string> {
  const token = newToken();
  await lucia.createSession(
    userId,
    {
      absoluteExpiresAt: new Date(now.getTime() + policy.absoluteSeconds * 1000),
      lastSeenAt: now,
      idleSeconds: policy.idleSeconds,
    },
    { sessionId: hashToken(token) },
  );
  return lucia.createSessionCookie(token).serialize();
}

export type SessionUser = { id: number; email: string; name: string; locale: string };

function readToken(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
}

/**
 * The signed-in user of a request, or null. Enforces the idle timeout, the absolute cap and the account status;
 * a session that fails any of them is deleted at once.
 */
export async function getSessionUser(request: Request, now = new Date()): Promise<{ user: SessionUser; sessionId: string } | null> {
  const token = readToken(request);
  if (!token || token.length > 100) return null;
  const sessionId = hashToken(token);
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  const idleDeadline = session.lastSeenAt.getTime() + session.idleSeconds * 1000;
  if (now.getTime() > idleDeadline || now >= session.absoluteExpiresAt || user.status !== "active") {
    await lucia.invalidateSession(sessionId);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  noteRequestUser(request, user.id);
  return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale }, sessionId };
}

export async function endSession(request: Request): Promise<string> {
  const token = readToken(request);
  if (token) await lucia.invalidateSession(hashToken(token));
  return lucia.createBlankSessionCookie().serialize();
}

/** Log out everywhere: after a password reset, email change, role change or suspension. */
export async function endAllSessions(userId: number): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

export function blankSessionCookie(): string {
  return lucia.createBlankSessionCookie().serialize();
}

export const SESSION_POLICIES = { RESIDENT, STAFF };
