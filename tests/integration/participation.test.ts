import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  applyToShift,
  registerForEventDate,
  withdrawApplication,
  withdrawRegistration,
} from "~/modules/participation/participation.server";
import { createEvent, createOpening, createResidents, createSession, daysFromNow } from "../support/factories";

/** The id of the one shift of a new opening of an approved group. */
async function openingWithShift({ slots, startsInDays = 7, ...options }: { slots: number | null; needsApproval?: boolean; status?: string; startsInDays?: number; applyBy?: Date }) {
  const group = await prisma.group.findFirstOrThrow({ where: { status: "approved" }, select: { id: true } });
  const opening = await createOpening(group, { title: "テスト用 清掃ボランティア", ...options, shifts: [{ startsAt: daysFromNow(startsInDays), slots }] });
  return opening.shiftIds[0]!;
}

/** The id of the one date of a new event, with registration, of an approved group. */
async function eventWithDate({ capacity, startsInDays = 7, status, closeHours = 0 }: { capacity: number | null; startsInDays?: number; status?: string; closeHours?: number }) {
  const group = await prisma.group.findFirstOrThrow({ where: { status: "approved" }, select: { id: true } });
  const event = await createEvent(group, {
    title: "テスト用 料理教室",
    status,
    registrationRequired: true,
    registrationCloseHours: closeHours,
    capacity,
    dates: [{ startsAt: daysFromNow(startsInDays), capacity }],
  });
  return event.dateIds[0]!;
}

describe("capacity under a rush (row 28)", () => {
  it("200 parallel applications for 30 slots: exactly 30 accepted, 170 waitlisted, the counter says 30", async () => {
    const shiftId = await openingWithShift({ slots: 30 });
    const users = await createResidents(200);
    const results = await Promise.all(users.map((userId) => applyToShift({ userId, shiftId, consent: true, message: "" })));
    expect(results.every((r) => r.ok)).toBe(true);
    const statuses = results.map((r) => (r.ok ? r.status : r.reason));
    expect(statuses.filter((s) => s === "accepted")).toHaveLength(30);
    expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(170);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(30);
    expect(await prisma.application.count({ where: { shiftId, status: "accepted" } })).toBe(30);
    expect(await prisma.emailOutbox.count({ where: { idempotencyKey: { in: results.map((r) => (r.ok ? `application-received/${r.applicationId}` : "")) } } })).toBe(200);
  }, 60_000);

  it("the same person clicking 10 times in parallel gets one application", async () => {
    const shiftId = await openingWithShift({ slots: 5 });
    const [userId] = await createResidents(1);
    const results = await Promise.all(Array.from({ length: 10 }, () => applyToShift({ userId: userId!, shiftId, consent: true, message: "" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "already")).toHaveLength(9);
    expect(await prisma.application.count({ where: { shiftId } })).toBe(1);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(1);
  });

  it("families register together or wait together: party sizes never overfill a date", async () => {
    const dateId = await eventWithDate({ capacity: 10 });
    const users = await createResidents(8);
    const results = await Promise.all(users.map((userId, i) => registerForEventDate({ userId, eventDateId: dateId, partySize: (i % 3) + 1, consent: true })));
    const date = await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } });
    const accepted = await prisma.registration.findMany({ where: { eventDateId: dateId, status: "accepted" }, select: { partySize: true } });
    expect(date.registeredCount).toBe(accepted.reduce((s, r) => s + r.partySize, 0));
    expect(date.registeredCount).toBeLessThanOrEqual(10);
    expect(results.some((r) => r.ok && r.status === "waitlisted")).toBe(true);
  });
});

