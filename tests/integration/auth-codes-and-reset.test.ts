import crypto from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { action as signupAction } from "~/routes/signup";
import { action as verifyAction } from "~/routes/verify";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as loginCodeAction } from "~/routes/login_.code";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, headers as resetHeaders, loader as resetLoader } from "~/routes/reset-password";
import { safeRedirectPath } from "~/modules/auth/redirect";
import { issueCode } from "~/modules/auth/verification.server";
import { verifyPassword } from "~/modules/auth/password.server";
import {
  TEST_PASSWORD,
  codeFrom,
  dataOf,
  errorKeys,
  ipFactory,
  latestEmail,
  median,
  postForm,
  resetLinkFrom,
  responseOf,
  tokenFromLink,
  uniqueEmail,
} from "../support/auth";
import { createResident, createSession, type TestUser } from "../support/factories";
import { argonCalls as argon } from "../support/argon-counter";
import { callLoader } from "./helpers";
import { travel } from "../support/clock";

// SECURITY.md §1 rows 4, 6, 7, 9, 19: login throttling, reset links, email codes, host-header poisoning, redirects.

// Count argon2 verifications (the real function still runs) to prove a 429 is answered before any hashing.
vi.mock("@node-rs/argon2", async (importOriginal) => (await import("../support/argon-counter")).countingArgon(importOriginal));

const nextIp = ipFactory(13);
const MINUTE = 60_000;
const sha256 = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest("hex");

afterEach(() => {
  vi.useRealTimers();
});


async function requestResetToken(email: string, ip = nextIp()): Promise<string> {
  expect(dataOf(await postForm(forgotAction, "/forgot-password", { email }, { ip }))).toMatchObject({ sent: true });
  return tokenFromLink(resetLinkFrom((await latestEmail(email, "reset-password")).textBody));
}

function reset(token: string, password = "a-brand-new-Passw0rd") {
  return postForm(resetAction, "/reset-password", { token, password }, { ip: nextIp() });
}

async function resetPageSays(token: string) {
  return (await callLoader(resetLoader, `/reset-password?token=${encodeURIComponent(token)}`)).valid;
}

async function signUpFresh(email = uniqueEmail("code")) {
  const outcome = await postForm(signupAction, "/signup", { name: "確認 花子", email, password: TEST_PASSWORD, agree: "on" }, { ip: nextIp() });
  expect(dataOf(outcome).step).toBe("verify");
  return { email, code: codeFrom((await latestEmail(email, "verify-email")).textBody) };
}

function verify(email: string, code: string, ip = nextIp()) {
  return postForm(verifyAction, "/verify", { email, code }, { ip });
}

function otherCode(code: string, n: number): string {
  return String((Number(code) + 1 + n) % 100_000_000).padStart(8, "0");
}

async function isVerified(email: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt !== null;
}

