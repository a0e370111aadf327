import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { captureLogs, logEvent } from "~/utils/logger.server";
import { getSessionUser } from "~/modules/auth/session.server";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { action as verifyAction } from "~/routes/verify";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction } from "~/routes/reset-password";
import * as meIndex from "~/routes/me._index";
import * as meEmail from "~/routes/me.email";
import * as meDelete from "~/routes/me.delete";
import * as meExport from "~/routes/me.export";
import {
  codeFrom,
  cookieValue,
  dataOf,
  errorKeys,
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
import { callLoader } from "./helpers";

// SECURITY.md rows 20, 36, 37 and APPI duties: what the security log records (and never records),
// "download my data", "delete my account", and personal pages that are never cached.

const nextIp = ipFactory(15);

type LogLine = { at: string; event: string; [key: string]: unknown };

async function withLogs(fn: () => Promise<void>): Promise<{ raw: string[]; events: LogLine[] }> {
  const capture = captureLogs();
  try {
    await fn();
  } finally {
    capture.stop();
  }
  return { raw: [...capture.lines], events: capture.lines.map((l) => JSON.parse(l) as LogLine) };
}

function keysDeep(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, into));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      keysDeep(v, into);
    }
  }
  return into;
}

async function thrownRedirect(fn: () => Promise<unknown>): Promise<string | null> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return error.headers.get("Location");
    throw error;
  }
  return null;
}

