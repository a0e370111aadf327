import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { DEMO_USERS } from "../../prisma/seed-data";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction, loader as logoutLoader } from "~/routes/logout";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction } from "~/routes/reset-password";
import { action as meAction, loader as meLoader } from "~/routes/me._index";
import { action as meEmailAction } from "~/routes/me.email";
import { SESSION_POLICIES, createUserSession, getSessionUser, hashToken } from "~/modules/auth/session.server";
import { requireUser } from "~/modules/auth/permissions.server";
import {
  TEST_PASSWORD,
  codeFrom,
  cookiePair,
  cookieValue,
  dataOf,
  emailsTo,
  fieldErrors,
  ipFactory,
  latestEmail,
  postForm,
  requestWithCookie,
  resetLinkFrom,
  responseOf,
  tokenFromLink,
  uniqueEmail,
} from "../support/auth";
import { createResident, createSession } from "../support/factories";

// SECURITY.md §1 rows 8, 10–16: session tokens, lifetimes, and ending sessions.

const nextIp = ipFactory(12);
const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

const sha256 = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest("hex");

async function isSignedIn(cookie: string): Promise<boolean> {
  return (await getSessionUser(requestWithCookie("/me", cookie))) !== null;
}

async function loginThroughForm(email: string, password: string, cookie?: string) {
  const res = responseOf(await postForm(loginAction, "/login", { email, password }, { ip: nextIp(), cookie }));
  expect(res.status, `login of ${email}`).toBe(302);
  return res;
}

/** The Location of the redirect requireUser throws for a dead session. */
async function redirectForAnonymous(cookie: string): Promise<string | null> {
  try {
    await requireUser(requestWithCookie("/me?tab=1", cookie));
  } catch (error) {
    if (error instanceof Response) return error.headers.get("Location");
    throw error;
  }
  return null;
}

function attributes(setCookie: string): Map<string, string> {
  const [, ...parts] = setCookie.split(";").map((p) => p.trim());
  return new Map(parts.map((p) => [p.split("=")[0]!.toLowerCase(), p.split("=")[1] ?? ""]));
}

function flipChar(value: string, index: number): string {
  const c = value[index]!;
  return value.slice(0, index) + (c === "A" ? "B" : "A") + value.slice(index + 1);
}

