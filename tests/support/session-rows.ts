import crypto from "node:crypto";
import type { Database } from "better-sqlite3";

// A signed-in session written straight into a server's SQLite file, for processes outside the app's module graph
// (the Playwright runner, the benchmark). It mirrors createUserSession in app/modules/auth/session.server.ts: the
// cookie carries a random token, the row only its SHA-256, with the resident policy's idle and absolute expiry.

/** The session cookie over plain http; production over https uses the __Host- prefixed name instead. */
export const SESSION_COOKIE = "tsunagu_session";
const IDLE_SECONDS = 10 * 24 * 3600;
const ABSOLUTE_SECONDS = 30 * 24 * 3600;

/** A DateTime as Prisma's SQLite adapter stores it. */
export const sqliteTime = (instant: Date) => instant.toISOString().replace("Z", "+00:00");

/** The Session row's id for a cookie's token: its SHA-256, as createUserSession stores it. */
export const sessionIdOf = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");

/** Inserts a live session for `userId` and returns the token its cookie carries. */
export function insertSession(db: Database, userId: number, now = new Date()): string {
  const token = crypto.randomBytes(20).toString("base64url");
  const after = (seconds: number) => sqliteTime(new Date(now.getTime() + seconds * 1000));
  db.prepare(
    `INSERT INTO "Session" (id, "userId", "createdAt", "expiresAt", "absoluteExpiresAt", "lastSeenAt", "idleSeconds") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(sessionIdOf(token), userId, sqliteTime(now), after(IDLE_SECONDS), after(ABSOLUTE_SECONDS), sqliteTime(now), IDLE_SECONDS);
  return token;
}