describe("security log (rows 36–37)", () => {
  it("logs failed and successful logins, a 429 and a honeypot hit with who and when, and never a password, cookie, reset token or code", async () => {
    const rand = Math.random().toString(36).slice(2);
    const password = `Canary-Log-Pw-${rand}`;
    const wrongPassword = `Canary-Wrong-Pw-${rand}`;
    const user = await createResident({ password });
    const locked = await createResident();
    const ips = { failed: nextIp(), ok: nextIp(), limited: nextIp(), bot: nextIp() };
    const secrets: string[] = [password, wrongPassword];
    let sessionCookie = "";
    let newUserId = 0;

    const { raw, events } = await withLogs(async () => {
      expect(dataOf(await postForm(loginAction, "/login", { email: user.email, password: wrongPassword }, { ip: ips.failed }))).toBeTruthy();
      const ok = responseOf(await postForm(loginAction, "/login", { email: user.email, password }, { ip: ips.ok }));
      sessionCookie = cookieValue(ok.headers.get("Set-Cookie"));

      for (let i = 0; i < 5; i++) await postForm(loginAction, "/login", { email: locked.email, password: wrongPassword }, { ip: nextIp() });
      expect(responseOf(await postForm(loginAction, "/login", { email: locked.email, password: wrongPassword }, { ip: ips.limited })).status).toBe(429);

      const newEmail = uniqueEmail("log-bot");
      const bot = await postForm(signupAction, "/signup", { name: "bot", email: newEmail, password, agree: "on", website_url: "x" }, { ip: ips.bot });
      expect(responseOf(bot).status).toBe(400);

      // A reset link and a verification code pass through the system too.
      await postForm(forgotAction, "/forgot-password", { email: user.email }, { ip: nextIp() });
      const token = tokenFromLink(resetLinkFrom((await latestEmail(user.email, "reset-password")).textBody));
      secrets.push(token);
      const newPassword = `Canary-New-Pw-${rand}`;
      secrets.push(newPassword);
      expect(responseOf(await postForm(resetAction, "/reset-password", { token, password: newPassword }, { ip: nextIp() })).status).toBe(302);

      const fresh = uniqueEmail("log-code");
      await postForm(signupAction, "/signup", { name: "ログ 花子", email: fresh, password, agree: "on" }, { ip: nextIp() });
      const code = codeFrom((await latestEmail(fresh, "verify-email")).textBody);
      secrets.push(code);
      expect(responseOf(await postForm(verifyAction, "/verify", { email: fresh, code }, { ip: nextIp() })).status).toBe(302);
      newUserId = (await prisma.user.findUniqueOrThrow({ where: { email: fresh } })).id;
    });
    secrets.push(sessionCookie);

    expect(events.find((e) => e.event === "login.failed" && e.ip === ips.failed)).toMatchObject({ userId: user.id });
    expect(events.find((e) => e.event === "login.succeeded" && e.ip === ips.ok)).toMatchObject({ userId: user.id, method: "password" });
    expect(events.find((e) => e.event === "login.rate_limited")).toMatchObject({ ip: ips.limited });
    expect(events.find((e) => e.event === "honeypot.filled")).toMatchObject({ ip: ips.bot, path: "/signup" });
    expect(events.find((e) => e.event === "password.reset_requested")).toMatchObject({ userId: user.id });
    expect(events.find((e) => e.event === "password.reset")).toMatchObject({ userId: user.id });
    expect(events.find((e) => e.event === "email.verified")).toMatchObject({ userId: newUserId });
    for (const e of events) expect(e.at, JSON.stringify(e)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    for (const line of raw) {
      expect(line).not.toMatch(/[\r\n]/);
      for (const secret of secrets) expect(line.includes(secret), `log line leaks a secret: ${line}`).toBe(false);
      expect(line).not.toContain(user.email);
    }
  });

  it("a name with ANSI colour codes and a fake newline is logged as one line without control characters", async () => {
    const name = "\x1b[31m赤い名前\x1b[0m\n[fake] {\"event\":\"login.succeeded\",\"userId\":1}\r\u2028";
    const { raw, events } = await withLogs(async () => {
      logEvent({ event: "test.name", name, nested: { names: [name] } });
    });
    expect(raw).toHaveLength(1);
    // eslint-disable-next-line no-control-regex
    expect(raw[0]).not.toMatch(/[\r\n\u2028\x1b]/);
    const logged = events[0]!;
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
    expect(String(logged.name)).not.toMatch(control);
    expect(String(logged.name)).toContain("赤い名前");
    expect(JSON.stringify(logged.nested)).not.toMatch(/\\u001b|\\n|\\r/);
  });

  it("fields named like secrets are redacted whatever their value", async () => {
    const { events } = await withLogs(async () => {
      logEvent({ event: "test.secrets", password: "p-canary", token: "t-canary", sessionId: "s-canary", code: "c-canary", detail: { cookie: "k-canary", passwordHash: "h-canary" } });
    });
    expect(JSON.stringify(events)).not.toMatch(/-canary/);
    expect(events[0]).toMatchObject({ password: "[redacted]", token: "[redacted]", sessionId: "[redacted]", code: "[redacted]" });
  });
});

describe("my data under APPI: export and deletion", () => {
  it("/me/export downloads the resident's own data as an attachment, never cached, without any password or hash", async () => {
    const user = await createResident({ name: "書出 花子" });
    const cookie = await createSession(user);
    const res = await callLoader(meExport.loader, "/me/export", {}, { Cookie: cookie });
    expect(res).toBeInstanceOf(Response);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    const text = await res.text();
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(data.email).toBe(user.email);
    expect(data.name).toBe("書出 花子");
    expect(keysDeep(data).filter((k) => /hash|password|session|token/i.test(k))).toEqual([]);
    expect(text).not.toContain("$argon2");
    expect(text).not.toContain(cookie.slice(cookie.indexOf("=") + 1));
  });

  it("deleting my account (confirmation ticked, password given) removes the person — user, password, sessions, profile — and keeps their applications without a name", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const otherDevice = await createSession(user);
    const shift = await prisma.shift.findFirstOrThrow({ select: { id: true } });
    const application = await prisma.application.create({ data: { shiftId: shift.id, userId: user.id, status: "accepted", message: "個人的なメッセージ" } });

    const res = responseOf(await postForm(meDelete.action, "/me/delete", { confirm: "on", method: "password", password: user.password }, { cookie, ip: nextIp() }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/?deleted=1");
    expect(res.headers.get("Set-Cookie")).toMatch(/^tsunagu_session=;/);

    expect(await prisma.user.findUnique({ where: { id: user.id } })).toBeNull();
    expect(await prisma.password.findUnique({ where: { userId: user.id } })).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.profile.findUnique({ where: { userId: user.id } })).toBeNull();
    expect(await prisma.consent.count({ where: { userId: user.id } })).toBe(0);
    expect(await getSessionUser(requestWithCookie("/me", otherDevice))).toBeNull();

    const kept = await prisma.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(kept.userId).toBeNull();
    expect(kept.message).toBe("");
    expect(kept.status).toBe("accepted");
  });

  it("without the confirmation ticked nothing is deleted", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const attempts: Record<string, string>[] = [{}, { confirm: "yes" }, { confirm: "" }];
    for (const fields of attempts) {
      const outcome = await postForm(meDelete.action, "/me/delete", { method: "password", password: user.password, ...fields }, { cookie, ip: nextIp() });
      expect(outcome.response, JSON.stringify(fields)).toBeUndefined();
      expect(errorKeys(outcome.data?.result)).toEqual(["errors.mustConfirm"]);
    }
    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
    expect(await prisma.password.findUnique({ where: { userId: user.id } })).not.toBeNull();
    expect(await prisma.profile.findUnique({ where: { userId: user.id } })).not.toBeNull();
    expect(await getSessionUser(requestWithCookie("/me", cookie))).not.toBeNull();
  });

  it("an anonymous POST to /me/delete deletes nothing and sends the visitor to /login", async () => {
    const before = await prisma.user.count();
    const res = responseOf(await postForm(meDelete.action, "/me/delete", { confirm: "on" }, { ip: nextIp() }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Fme%2Fdelete");
    expect(await prisma.user.count()).toBe(before);
  });
});

describe("personal pages are never cached and need a login (row 20)", () => {
  const pages: [string, { headers?: HeadersFunction; loader: (args: LoaderFunctionArgs) => Promise<unknown> }][] = [
    ["/me", meIndex],
    ["/me/email", meEmail],
    ["/me/delete", meDelete],
  ];

  it.each(pages)("%s exports headers with Cache-Control: no-store", (_path, route) => {
    expect(route.headers, "route exports headers").toBeTypeOf("function");
    const headers = new Headers(route.headers!({ loaderHeaders: new Headers(), parentHeaders: new Headers(), actionHeaders: new Headers(), errorHeaders: undefined }));
    expect(headers.get("Cache-Control")).toBe("no-store");
  });

  it.each([...pages, ["/me/export", meExport] as const])("%s redirects an anonymous visitor to /login?redirectTo=…", async (path, route) => {
    const location = await thrownRedirect(() => callLoader(route.loader, path));
    expect(location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });

  it("the /me page shows the signed-in resident's own account", async () => {
    const user = await createResident({ name: "本人 確認" });
    const data = await callLoader(meIndex.loader, "/me", {}, { Cookie: await createSession(user) });
    expect(data.account.email).toBe(user.email);
    expect(data.account.name).toBe("本人 確認");
    expect(JSON.stringify(data)).not.toMatch(/argon2|hash/i);
  });
});