describe("session tokens (rows 10, 11, 12, 14)", () => {
  it("keeps only the SHA-256 of the cookie token in the Session table, never the token itself", async () => {
    const user = await createResident();
    const token = cookieValue(await createUserSession(user.id, SESSION_POLICIES.RESIDENT));
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥128 bits of base64url
    const rows = await prisma.session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sha256(token));
    expect(hashToken(token)).toBe(sha256(token));
    const all = JSON.stringify(await prisma.session.findMany());
    expect(all).not.toContain(token);
  });

  it("rejects a cookie with one character changed, while the real one works", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const token = cookie.slice(cookie.indexOf("=") + 1);
    const name = cookie.slice(0, cookie.indexOf("="));
    expect(await isSignedIn(cookie)).toBe(true);
    for (const index of [0, Math.floor(token.length / 2), token.length - 1]) {
      expect(await isSignedIn(`${name}=${flipChar(token, index)}`)).toBe(false);
    }
    expect(await isSignedIn(`${name}=${token}x`)).toBe(false);
    expect(await isSignedIn(`${name}=${token.slice(0, -1)}`)).toBe(false);
    // The real session is untouched by the failed attempts.
    expect(await isSignedIn(cookie)).toBe(true);
  });

  it("each login creates a new session, and a cookie planted before login never becomes valid", async () => {
    const user = await createResident();
    const planted = "planted-by-attacker-0123456789abcdef";
    const first = await loginThroughForm(user.email, user.password, `tsunagu_session=${planted}`);
    const second = await loginThroughForm(user.email, user.password, `tsunagu_session=${planted}`);
    const a = cookieValue(first.headers.get("Set-Cookie"));
    const b = cookieValue(second.headers.get("Set-Cookie"));
    expect(a).not.toBe(planted);
    expect(b).not.toBe(planted);
    expect(a).not.toBe(b);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);
    expect(await prisma.session.findUnique({ where: { id: sha256(planted) } })).toBeNull();
    expect(await isSignedIn(`tsunagu_session=${planted}`)).toBe(false);
    expect(await isSignedIn(cookiePair(first.headers.get("Set-Cookie")))).toBe(true);
  });

  it("logout (POST) deletes the session row; replaying the old cookie sends the resident to /login", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const id = sha256(cookie.slice(cookie.indexOf("=") + 1));

    // A GET (e.g. <img src=/logout>) changes nothing.
    const get = await logoutLoader();
    expect(get.status).toBe(302);
    expect(await prisma.session.findUnique({ where: { id } })).not.toBeNull();

    const res = responseOf(await postForm(logoutAction, "/logout", {}, { cookie, ip: nextIp() }));
    expect(res.status).toBe(302);
    const cleared = res.headers.get("Set-Cookie")!;
    expect(cleared).toMatch(/^tsunagu_session=;/);
    expect(attributes(cleared).get("max-age")).toBe("0");
    expect(await prisma.session.findUnique({ where: { id } })).toBeNull();

    expect(await redirectForAnonymous(cookie)).toBe(`/login?redirectTo=${encodeURIComponent("/me?tab=1")}`);
    let thrown: unknown;
    try {
      await meLoader({ request: requestWithCookie("/me", cookie), params: {}, context: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fme");
  });

  it("the login cookie is HttpOnly, SameSite=Lax, Path=/ and has no Domain", async () => {
    const user = await createResident();
    const setCookie = (await loginThroughForm(user.email, user.password)).headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^tsunagu_session=[A-Za-z0-9_-]{22,};/);
    const attrs = attributes(setCookie);
    expect(attrs.has("httponly")).toBe(true);
    expect(attrs.get("samesite")?.toLowerCase()).toBe("lax");
    expect(attrs.get("path")).toBe("/");
    expect(attrs.has("domain")).toBe(false);
    // Over plain-http localhost (tests, development) browsers refuse Secure/__Host- cookies; see the next test for production.
    expect(attrs.has("secure")).toBe(false);
  });

  it("in production over https the cookie is named __Host-tsunagu_session and is Secure", async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, APP_ORIGIN: process.env.APP_ORIGIN };
    try {
      process.env.NODE_ENV = "production";
      process.env.APP_ORIGIN = "https://tsunagu.example.jp";
      vi.resetModules();
      const production = await import("~/modules/auth/session.server");
      const setCookie = production.lucia.createSessionCookie("token-value").serialize();
      expect(setCookie).toMatch(/^__Host-tsunagu_session=token-value;/);
      const attrs = attributes(setCookie);
      expect(attrs.has("secure")).toBe(true);
      expect(attrs.has("httponly")).toBe(true);
      expect(attrs.get("samesite")?.toLowerCase()).toBe("lax");
      expect(attrs.get("path")).toBe("/");
      expect(attrs.has("domain")).toBe(false);
    } finally {
      process.env.NODE_ENV = saved.NODE_ENV;
      process.env.APP_ORIGIN = saved.APP_ORIGIN;
      vi.resetModules();
    }
  });
});

describe("session lifetimes (row 13)", () => {
  it("a resident session idle for more than 10 days is rejected and its row deleted (9 days is fine)", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const id = sha256(cookie.slice(cookie.indexOf("=") + 1));
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row.idleSeconds).toBe(10 * 24 * 3600);

    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 9 * DAY) } });
    expect(await isSignedIn(cookie)).toBe(true);

    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 10 * DAY - 60_000) } });
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await prisma.session.findUnique({ where: { id } })).toBeNull();
  });

  it("a staff session (login as staff) idles out after 30 minutes and is capped at 12 hours", async () => {
    const staff = DEMO_USERS.find((u) => u.roles.includes("staff") && !u.roles.includes("admin"));
    expect(staff, "seed has a staff demo user").toBeDefined();
    const res = await loginThroughForm(staff!.email, staff!.password);
    const cookie = cookiePair(res.headers.get("Set-Cookie"));
    const id = sha256(cookie.slice(cookie.indexOf("=") + 1));
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row.idleSeconds).toBe(30 * 60);
    expect(row.absoluteExpiresAt.getTime() - row.lastSeenAt.getTime()).toBe(12 * HOUR);

    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    expect(await isSignedIn(cookie)).toBe(true);

    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await prisma.session.findUnique({ where: { id } })).toBeNull();
  });

  it("past the absolute cap a session is rejected even with activity a moment ago", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const id = sha256(cookie.slice(cookie.indexOf("=") + 1));
    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(), absoluteExpiresAt: new Date(Date.now() - 1000) } });
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await prisma.session.findUnique({ where: { id } })).toBeNull();
  });
});