describe("waitlist promotion", () => {
  it("when an accepted volunteer withdraws, the first person waiting gets the slot and an email", async () => {
    const shiftId = await openingWithShift({ slots: 1 });
    const [first, second, third] = await createResidents(3);
    const a = await applyToShift({ userId: first!, shiftId, consent: true, message: "" });
    await applyToShift({ userId: second!, shiftId, consent: true, message: "" });
    await applyToShift({ userId: third!, shiftId, consent: true, message: "" });
    expect(a.ok && a.status).toBe("accepted");
    const withdrawn = await withdrawApplication({ userId: first!, applicationId: a.ok ? a.applicationId : 0 });
    expect(withdrawn.ok).toBe(true);
    const apps = await prisma.application.findMany({ where: { shiftId }, orderBy: { id: "asc" }, select: { userId: true, status: true } });
    expect(apps.map((x) => x.status)).toEqual(["withdrawn", "accepted", "waitlisted"]);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(1);
    const promoted = await prisma.user.findUniqueOrThrow({ where: { id: second! }, select: { email: true } });
    expect(await prisma.emailOutbox.count({ where: { toAddress: promoted.email, template: "waitlist-promoted" } })).toBe(1);
  });

  it("a freed place on an event date goes to the first waiting party that fits, in order", async () => {
    const dateId = await eventWithDate({ capacity: 3 });
    const [a, b, c] = await createResidents(3);
    const ra = await registerForEventDate({ userId: a!, eventDateId: dateId, partySize: 3, consent: true });
    const rb = await registerForEventDate({ userId: b!, eventDateId: dateId, partySize: 2, consent: true });
    const rc = await registerForEventDate({ userId: c!, eventDateId: dateId, partySize: 1, consent: true });
    expect([ra, rb, rc].map((r) => r.ok && r.status)).toEqual(["accepted", "waitlisted", "waitlisted"]);
    await withdrawRegistration({ userId: a!, registrationId: ra.ok ? ra.registrationId : 0 });
    const regs = await prisma.registration.findMany({ where: { eventDateId: dateId }, orderBy: { id: "asc" }, select: { status: true } });
    expect(regs.map((r) => r.status)).toEqual(["withdrawn", "accepted", "accepted"]);
    expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } })).registeredCount).toBe(3);
  });
});

describe("withdrawals at the same moment", () => {
  it("a waitlisted resident withdrawing while a freed place promotes them: the place is released, not lost", async () => {
    const dateId = await eventWithDate({ capacity: 1 });
    const [a, b] = await createResidents(2);
    const ra = await registerForEventDate({ userId: a!, eventDateId: dateId, partySize: 1, consent: true });
    const rb = await registerForEventDate({ userId: b!, eventDateId: dateId, partySize: 1, consent: true });
    expect([ra, rb].map((r) => r.ok && r.status)).toEqual(["accepted", "waitlisted"]);
    // Both withdraw at once: a's withdrawal promotes b, whose own withdrawal was decided while b was still waiting.
    const results = await Promise.all([
      withdrawRegistration({ userId: a!, registrationId: ra.ok ? ra.registrationId : 0 }),
      withdrawRegistration({ userId: b!, registrationId: rb.ok ? rb.registrationId : 0 }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const regs = await prisma.registration.findMany({ where: { eventDateId: dateId }, select: { status: true } });
    expect(regs.map((r) => r.status)).toEqual(["withdrawn", "withdrawn"]);
    expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } })).registeredCount).toBe(0);
  });

  it("withdrawing twice at once (a double click) frees a place once", async () => {
    const dateId = await eventWithDate({ capacity: 1 });
    const [a, b, c] = await createResidents(3);
    const ra = await registerForEventDate({ userId: a!, eventDateId: dateId, partySize: 1, consent: true });
    await registerForEventDate({ userId: b!, eventDateId: dateId, partySize: 1, consent: true });
    await registerForEventDate({ userId: c!, eventDateId: dateId, partySize: 1, consent: true });
    const id = ra.ok ? ra.registrationId : 0;
    const results = await Promise.all([withdrawRegistration({ userId: a!, registrationId: id }), withdrawRegistration({ userId: a!, registrationId: id })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const regs = await prisma.registration.findMany({ where: { eventDateId: dateId }, orderBy: { id: "asc" }, select: { status: true } });
    expect(regs.map((r) => r.status)).toEqual(["withdrawn", "accepted", "waitlisted"]);
    expect((await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId } })).registeredCount).toBe(1);
  });

  it("the same for shifts: a double click frees one slot, a promoted volunteer's withdrawal releases theirs", async () => {
    const shiftId = await openingWithShift({ slots: 1 });
    const [a, b, c] = await createResidents(3);
    const applied = [];
    for (const userId of [a, b, c]) applied.push(await applyToShift({ userId: userId!, shiftId, consent: true, message: "" }));
    const [ia, ib] = applied.map((r) => (r.ok ? r.applicationId : 0));
    expect(applied.map((r) => r.ok && r.status)).toEqual(["accepted", "waitlisted", "waitlisted"]);
    const twice = await Promise.all([withdrawApplication({ userId: a!, applicationId: ia! }), withdrawApplication({ userId: a!, applicationId: ia! })]);
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(1);
    // b was promoted by a's withdrawal; b and c withdraw at once: c is promoted, then nobody is left.
    await Promise.all([withdrawApplication({ userId: b!, applicationId: ib! }), withdrawApplication({ userId: c!, applicationId: applied[2]!.ok ? applied[2]!.applicationId : 0 })]);
    const apps = await prisma.application.findMany({ where: { shiftId }, select: { status: true } });
    expect(apps.map((x) => x.status)).toEqual(["withdrawn", "withdrawn", "withdrawn"]);
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(0);
  });
});

