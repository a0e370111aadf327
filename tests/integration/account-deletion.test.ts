import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import * as meDelete from "~/routes/me.delete";
import * as meEmail from "~/routes/me.email";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { inviteMember } from "~/modules/groups/groups.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getSessionUser } from "~/modules/auth/session.server";
import { codeFrom, dataOf, errorKeys, fieldErrors, ipFactory, latestEmail, postForm, requestWithCookie, responseOf, uniqueEmail } from "../support/auth";
import { createEvent, createGroup, createOpening, createResident, createSession, daysFromNow, type TestUser } from "../support/factories";
import { argonCalls as argon } from "../support/argon-counter";
import { withEmailDelivery } from "../support/email-delivery";
import { dumpTables } from "../support/database-dump";

// Issue 8 item 7: deleting an account deletes the person. It takes the password (or an emailed code for people
// without one), and afterwards no table holds their name or any address they had; activity counts stay, anonymous.

vi.mock("@node-rs/argon2", async (importOriginal) => (await import("../support/argon-counter")).countingArgon(importOriginal));

const nextIp = ipFactory(43);

const delivery = withEmailDelivery();

/** Every row of every table, as text: what a database dump would show. */
async function dumpDatabase(): Promise<string> {
  return (await dumpTables()).map(({ name, rows }) => `${name}\n${rows}`).join("\n");
}

function deleteWith(cookie: string, fields: Record<string, string>, ip = nextIp()) {
  return postForm(meDelete.action, "/me/delete", { confirm: "on", ...fields }, { cookie, ip });
}

async function changeEmail(user: TestUser, cookie: string, newEmail: string): Promise<string> {
  expect(dataOf(await postForm(meEmail.action, "/me/email", { newEmail, password: user.password }, { cookie, ip: nextIp() })).step).toBe("code");
  const code = codeFrom((await latestEmail(newEmail, "change-email")).textBody);
  const changed = responseOf(await postForm(meEmail.action, "/me/email", { intent: "confirm", newEmail, code }, { cookie, ip: nextIp() }));
  return changed.headers.get("Set-Cookie")!.split(";")[0]!;
}

