import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password";
import { action as loginCodeAction } from "~/routes/login_.code";
import * as meEmail from "~/routes/me.email";
import { hashPassword, verifyPassword } from "~/modules/auth/password.server";
import { codeFrom, dataOf, errorKeys, ipFactory, latestEmail, postForm, resetLinkFrom, responseOf, tokenFromLink, uniqueEmail } from "../support/auth";
import { createResident, createSession, type TestUser } from "../support/factories";
import { argonCalls as argon } from "../support/argon-counter";
import { callLoader } from "./helpers";

// Issue 8 items 3 and 4: a token or code lives only as long as the address and password it was issued for,
// and no request reaches argon2 before the cheap checks (format, existence, rate limits) have passed.

vi.mock("@node-rs/argon2", async (importOriginal) => (await import("../support/argon-counter")).countingArgon(importOriginal));

const nextIp = ipFactory(41);
const NEW_PASSWORD = "a-brand-new-Passw0rd";

async function requestResetToken(email: string): Promise<string> {
  expect(dataOf(await postForm(forgotAction, "/forgot-password", { email }, { ip: nextIp() }))).toMatchObject({ sent: true });
  return tokenFromLink(resetLinkFrom((await latestEmail(email, "reset-password")).textBody));
}

function reset(token: string, password = NEW_PASSWORD, ip = nextIp()) {
  return postForm(resetAction, "/reset-password", { token, password }, { ip });
}

async function resetPageSays(token: string) {
  return (await callLoader(resetLoader, `/reset-password?token=${encodeURIComponent(token)}`)).valid;
}

async function passwordIs(user: TestUser, password: string) {
  const row = await prisma.password.findUniqueOrThrow({ where: { userId: user.id } });
  return verifyPassword(row.hash, password);
}

/** Starts an email change on /me/email and returns the code mailed to the new address. */
async function startChange(user: TestUser, cookie: string, newEmail: string): Promise<string> {
  const started = dataOf(await postForm(meEmail.action, "/me/email", { newEmail, password: user.password }, { cookie, ip: nextIp() }));
  expect(started.step).toBe("code");
  return codeFrom((await latestEmail(newEmail, "change-email")).textBody);
}

function confirmChange(cookie: string, newEmail: string, code: string) {
  return postForm(meEmail.action, "/me/email", { intent: "confirm", newEmail, code }, { cookie, ip: nextIp() });
}

function loginWithCode(email: string, code: string) {
  return postForm(loginCodeAction, "/login/code", { intent: "check", email, code }, { ip: nextIp() });
}

async function requestLoginCode(email: string): Promise<string> {
  expect(dataOf(await postForm(loginCodeAction, "/login/code", { intent: "send", email }, { ip: nextIp() })).step).toBe("code");
  return codeFrom((await latestEmail(email, "login-code")).textBody);
}

describe("tokens and codes die with the address and password they were issued for (item 3)", () => {
  it("a reset link sent before an email change no longer resets the account afterwards", async () => {
    const user = await createResident();
    const token = await requestResetToken(user.email);
    const cookie = await createSession(user);
    const newEmail = uniqueEmail("moved");
    const code = await startChange(user, cookie, newEmail);
    expect(responseOf(await confirmChange(cookie, newEmail, code)).headers.get("Location")).toBe("/me?emailChanged=1");

    expect(await resetPageSays(token)).toBe(false);
    expect(errorKeys(dataOf(await reset(token)).result)).toEqual(["auth.resetInvalid"]);
    expect(await passwordIs(user, user.password)).toBe(true);
  });

  it("an email change voids the code of an earlier, unfinished change to another address", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const first = uniqueEmail("first-choice");
    const firstCode = await startChange(user, cookie, first);
    const second = uniqueEmail("second-choice");
    const secondCode = await startChange(user, cookie, second);
    const changed = responseOf(await confirmChange(cookie, second, secondCode));
    const newCookie = changed.headers.get("Set-Cookie")!.split(";")[0]!;

    const late = await confirmChange(newCookie, first, firstCode);
    expect(late.response).toBeUndefined();
    expect(errorKeys(dataOf(late).result)).toEqual(["auth.codeError.invalid"]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(second);
  });

  it("a password reset voids the login code that was still outstanding", async () => {
    const user = await createResident();
    const loginCode = await requestLoginCode(user.email);
    const token = await requestResetToken(user.email);
    expect(responseOf(await reset(token)).headers.get("Location")).toBe("/login?reset=1");

    const late = await loginWithCode(user.email, loginCode);
    expect(late.response).toBeUndefined();
    expect(errorKeys(dataOf(late).result)).toEqual(["auth.codeError.invalid"]);
  });

  it("a reset token only works while its address is still the account's address", async () => {
    const user = await createResident();
    const token = await requestResetToken(user.email);
    // Staff corrected the address directly (no code round trip): the link sent to the old address is dead.
    await prisma.user.update({ where: { id: user.id }, data: { email: uniqueEmail("corrected") } });
    expect(await resetPageSays(token)).toBe(false);
    expect(errorKeys(dataOf(await reset(token)).result)).toEqual(["auth.resetInvalid"]);
    expect(await passwordIs(user, user.password)).toBe(true);
  });
});

