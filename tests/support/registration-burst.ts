import crypto from "node:crypto";
import Database from "better-sqlite3";
import { insertSession, SESSION_COOKIE, sessionIdOf, sqliteTime as iso } from "./session-rows";

// 200 residents press 「申し込む」 at once for a date with 30 places (issue 8, item 12). Shared by the browser test
// (tests/e2e/residents-register-in-a-burst.test.ts: every answer true and whole, exact counts) and the benchmark
// (scripts/bench/burst.ts: how long the rush takes), so both measure the same thing.

export type BurstSetup = { eventId: number; dateIds: number[]; cookies: string[] };
export type BurstAnswer = { status: number; location: string | null; body: string; ms: number };

/** Residents with live sessions and fresh dates, written straight into the server's database (as logins would). */
export function prepareBurst(dbFile: string, options: { residents: number; seats: number; dates: number }): BurstSetup {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  const now = new Date();
  const stamp = `${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}`;
  const event = db
    .prepare(`SELECT e.id FROM "Event" e JOIN "Group" g ON g.id = e."groupId" WHERE e.status = 'published' AND g.status = 'approved' AND e."registrationRequired" = 1 ORDER BY e.id LIMIT 1`)
    .get() as { id: number } | undefined;
  if (!event) throw new Error("the seed has no published event that takes registrations");
  const dateIds: number[] = [];
  const cookies: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < options.dates; i += 1) {
      const startsAt = new Date(now.getTime() + (9 + i) * 86_400_000);
      const info = db
        .prepare(`INSERT INTO "EventDate" ("eventId", "startsAt", "endsAt", "status", "capacity", "registeredCount") VALUES (?, ?, ?, 'scheduled', ?, 0)`)
        .run(event.id, iso(startsAt), iso(new Date(startsAt.getTime() + 2 * 3_600_000)), options.seats);
      dateIds.push(Number(info.lastInsertRowid));
    }
    const addUser = db.prepare(`INSERT INTO "User" (email, name, locale, status, "emailVerifiedAt", "createdAt", "updatedAt") VALUES (?, ?, 'ja', 'active', ?, ?, ?)`);
    for (let i = 0; i < options.residents; i += 1) {
      const user = addUser.run(`burst-${stamp}-${i}@example.jp`, `連続 住民${i}`, iso(now), iso(now), iso(now));
      cookies.push(`${SESSION_COOKIE}=${insertSession(db, Number(user.lastInsertRowid), now)}`);
    }
  })();
  db.close();
  return { eventId: event.id, dateIds, cookies };
}

/** Every resident registers at once; each answer with how long it took, and the whole rush's duration. */
export async function runBurst(baseURL: string, setup: BurstSetup, dateId: number, userAgent: string) {
  const url = `${baseURL}/events/${setup.eventId}`;
  const started = performance.now();
  const answers: BurstAnswer[] = await Promise.all(
    setup.cookies.map(async (cookie) => {
      const sent = performance.now();
      try {
        const res = await fetch(url, {
          method: "POST",
          redirect: "manual",
          headers: { Cookie: cookie, Origin: baseURL, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": userAgent, "Accept-Language": "ja" },
          body: new URLSearchParams({ intent: "register", eventDateId: String(dateId), partySize: "1", consent: "on" }),
        });
        return { status: res.status, location: res.headers.get("Location"), body: await res.text(), ms: performance.now() - sent };
      } catch (error) {
        return { status: 0, location: null, body: String(error), ms: performance.now() - sent };
      }
    }),
  );
  return { answers, ms: performance.now() - started };
}

/** Registrations of one date by status, and the date's own counter. */
export function countOutcomes(dbFile: string, dateId: number) {
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare(`SELECT status, COUNT(*) AS n FROM "Registration" WHERE "eventDateId" = ? GROUP BY status`).all(dateId) as { status: string; n: number }[];
  const registered = (db.prepare(`SELECT "registeredCount" AS c FROM "EventDate" WHERE id = ?`).get(dateId) as { c: number }).c;
  db.close();
  return { ...Object.fromEntries(rows.map((r) => [r.status, r.n])), registered };
}

/** The user id behind each session cookie of `prepareBurst` (the session row holds the token's SHA-256). */
export function userIdsOf(dbFile: string, cookies: string[]): number[] {
  const db = new Database(dbFile, { readonly: true });
  const find = db.prepare(`SELECT "userId" FROM "Session" WHERE id = ?`);
  const ids = cookies.map((cookie) => {
    const token = cookie.slice(cookie.indexOf("=") + 1);
    return (find.get(sessionIdOf(token)) as { userId: number }).userId;
  });
  db.close();
  return ids;
}