describe("state × action (row 29)", () => {
  it.each([
    ["a draft opening", { slots: 5, status: "draft" }, "not-found"],
    ["a pending opening", { slots: 5, status: "pending" }, "not-found"],
    ["a closed opening", { slots: 5, status: "closed" }, "not-found"],
    ["a shift that already started", { slots: 5, startsInDays: -1 }, "past"],
    ["after the apply-by deadline", { slots: 5, applyBy: new Date(Date.now() - 3600_000) }, "deadline"],
  ] as const)("applying to %s is refused: %s", async (_label, options, reason) => {
    const shiftId = await openingWithShift(options);
    const [userId] = await createResidents(1);
    const result = await applyToShift({ userId: userId!, shiftId, consent: true, message: "" });
    expect(result).toEqual({ ok: false, reason });
    expect(await prisma.application.count({ where: { shiftId } })).toBe(0);
  });

  it("a full shift puts you on the waitlist; an opening that needs approval starts as 'applied' and takes no slot", async () => {
    const full = await openingWithShift({ slots: 1 });
    const [u1, u2, u3] = await createResidents(3);
    await applyToShift({ userId: u1!, shiftId: full, consent: true, message: "" });
    expect(await applyToShift({ userId: u2!, shiftId: full, consent: true, message: "" })).toMatchObject({ ok: true, status: "waitlisted" });
    const approval = await openingWithShift({ slots: 1, needsApproval: true });
    expect(await applyToShift({ userId: u3!, shiftId: approval, consent: true, message: "" })).toMatchObject({ ok: true, status: "applied" });
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: approval } })).acceptedCount).toBe(0);
  });

  it("without consent to share contact details, nothing is stored (APPI)", async () => {
    const shiftId = await openingWithShift({ slots: 5 });
    const [userId] = await createResidents(1);
    expect(await applyToShift({ userId: userId!, shiftId, consent: false, message: "" })).toEqual({ ok: false, reason: "consent-required" });
    expect(await prisma.application.count({ where: { shiftId } })).toBe(0);
  });

  it.each([
    ["a date that already started", { capacity: 5, startsInDays: -1 }, 1, "past"],
    ["past the registration deadline", { capacity: 5, startsInDays: 1, closeHours: 48 }, 1, "deadline"],
    ["a draft event", { capacity: 5, status: "draft" }, 1, "not-found"],
    ["a party larger than the date", { capacity: 2 }, 3, "party-too-large"],
    ["a party of zero", { capacity: 5 }, 0, "party-too-large"],
    ["a party of 1.5", { capacity: 5 }, 1.5, "party-too-large"],
  ] as const)("registering for %s is refused", async (_label, options, partySize, reason) => {
    const dateId = await eventWithDate(options);
    const [userId] = await createResidents(1);
    expect(await registerForEventDate({ userId: userId!, eventDateId: dateId, partySize, consent: true })).toEqual({ ok: false, reason });
    expect(await prisma.registration.count({ where: { eventDateId: dateId } })).toBe(0);
  });

  it("withdrawing after the start, or someone else's application, is refused and changes nothing (IDOR)", async () => {
    const shiftId = await openingWithShift({ slots: 5 });
    const [owner, other] = await createResidents(2);
    const applied = await applyToShift({ userId: owner!, shiftId, consent: true, message: "" });
    const id = applied.ok ? applied.applicationId : 0;
    expect(await withdrawApplication({ userId: other!, applicationId: id })).toEqual({ ok: false, reason: "not-found" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id } })).status).toBe("accepted");
    const later = new Date(Date.now() + 30 * 86400_000);
    expect(await withdrawApplication({ userId: owner!, applicationId: id }, later)).toEqual({ ok: false, reason: "past" });
  });
});