describe("deleting an account deletes the person (item 7)", () => {
  it("afterwards neither the canary name nor the old or new address appears anywhere in the database; activity counts stay", async () => {
    const CANARY = "消去確認カナリア鶴子";
    const oldEmail = uniqueEmail("canary-old");
    const newEmail = uniqueEmail("canary-new");
    const user = await createResident({ email: oldEmail, name: CANARY });
    let cookie = await createSession(user);

    // Traces under the old address: a reset request, a failed login, a group invitation.
    await postForm(forgotAction, "/forgot-password", { email: oldEmail }, { ip: nextIp() });
    await postForm(loginAction, "/login", { email: oldEmail, password: "not-the-Passw0rd" }, { ip: nextIp() });
    const inviter = await createResident();
    const otherGroup = await createGroup({ name: "招待元の会", nameKana: "ショウタイモト", owner: inviter });
    await inviteMember(otherGroup.id, inviter.id, { email: oldEmail, role: "editor", locale: "ja" });

    // The address changes (the old one is told, with the new one in the body).
    cookie = await changeEmail(user, cookie, newEmail);

    // Their own group names them as its contact; they took part in an opening and an event.
    const ownGroup = await createGroup({ name: "カナリアの会", nameKana: "カナリアノカイ", contactName: CANARY, contactEmail: newEmail, owner: user });
    const startsAt = daysFromNow(-2);
    const opening = await createOpening(ownGroup, {
      title: "削除テストの募集",
      contactName: CANARY,
      contactEmail: newEmail,
      shifts: [{ startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), acceptedCount: 1 }],
    });
    const shiftId = opening.shiftIds[0]!;
    await prisma.application.create({ data: { shiftId, userId: user.id, status: "attended", hours: 3, message: `${CANARY}です。よろしくお願いします。` } });
    const event = await createEvent({ id: 1 }, { title: "削除テストの催し", dates: [{ startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), registeredCount: 2 }] });
    const eventDateId = event.dateIds[0]!;
    await prisma.registration.create({ data: { eventDateId, userId: user.id, partySize: 2, status: "attended" } });
    await recordAudit(prisma, { actorId: user.id, action: "test.contact-shown", entityType: "user", entityId: user.id, detail: { email: newEmail, previous: oldEmail } });

    const dumpBefore = await dumpDatabase();
    for (const canary of [CANARY, oldEmail, newEmail]) expect(dumpBefore, canary).toContain(canary);

    const res = responseOf(await deleteWith(cookie, { method: "password", password: user.password }));
    expect(res.headers.get("Location")).toBe("/?deleted=1");

    // The farewell is sent to the current address, then gone from the outbox.
    expect(await delivery.sender.deliverDueEmails({ pace: false })).toMatchObject({ sent: 1 });
    const farewell = delivery.recorder.requests[0]!.body as { to: string[]; text: string };
    expect(farewell.to).toEqual([newEmail]);
    expect(farewell.text).toContain(CANARY);

    const dump = await dumpDatabase();
    for (const canary of [CANARY, oldEmail, newEmail]) expect(dump.includes(canary), `${canary} left in the database`).toBe(false);

    // Activity counts survive without the person.
    expect(await prisma.application.findFirstOrThrow({ where: { shiftId } })).toMatchObject({ userId: null, status: "attended", hours: 3, message: "" });
    expect(await prisma.registration.findFirstOrThrow({ where: { eventDateId } })).toMatchObject({ userId: null, partySize: 2, status: "attended" });
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(1);
    expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: eventDateId } })).registeredCount).toBe(2);
  });

  it("the confirmation alone is not enough: without the password, or with a wrong one, nothing is deleted", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    const missing = await deleteWith(cookie, { method: "password" });
    expect(missing.response).toBeUndefined();
    expect(missing.status).toBe(400);
    expect(fieldErrors(dataOf(missing).result, "password")).toEqual(["errors.required"]);
    const wrong = await deleteWith(cookie, { method: "password", password: "not-my-Passw0rd" });
    expect(wrong.response).toBeUndefined();
    expect(wrong.status).toBe(400);
    expect(fieldErrors(dataOf(wrong).result, "password")).toEqual(["auth.wrongPassword"]);
    const onlyTicked = await postForm(meDelete.action, "/me/delete", { confirm: "on" }, { cookie, ip: nextIp() });
    expect(onlyTicked.response).toBeUndefined();
    expect(onlyTicked.status).toBe(400);

    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
    expect(await getSessionUser(requestWithCookie("/me", cookie))).not.toBeNull();
  });

  it("someone without a password deletes the account with a code emailed to their address", async () => {
    const user = await createResident();
    await prisma.password.delete({ where: { userId: user.id } });
    const cookie = await createSession(user);
    expect((await callDeleteLoader(cookie)).hasPassword).toBe(false);

    const sent = dataOf(await postForm(meDelete.action, "/me/delete", { intent: "send-code" }, { cookie, ip: nextIp() }));
    expect(sent.step).toBe("code");
    const code = codeFrom((await latestEmail(user.email, "delete-account-code")).textBody);
    const wrongCode = String((Number(code) + 1) % 100_000_000).padStart(8, "0");
    const wrong = await deleteWith(cookie, { method: "code", code: wrongCode });
    expect(errorKeys(dataOf(wrong).result)).toEqual(["auth.codeError.invalid"]);
    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();

    expect(responseOf(await deleteWith(cookie, { method: "code", code })).headers.get("Location")).toBe("/?deleted=1");
    expect(await prisma.user.findUnique({ where: { id: user.id } })).toBeNull();
  });

  it("password guesses are throttled: after 5 wrong ones, 429 with Retry-After and no hashing", async () => {
    const user = await createResident();
    const cookie = await createSession(user);
    for (let i = 0; i < 5; i++) expect((await deleteWith(cookie, { method: "password", password: `guess-Passw0rd-${i}` })).response, `guess ${i + 1}`).toBeUndefined();
    const before = argon.verifyCalls;
    const res = responseOf(await deleteWith(cookie, { method: "password", password: user.password }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(argon.verifyCalls).toBe(before);
    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
  });
});

describe("counters keyed by an address do not outlive their window", () => {
  it("rate-limit rows whose window ended more than the longest window ago are purged; current ones stay", async () => {
    const { purgeExpiredRateLimits, consumeRateLimit, RATE_LIMITS } = await import("~/modules/auth/rate-limit.server");
    const old = uniqueEmail("old-counter");
    const fresh = uniqueEmail("fresh-counter");
    await consumeRateLimit(RATE_LIMITS.emailPerAddress, old, new Date(Date.now() - 2 * 3600_000));
    await consumeRateLimit(RATE_LIMITS.emailPerAddress, fresh);
    await purgeExpiredRateLimits();
    const keys = (await prisma.rateLimit.findMany({ where: { key: { in: [`email-address:${old}`, `email-address:${fresh}`] } } })).map((r) => r.key);
    expect(keys).toEqual([`email-address:${fresh}`]);
  });
});

async function callDeleteLoader(cookie: string) {
  return meDelete.loader({ request: requestWithCookie("/me/delete", cookie), params: {}, context: {} });
}