describe("password reset links (rows 6, 9)", () => {
  it("a reset link works once; the same link used again fails", async () => {
    const user = await createResident();
    const token = await requestResetToken(user.email);
    expect(await resetPageSays(token)).toBe(true);
    expect(responseOf(await reset(token)).headers.get("Location")).toBe("/login?reset=1");

    expect(await resetPageSays(token)).toBe(false);
    const againOutcome = await reset(token, "yet-another-Passw0rd");
    expect(againOutcome.status).toBe(400);
    expect(errorKeys(dataOf(againOutcome).result)).toEqual(["auth.resetInvalid"]);
    const hash = (await prisma.password.findUniqueOrThrow({ where: { userId: user.id } })).hash;
    expect(await verifyPassword(hash, "a-brand-new-Passw0rd")).toBe(true);
  });

  it("a reset link still works after 59 minutes and fails after 61 minutes", async () => {
    const user = await createResident();
    const token = await requestResetToken(user.email);
    travel(59 * MINUTE);
    expect(await resetPageSays(token)).toBe(true);
    vi.useRealTimers();

    travel(61 * MINUTE);
    expect(await resetPageSays(token)).toBe(false);
    expect(errorKeys(dataOf(await reset(token)).result)).toEqual(["auth.resetInvalid"]);
    vi.useRealTimers();
    const hash = (await prisma.password.findUniqueOrThrow({ where: { userId: user.id } })).hash;
    expect(await verifyPassword(hash, user.password)).toBe(true);
  });

  it("the database holds only the SHA-256 of a ≥256-bit reset token", async () => {
    const user = await createResident();
    const token = await requestResetToken(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const rows = await prisma.verification.findMany({ where: { email: user.email, purpose: "reset-password" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).toBe(sha256(token));
    expect(JSON.stringify(await prisma.verification.findMany())).not.toContain(token);
    expect(JSON.stringify(await prisma.auditLog.findMany())).not.toContain(token);
  });

  it("asking for a second link voids the first", async () => {
    const user = await createResident();
    const first = await requestResetToken(user.email);
    const second = await requestResetToken(user.email);
    expect(second).not.toBe(first);
    expect(await resetPageSays(first)).toBe(false);
    expect(errorKeys(dataOf(await reset(first)).result)).toEqual(["auth.resetInvalid"]);
    expect(responseOf(await reset(second)).status).toBe(302);
  });

  it("the emailed link starts with APP_ORIGIN even when Host and X-Forwarded-Host say evil.example", async () => {
    const user = await createResident();
    const outcome = await postForm(
      forgotAction,
      "http://evil.example/forgot-password",
      { email: user.email },
      { ip: nextIp(), headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", Forwarded: "host=evil.example" } },
    );
    expect(dataOf(outcome)).toMatchObject({ sent: true });
    const mail = await latestEmail(user.email, "reset-password");
    expect(resetLinkFrom(mail.textBody).startsWith("http://localhost:3000/reset-password?token=")).toBe(true);
    expect(mail.textBody).not.toContain("evil.example");
    expect(mail.htmlBody).not.toContain("evil.example");
  });

  it("the reset page is never cached and sends no Referer onward", () => {
    const headers = new Headers(resetHeaders({ loaderHeaders: new Headers(), parentHeaders: new Headers(), actionHeaders: new Headers(), errorHeaders: undefined }));
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(["no-referrer", "strict-origin", "same-origin"]).toContain(headers.get("Referrer-Policy"));
  });
});

describe("email codes (row 7)", () => {
  it("the verification code has 8 digits and confirms the address exactly once", async () => {
    const { email, code } = await signUpFresh();
    expect(code).toMatch(/^\d{8}$/);
    const res = responseOf(await verify(email, code));
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/^tsunagu_session=/);
    expect(await isVerified(email)).toBe(true);

    const reused = await verify(email, code);
    expect(reused.response).toBeUndefined();
    expect(reused.status).toBe(400);
    expect(errorKeys(dataOf(reused).result)).toEqual(["auth.codeError.invalid"]);
  });

  it("after 10 wrong codes the code is locked: even the right code then fails", async () => {
    const { email, code } = await signUpFresh();
    const ip = nextIp();
    for (let i = 0; i < 10; i++) {
      const wrong = await verify(email, otherCode(code, i), ip);
      expect(wrong.response, `wrong attempt ${i + 1}`).toBeUndefined();
    }
    const right = await verify(email, code, ip);
    expect(right.response).toBeUndefined();
    expect(errorKeys(dataOf(right).result)).toEqual(["auth.codeError.locked"]);
    expect(await isVerified(email)).toBe(false);
  });

  it("a code sent to one address does not work for another", async () => {
    const a = await signUpFresh();
    const b = await signUpFresh();
    const crossed = await verify(b.email, a.code);
    expect(crossed.response).toBeUndefined();
    expect(await isVerified(b.email)).toBe(false);
    expect(await isVerified(a.email)).toBe(false);
    // Each code still works for its own address.
    expect(responseOf(await verify(a.email, a.code)).status).toBe(302);
    expect(responseOf(await verify(b.email, b.code)).status).toBe(302);
  });

  it("a code issued for one purpose does not work for another (login code vs. address confirmation)", async () => {
    const user = await createResident();
    const sent = dataOf(await postForm(loginCodeAction, "/login/code", { intent: "send", email: user.email }, { ip: nextIp() }));
    expect(sent.step).toBe("code");
    const loginCode = codeFrom((await latestEmail(user.email, "login-code")).textBody);
    const verifyCode = await prisma.$transaction((tx) => issueCode(tx, { purpose: "verify-email", email: user.email, userId: user.id }));

    expect((await verify(user.email, loginCode)).response).toBeUndefined();
    const wrongPurpose = await postForm(loginCodeAction, "/login/code", { intent: "check", email: user.email, code: verifyCode }, { ip: nextIp() });
    expect(wrongPurpose.response).toBeUndefined();

    const right = responseOf(await postForm(loginCodeAction, "/login/code", { intent: "check", email: user.email, code: loginCode }, { ip: nextIp() }));
    expect(right.status).toBe(302);
    expect(right.headers.get("Set-Cookie")).toMatch(/^tsunagu_session=/);
  });

  it("a code older than 10 minutes fails", async () => {
    const { email, code } = await signUpFresh();
    travel(11 * MINUTE);
    const late = await verify(email, code);
    vi.useRealTimers();
    expect(late.response).toBeUndefined();
    expect(errorKeys(dataOf(late).result)).toEqual(["auth.codeError.expired"]);
    expect(await isVerified(email)).toBe(false);
  });
});

const HOSTILE_REDIRECTS = [
  "//evil.example",
  "/\\evil.example",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "https:evil.example",
  "https://evil.example/",
  "/%09/evil.example",
  "/\t/evil.example",
  "javascript:alert(1)",
  " javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  // Dot segments: the URL parser turns these into "//evil.example", a protocol-relative address.
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/me/..//evil.example",
];

describe("redirect targets are same-origin paths only (row 19)", () => {
  it.each(HOSTILE_REDIRECTS)("safeRedirectPath(%j) falls back to /me", (value) => {
    const result = safeRedirectPath(value, "/me");
    expect(result).toBe("/me");
  });

  it.each([
    ["/me?x=1", "/me?x=1"],
    ["/events/3#dates", "/events/3#dates"],
    ["/search?q=%E9%A3%9F%E5%A0%82", "/search?q=%E9%A3%9F%E5%A0%82"],
  ])("safeRedirectPath keeps the same-origin path %j", (value, expected) => {
    expect(safeRedirectPath(value, "/me")).toBe(expected);
  });

  describe("the login page (action and loader)", () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createResident();
    });

    it.each(HOSTILE_REDIRECTS)("redirects to /me after login when redirectTo is %j", async (redirectTo) => {
      const res = responseOf(await postForm(loginAction, "/login", { email: user.email, password: user.password, redirectTo }, { ip: nextIp() }));
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/me");
    });

    it.each(HOSTILE_REDIRECTS)("sends an already signed-in visitor of /login?redirectTo=%j to /me", async (redirectTo) => {
      const cookie = await createSession(user);
      let thrown: unknown;
      try {
        await callLoader(loginLoader, `/login?redirectTo=${encodeURIComponent(redirectTo)}`, {}, { Cookie: cookie });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).headers.get("Location")).toBe("/me");
    });

    it("keeps a same-origin redirectTo such as /me?x=1", async () => {
      const res = responseOf(await postForm(loginAction, "/login", { email: user.email, password: user.password, redirectTo: "/me?x=1" }, { ip: nextIp() }));
      expect(res.headers.get("Location")).toBe("/me?x=1");
    });
  });
});