describe("withdrawing is not forever (review item 13)", () => {
  it("a volunteer who withdrew applies again: same row, a fresh place at the end of the waitlist; a freed slot goes to whoever waited longest", async () => {
    const shiftId = await openingWithShift({ slots: 1 });
    const [first, second, third] = await createResidents(3);
    const a = await applyToShift({ userId: first!, shiftId, consent: true, message: "" });
    const b = await applyToShift({ userId: second!, shiftId, consent: true, message: "" });
    expect([a.ok && a.status, b.ok && b.status]).toEqual(["accepted", "waitlisted"]);
    const bId = b.ok ? b.applicationId : 0;
    const firstApplied = (await prisma.application.findUniqueOrThrow({ where: { id: bId } })).createdAt;
    expect((await withdrawApplication({ userId: second!, applicationId: bId })).ok).toBe(true);
    const c = await applyToShift({ userId: third!, shiftId, consent: true, message: "" });
    expect(c.ok && c.status).toBe("waitlisted");

    // Applying again is not "already applied": the same row comes back, behind the person who waited meanwhile.
    const again = await applyToShift({ userId: second!, shiftId, consent: true, message: "もう一度お願いします" });
    expect(again).toEqual({ ok: true, status: "waitlisted", applicationId: bId });
    const row = await prisma.application.findUniqueOrThrow({ where: { id: bId } });
    expect(row).toMatchObject({ status: "waitlisted", message: "もう一度お願いします", createdAt: firstApplied });
    expect(await prisma.application.count({ where: { shiftId, userId: second! } })).toBe(1);
    expect(await prisma.emailOutbox.count({ where: { idempotencyKey: { startsWith: `application-received/${bId}` } } })).toBe(2);

    // The freed slot goes to the one who waited longest (third), not to the one who came back.
    expect((await withdrawApplication({ userId: first!, applicationId: a.ok ? a.applicationId : 0 })).ok).toBe(true);
    const statuses = await prisma.application.findMany({ where: { shiftId }, select: { userId: true, status: true }, orderBy: { userId: "asc" } });
    expect(statuses).toEqual([
      { userId: first!, status: "withdrawn" },
      { userId: second!, status: "waitlisted" },
      { userId: third!, status: "accepted" },
    ]);
    // A second application while the first is live is still refused.
    expect(await applyToShift({ userId: second!, shiftId, consent: true, message: "" })).toEqual({ ok: false, reason: "already" });
    // And the first volunteer, coming back to a full shift, waits too; the counter never overfills.
    const back = await applyToShift({ userId: first!, shiftId, consent: true, message: "" });
    expect(back.ok && back.status).toBe("waitlisted");
    expect((await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).acceptedCount).toBe(1);
  });

  it("a resident who withdrew registers for the date again: same row, at the end of the waitlist", async () => {
    const eventDateId = await eventWithDate({ capacity: 2 });
    const [first, second, third] = await createResidents(3);
    const a = await registerForEventDate({ userId: first!, eventDateId, partySize: 2, consent: true });
    const b = await registerForEventDate({ userId: second!, eventDateId, partySize: 1, consent: true });
    const bId = b.ok ? b.registrationId : 0;
    expect((await withdrawRegistration({ userId: second!, registrationId: bId })).ok).toBe(true);
    await registerForEventDate({ userId: third!, eventDateId, partySize: 1, consent: true });
    const again = await registerForEventDate({ userId: second!, eventDateId, partySize: 2, consent: true });
    expect(again).toEqual({ ok: true, status: "waitlisted", registrationId: bId });
    expect(await prisma.registration.count({ where: { eventDateId, userId: second! } })).toBe(1);
    expect((await prisma.registration.findUniqueOrThrow({ where: { id: bId } })).partySize).toBe(2);
    expect((await withdrawRegistration({ userId: first!, registrationId: a.ok ? a.registrationId : 0 })).ok).toBe(true);
    const statuses = await prisma.registration.findMany({ where: { eventDateId }, select: { userId: true, status: true }, orderBy: { userId: "asc" } });
    expect(statuses).toEqual([
      { userId: first!, status: "withdrawn" },
      { userId: second!, status: "waitlisted" },
      { userId: third!, status: "accepted" },
    ]);
    expect(await registerForEventDate({ userId: third!, eventDateId, partySize: 1, consent: true })).toEqual({ ok: false, reason: "already" });
  });
});