describe("ending sessions (rows 8, 15, 16)", () => {
  it("a password reset ends every session of the account, and only the new password works", async () => {
    const user = await createResident();
    const phone = await createSession(user);
    const laptop = await createSession(user);
    expect(await isSignedIn(phone)).toBe(true);

    expect(dataOf(await postForm(forgotAction, "/forgot-password", { email: user.email }, { ip: nextIp() }))).toMatchObject({ sent: true });
    const token = tokenFromLink(resetLinkFrom((await latestEmail(user.email, "reset-password")).textBody));
    const newPassword = "a-brand-new-Passw0rd";
    const res = responseOf(await postForm(resetAction, "/reset-password", { token, password: newPassword }, { ip: nextIp() }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?reset=1");

    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    const old = await postForm(loginAction, "/login", { email: user.email, password: user.password }, { ip: nextIp() });
    expect(old.response).toBeUndefined();
    await loginThroughForm(user.email, newPassword);
  });

  it("suspending an account rejects its live cookie at once", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    expect(await isSignedIn(cookie)).toBe(true);
    await prisma.user.update({ where: { id: user.id }, data: { status: "suspended" } });
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await redirectForAnonymous(cookie)).toMatch(/^\/login\?redirectTo=/);
    // And a suspended account cannot simply log in again.
    const again = await postForm(loginAction, "/login", { email: user.email, password: user.password }, { ip: nextIp() });
    expect(again.response).toBeUndefined();
  });

  it("'log out everywhere' on /me ends all of the resident's sessions and nobody else's", async () => {
    const user = await createResident();
    const other = await createResident();
    const here = await createSession(user);
    const elsewhere = [await createSession(user), await createSession(user)];
    const othersCookie = await createSession(other);

    const res = responseOf(await postForm(meAction, "/me", { intent: "logout-everywhere" }, { cookie: here, ip: nextIp() }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
    expect(res.headers.get("Set-Cookie")).toMatch(/^tsunagu_session=;/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    for (const cookie of [here, ...elsewhere]) expect(await isSignedIn(cookie)).toBe(false);
    expect(await isSignedIn(othersCookie)).toBe(true);
  });

  it("changing the email address needs the current password: a wrong one is refused and no code is sent", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const newEmail = uniqueEmail("new-address");

    const refusedOutcome = await postForm(meEmailAction, "/me/email", { newEmail, password: "not-my-Passw0rd" }, { cookie, ip: nextIp() });
    expect(refusedOutcome.status).toBe(400);
    const refused = dataOf(refusedOutcome);
    expect(refused.step).toBe("start");
    expect(fieldErrors(refused.result, "password")).toEqual(["auth.wrongPassword"]);
    expect(await emailsTo(newEmail)).toEqual([]);
    expect(await prisma.verification.count({ where: { email: newEmail } })).toBe(0);

    const missingOutcome = await postForm(meEmailAction, "/me/email", { newEmail }, { cookie, ip: nextIp() });
    expect(missingOutcome.status).toBe(400);
    const missing = dataOf(missingOutcome);
    expect(missing.step).toBe("start");
    expect(await emailsTo(newEmail)).toEqual([]);

    // With the right password the code goes to the new address.
    const started = dataOf(await postForm(meEmailAction, "/me/email", { newEmail, password: user.password }, { cookie, ip: nextIp() }));
    expect(started.step).toBe("code");
    expect((await emailsTo(newEmail)).map((e) => e.template)).toEqual(["change-email"]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("confirming an email change ends the account's other sessions, gives a fresh one, and tells the old address", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const otherDevice = await createSession(user);
    const newEmail = uniqueEmail("changed");
    await postForm(meEmailAction, "/me/email", { newEmail, password: TEST_PASSWORD }, { cookie, ip: nextIp() });
    const code = codeFrom((await latestEmail(newEmail, "change-email")).textBody);

    const res = responseOf(await postForm(meEmailAction, "/me/email", { intent: "confirm", newEmail, code }, { cookie, ip: nextIp() }));
    expect(res.status).toBe(302);
    const fresh = cookiePair(res.headers.get("Set-Cookie"));
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await isSignedIn(otherDevice)).toBe(false);
    expect(await isSignedIn(fresh)).toBe(true);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(newEmail);
    expect((await emailsTo(user.email)).map((e) => e.template)).toContain("email-changed");
  });
});