describe("login throttling (row 4)", () => {
  it("the 11th bad login from one IP gets 429 with Retry-After; another IP is unaffected", async () => {
    const ip = nextIp();
    for (let i = 0; i < 10; i++) {
      const outcome = await postForm(loginAction, "/login", { email: uniqueEmail("guess"), password: `guess-Passw0rd-${i}` }, { ip });
      expect(outcome.response, `attempt ${i + 1}`).toBeUndefined();
    }
    const res = responseOf(await postForm(loginAction, "/login", { email: uniqueEmail("guess"), password: "guess-Passw0rd-x" }, { ip }));
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);

    const user = await createResident();
    expect(responseOf(await postForm(loginAction, "/login", { email: user.email, password: user.password }, { ip: nextIp() })).status).toBe(302);
  });

  it("after 5 bad logins for one account from different IPs, the 6th attempt gets 429, even with the right password", async () => {
    const user = await createResident();
    for (let i = 0; i < 5; i++) {
      const outcome = await postForm(loginAction, "/login", { email: user.email, password: `wrong-Passw0rd-${i}` }, { ip: nextIp() });
      expect(outcome.response, `attempt ${i + 1}`).toBeUndefined();
    }
    const res = responseOf(await postForm(loginAction, "/login", { email: user.email, password: user.password }, { ip: nextIp() }));
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account is not affected.
    const other = await createResident();
    expect(responseOf(await postForm(loginAction, "/login", { email: other.email, password: other.password }, { ip: nextIp() })).status).toBe(302);
  });

  it("30 bad logins sent at once from one IP: 10 are checked, the other 20 are refused with 429 without hashing", async () => {
    const ip = nextIp();
    const before = argon.verifyCalls;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => postForm(loginAction, "/login", { email: uniqueEmail("flood"), password: `flood-Passw0rd-${i}` }, { ip })),
    );
    const refused = outcomes.filter((o) => o.response?.status === 429);
    expect(refused).toHaveLength(20);
    expect(outcomes.filter((o) => o.response === undefined)).toHaveLength(10);
    // Each attempt counted before it was checked: the burst could not slip past a limit read before any was counted.
    expect(argon.verifyCalls - before).toBe(10);
  });

  it("a right password does not use up the IP's allowance: 12 residents sign in one after another from one address", async () => {
    const ip = nextIp();
    for (let i = 0; i < 12; i++) {
      const user = await createResident();
      expect(responseOf(await postForm(loginAction, "/login", { email: user.email, password: user.password }, { ip })).status, `sign-in ${i + 1}`).toBe(302);
    }
  });

  it("a 429 is answered before any password hashing (no argon2 call, under 50 ms)", async () => {
    const user = await createResident();
    for (let i = 0; i < 5; i++) await postForm(loginAction, "/login", { email: user.email, password: `wrong-Passw0rd-${i}` }, { ip: nextIp() });
    const before = argon.verifyCalls;
    expect(before).toBeGreaterThanOrEqual(5); // the spy sees the hashing of ordinary attempts
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const res = responseOf(await postForm(loginAction, "/login", { email: user.email, password: user.password }, { ip: nextIp() }));
      times.push(performance.now() - started);
      expect(res.status).toBe(429);
    }
    expect(argon.verifyCalls).toBe(before);
    expect(median(times)).toBeLessThan(50);
  });
});