describe("a registration is acknowledged at once and its page tells the real outcome (review item 12)", () => {
  it("POST answers 303 to the event page, which reads the resident's status from the database; a forged ?registered= shows nothing", async () => {
    const { action, loader } = await import("~/routes/events.$id");
    const eventDateId = await eventWithDate({ capacity: 1 });
    const { eventId } = await prisma.eventDate.findUniqueOrThrow({ where: { id: eventDateId }, select: { eventId: true } });
    const [first, second] = await createResidents(2);
    const cookieOf = (id: number) => createSession({ id });
    const post = async (cookie: string) => {
      const request = new Request(`http://localhost:3000/events/${eventId}`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "register", eventDateId: String(eventDateId), partySize: "1", consent: "on" }),
      });
      try {
        return await action({ request, params: { id: String(eventId) }, context: {} });
      } catch (thrown) {
        return thrown;
      }
    };
    const page = async (cookie: string, query: string) =>
      loader({ request: new Request(`http://localhost:3000/events/${eventId}${query}`, { headers: { Cookie: cookie } }), params: { id: String(eventId) }, context: {} });
    const cookies = [await cookieOf(first!), await cookieOf(second!)];
    for (const cookie of cookies) {
      const answer = (await post(cookie)) as Response;
      expect(answer).toBeInstanceOf(Response);
      expect(answer.status).toBe(303);
      expect(answer.headers.get("Location")).toBe(`/events/${eventId}?registered=${eventDateId}`);
    }
    expect((await page(cookies[0]!, `?registered=${eventDateId}`)).registered).toEqual({ message: "participation.registered.accepted", tone: "info" });
    expect((await page(cookies[1]!, `?registered=${eventDateId}`)).registered).toEqual({ message: "participation.registered.waitlisted", tone: "info" });
    const stranger = await cookieOf((await createResidents(1))[0]!);
    expect((await page(stranger, `?registered=${eventDateId}`)).registered).toBeNull();
    // A refusal is still answered on the page itself, translated.
    expect(await post(cookies[0]!)).toEqual({ message: "participation.refused.already", tone: "warn" });
  });
});

describe("invalid participation input is answered like every form's: 400 with the submission reply", () => {
  async function post(route: "events.$id" | "volunteer.$id", id: number, userId: number, fields: Record<string, string>) {
    const module = route === "events.$id" ? await import("~/routes/events.$id") : await import("~/routes/volunteer.$id");
    const { createUserSession, SESSION_POLICIES } = await import("~/modules/auth/session.server");
    const { actionAnswer } = await import("../support/auth");
    const cookie = (await createUserSession(userId, SESSION_POLICIES.RESIDENT)).split(";")[0]!;
    const path = route === "events.$id" ? "events" : "volunteer";
    const request = new Request(`http://localhost:3000/${path}/${id}`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    return actionAnswer(await module.action({ request, params: { id: String(id) }, context: {} }));
  }
  const errorsOf = (data: unknown) => (data as { result?: { error?: Record<string, string[] | null> } }).result?.error ?? {};

  it("a party size of 0 or a missing consent: 400, errors on those fields, no registration", async () => {
    const eventDateId = await eventWithDate({ capacity: 5 });
    const { eventId } = await prisma.eventDate.findUniqueOrThrow({ where: { id: eventDateId }, select: { eventId: true } });
    const [userId] = await createResidents(1);
    const out = await post("events.$id", eventId, userId!, { intent: "register", eventDateId: String(eventDateId), partySize: "0" });
    expect(out.status).toBe(400);
    expect(errorsOf(out.data)).toMatchObject({ partySize: ["participation.partySizeInvalid"], consent: ["participation.consentRequired"] });
    expect(await prisma.registration.count({ where: { eventDateId } })).toBe(0);
  });

  it("an application without consent: 400, the error on the consent field, no application", async () => {
    const shiftId = await openingWithShift({ slots: 5 });
    const { openingId } = await prisma.shift.findUniqueOrThrow({ where: { id: shiftId }, select: { openingId: true } });
    const [userId] = await createResidents(1);
    const out = await post("volunteer.$id", openingId, userId!, { intent: "apply", shiftId: String(shiftId), message: "よろしく" });
    expect(out.status).toBe(400);
    expect(errorsOf(out.data)).toMatchObject({ consent: ["participation.consentRequired"] });
    expect(await prisma.application.count({ where: { shiftId } })).toBe(0);
  });
});