describe("no password hashing before the cheap checks (item 4)", () => {
  it("the counter sees argon2 at work (so the checks below that nothing was hashed mean something)", async () => {
    const before = { ...argon };
    expect(await verifyPassword(await hashPassword("a long enough password"), "a long enough password")).toBe(true);
    expect(argon.hashCalls).toBe(before.hashCalls + 1);
    expect(argon.verifyCalls).toBe(before.verifyCalls + 1);
  });

  const fakeToken = () => crypto.randomBytes(32).toString("base64url");

  it("a reset with an unknown or malformed token is refused without hashing the password", async () => {
    const before = argon.hashCalls;
    for (const token of [fakeToken(), "short", "x".repeat(100), ""]) {
      const outcome = await reset(token);
      expect(outcome.response, token).toBeUndefined();
      expect(argon.hashCalls, `hash calls after ${JSON.stringify(token)}`).toBe(before);
    }
    expect(errorKeys(dataOf(await reset(fakeToken())).result)).toEqual(["auth.resetInvalid"]);
  });

  it("the 11th reset attempt from one IP gets 429 with Retry-After, and a real token from that IP waits too", async () => {
    const ip = nextIp();
    for (let i = 0; i < 10; i++) expect((await reset(fakeToken(), NEW_PASSWORD, ip)).response, `attempt ${i + 1}`).toBeUndefined();
    const user = await createResident();
    const token = await requestResetToken(user.email);
    const before = argon.hashCalls;
    const res = responseOf(await reset(token, NEW_PASSWORD, ip));
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(argon.hashCalls).toBe(before);
    expect(await passwordIs(user, user.password)).toBe(true);
    // From another address the same link still works.
    expect(responseOf(await reset(token)).status).toBe(302);
  });

  it("one reset link tried again and again (even from many IPs) gets 429 after 5 tries", async () => {
    const user = await createResident();
    const token = await requestResetToken(user.email);
    for (let i = 0; i < 5; i++) {
      const outcome = await reset(token, "password");
      expect(errorKeys(dataOf(outcome).result), `try ${i + 1}`).toEqual(["errors.password.common"]);
      expect(outcome.status, `try ${i + 1}`).toBe(400);
    }
    const res = responseOf(await reset(token));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await passwordIs(user, user.password)).toBe(true);
  });

  it("a rejected new password (too short, too common) is refused before hashing", async () => {
    const user = await createResident();
    const token = await requestResetToken(user.email);
    const before = argon.hashCalls;
    expect(errorKeys(dataOf(await reset(token, "short")).result)).toEqual(["errors.password.tooShort"]);
    expect(errorKeys(dataOf(await reset(token, "password")).result)).toEqual(["errors.password.common"]);
    expect(argon.hashCalls).toBe(before);
  });

  it("a throttled code check says how long to wait in Retry-After (not a fixed guess)", async () => {
    const ip = nextIp();
    const email = uniqueEmail("nobody");
    for (let i = 0; i < 20; i++) await postForm(loginCodeAction, "/login/code", { intent: "check", email, code: "12345678" }, { ip });
    const res = responseOf(await postForm(loginCodeAction, "/login/code", { intent: "check", email, code: "12345678" }, { ip }));
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });
});
