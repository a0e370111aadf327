import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { digestUnsubscribeToken, readUnsubscribeToken, UNSUBSCRIBE_LINK_DAYS } from "~/modules/matching/unsubscribe.server";
import { createResident, type TestUser } from "../support/factories";
import { renderRoutes } from "../support/render-app";

// Issue 12: the weekly digest's one-click unsubscribe works without signing in (RFC 8058). Opening the link shows a
// button and changes nothing (mail scanners open every link); pressing it, or a mail provider's POST of
// `List-Unsubscribe=One-Click` with no cookies and no Origin, turns the digest off. A bad, tampered or expired link
// says so in the reader's language and changes nothing.

const DAY_MS = 86_400_000;
let app: Awaited<ReturnType<typeof renderRoutes>>;

async function subscriber(name = "購読 花子"): Promise<TestUser> {
  const person = await createResident({ name });
  await prisma.profile.update({ where: { userId: person.id }, data: { notifyDigest: true } });
  return person;
}

const digestOn = async (userId: number) => (await prisma.profile.findUniqueOrThrow({ where: { userId }, select: { notifyDigest: true } })).notifyDigest;

/** A request as a mail provider or a browser without our cookies sends it. */
function request(path: string, init: { method?: string; body?: string; lang?: string } = {}) {
  const headers: Record<string, string> = { "Accept-Language": init.lang ?? "ja" };
  if (init.body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
  return new Request(`http://localhost:3000${path}`, { method: init.method ?? "GET", headers, body: init.body });
}

beforeAll(async () => {
  app = await renderRoutes(["unsubscribe.$token"]);
});

describe("the unsubscribe link", () => {
  it("GET shows one button and changes nothing; the button works without JavaScript or a session", async () => {
    const person = await subscriber();
    const path = `/unsubscribe/${digestUnsubscribeToken(person.id)}`;
    const page = await app.handle(request(path));
    expect(page.status).toBe(200);
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain("おすすめメールの停止");
    expect(html).toMatch(/<form method="post"[^>]*>/);
    expect(html).toContain("メールを止める");
    // Nothing about the person is shown to whoever holds the link.
    expect(html).not.toContain(person.name);
    expect(html).not.toContain(person.email);
    expect(await digestOn(person.id)).toBe(true);

    const pressed = await app.handle(request(path, { method: "POST", body: "List-Unsubscribe=One-Click" }));
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain("おすすめメールを止めました");
    expect(await digestOn(person.id)).toBe(false);

    // Opening the link again says it is already off (in English for an English reader).
    expect(await (await app.handle(request(path, { lang: "en" }))).text()).toContain("already turned off");
  });

  it("takes a mail provider's one-click POST (RFC 8058) without cookies or Origin, twice as once", async () => {
    const person = await subscriber();
    const path = `/unsubscribe/${digestUnsubscribeToken(person.id)}`;
    for (let i = 0; i < 2; i++) {
      const res = await app.handle(request(path, { method: "POST", body: "List-Unsubscribe=One-Click" }));
      expect(res.status).toBe(200);
    }
    expect(await digestOn(person.id)).toBe(false);
  });

  it("refuses a tampered, foreign or truncated token with a clear message, changing nothing", async () => {
    const person = await subscriber();
    const other = await subscriber("別の 人");
    const token = digestUnsubscribeToken(person.id);
    const [id, day, signature] = token.split(".") as [string, string, string];
    const tampered = [
      `${other.id}.${day}.${signature}`, // someone else's id under this signature
      `${id}.${Number(day) + 365}.${signature}`, // a later expiry
      `${id}.${day}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`,
      token.slice(0, -5),
      "x",
    ];
    for (const bad of tampered) {
      const shown = await app.handle(request(`/unsubscribe/${bad}`, { lang: "en" }));
      expect(await shown.text(), bad).toContain("This link does not work");
      const posted = await app.handle(request(`/unsubscribe/${bad}`, { method: "POST", body: "List-Unsubscribe=One-Click", lang: "en" }));
      expect(posted.status, bad).toBe(400);
      expect(await posted.text(), bad).toContain("This link does not work");
    }
    expect(await digestOn(person.id)).toBe(true);
    expect(await digestOn(other.id)).toBe(true);
  });

  it("an expired link says so and changes nothing; it is valid for UNSUBSCRIBE_LINK_DAYS", async () => {
    const person = await subscriber();
    const issued = new Date(Date.now() - (UNSUBSCRIBE_LINK_DAYS + 2) * DAY_MS);
    const old = digestUnsubscribeToken(person.id, issued);
    expect(readUnsubscribeToken(old, new Date(issued.getTime() + (UNSUBSCRIBE_LINK_DAYS - 1) * DAY_MS))).toEqual({ ok: true, userId: person.id });
    expect(readUnsubscribeToken(old)).toEqual({ ok: false, reason: "expired" });
    const posted = await app.handle(request(`/unsubscribe/${old}`, { method: "POST", body: "List-Unsubscribe=One-Click" }));
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain("有効期限が切れています");
    expect(await digestOn(person.id)).toBe(true);
  });
});
