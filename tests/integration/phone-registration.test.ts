import { describe, expect, it } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { action as eventAction, loader as eventLoader } from "~/routes/events.$id";
import * as registrationsPage from "~/routes/manage.groups.$groupId.events.$eventId_.registrations";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { HONEYPOT_FIELD } from "~/modules/auth/schemas";
import { isUndeliverableAddress } from "~/modules/email/undeliverable";
import { parseWithZod } from "@conform-to/zod";
import { eventSchema } from "~/modules/events/schemas";
import { saveEvent } from "~/modules/events/commands.server";
import { addDays, tokyoDateKey } from "~/utils/dates";
import { actionAnswer, ipFactory } from "../support/auth";
import { createEvent, createGroup, createResident, createSession, daysFromNow } from "../support/factories";

// Registering by phone (issue 15): for an event whose organiser allows it, a resident without email gives a name and
// a phone number on the event's page; the registration is the participation domain's own (capacity, waitlist,
// organiser notices) for a record that is never emailed, and the organiser sees the number with 「電話で連絡」.

const nextIp = ipFactory(173);

async function post(eventId: number, fields: Record<string, string>, ip = nextIp()) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", [CLIENT_IP_HEADER]: ip });
  const request = new Request(`http://localhost:3000/events/${eventId}`, { method: "POST", headers, body: new URLSearchParams(fields) });
  try {
    return actionAnswer(await eventAction({ request, params: { id: String(eventId) }, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: undefined };
    throw thrown;
  }
}

async function phoneEvent(options: { allowed?: boolean; capacity?: number } = {}) {
  const owner = await createResident({ name: "代表 花子" });
  const group = await createGroup({ owner, name: "鶴見 福祉の会" });
  const capacity = options.capacity ?? 10;
  const event = await createEvent(group, {
    title: "認知症サポーター養成講座",
    registrationRequired: true,
    phoneRegistration: options.allowed ?? true,
    dates: [
      { startsAt: daysFromNow(6), capacity },
      { startsAt: daysFromNow(13), capacity },
    ],
  });
  return { owner, group, event };
}

const fields = (eventDateId: number, extra: Record<string, string> = {}) => ({
  intent: "join-phone",
  eventDateId: String(eventDateId),
  partySize: "2",
  name: "鶴ヶ島 トメ",
  // As typed on a PC in Japanese input mode: full-width digits and a long-vowel mark for the dash.
  phone: "０４９ー２８５ー１２３４",
  consent: "on",
  ...extra,
});

const phoneRecords = (phone: string) => prisma.user.findMany({ where: { profile: { phone } }, select: { id: true, email: true, name: true, password: { select: { userId: true } }, consents: { select: { kind: true } } } });

describe("a resident without email registers for an event by phone", () => {
  it("the event page offers it only when the organiser allows it", async () => {
    const allowed = await phoneEvent();
    const plain = await phoneEvent({ allowed: false });
    const load = async (id: number) =>
      (await eventLoader({ request: new Request(`http://localhost:3000/events/${id}`), params: { id: String(id) }, context: {} } as LoaderFunctionArgs)) as { event: { phoneRegistration: boolean } };
    expect((await load(allowed.event.id)).event.phoneRegistration).toBe(true);
    expect((await load(plain.event.id)).event.phoneRegistration).toBe(false);
  });

  it("makes a record that is never emailed, registers the party, tells the organiser, and shows the number for a call back", async () => {
    const { owner, group, event } = await phoneEvent();
    const dateId = event.dateIds[0]!;
    const out = await post(event.id, fields(dateId));
    expect(out.status).toBe(200);
    expect(out.data).toEqual({ message: "participation.phoneRegistered.accepted", tone: "info" });

    const [record, ...others] = await phoneRecords("049-285-1234");
    expect(others).toHaveLength(0);
    expect(record!.name).toBe("鶴ヶ島 トメ");
    expect(isUndeliverableAddress(record!.email)).toBe(true);
    expect(record!.password).toBeNull();
    expect(record!.consents).toEqual([{ kind: "privacy-notice" }]);
    const registration = await prisma.registration.findFirstOrThrow({ where: { eventDateId: dateId, userId: record!.id }, select: { id: true, status: true, partySize: true } });
    expect(registration).toMatchObject({ status: "accepted", partySize: 2 });
    expect(await prisma.eventDate.findUniqueOrThrow({ where: { id: dateId }, select: { registeredCount: true } })).toEqual({ registeredCount: 2 });
    expect(await prisma.emailOutbox.count({ where: { toAddress: record!.email } })).toBe(0);
    const notice = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: owner.email, template: "signup-received" }, select: { textBody: true } });
    expect(notice.textBody).toContain("鶴ヶ島 トメ");
    expect(await prisma.auditLog.count({ where: { action: "registration.by-phone", entityId: registration.id } })).toBe(1);

    const page = (await registrationsPage.loader({
      request: new Request(`http://localhost:3000/manage/groups/${group.id}/events/${event.id}/registrations`, { headers: { Cookie: await createSession(owner) } }),
      params: { groupId: String(group.id), eventId: String(event.id) },
      context: {},
    } as LoaderFunctionArgs)) as unknown as { event: { dates: { registrations: { name: string; email: string | null; phone: string | null; contactShared: boolean }[] }[] } };
    expect(page.event.dates[0]!.registrations).toEqual([expect.objectContaining({ name: "鶴ヶ島 トメ", email: null, phone: "049-285-1234", contactShared: true })]);
  });

  it("the same number cannot take a date twice; coming back for another date reuses the record", async () => {
    const { event } = await phoneEvent();
    const [first, second] = event.dateIds as [number, number];
    const phone = "049-285-5678";
    expect((await post(event.id, fields(first, { phone }))).status).toBe(200);
    // The same number written another way, for another name: still the same phone.
    const again = await post(event.id, fields(first, { phone: "０４９（２８５）５６７８", name: "鶴ヶ島 花" }));
    expect(again.status).toBe(409);
    expect(again.data).toEqual({ message: "participation.refused.already", tone: "warn" });
    expect(await prisma.registration.count({ where: { eventDateId: first } })).toBe(1);

    expect((await post(event.id, fields(second, { phone }))).status).toBe(200);
    const records = await phoneRecords(phone);
    expect(records).toHaveLength(1);
    expect(await prisma.registration.count({ where: { userId: records[0]!.id } })).toBe(2);
  });

  it("a full date puts the caller on the waitlist and says the organiser will call if a place opens", async () => {
    const { event } = await phoneEvent({ capacity: 1 });
    const out = await post(event.id, fields(event.dateIds[0]!, { partySize: "1", phone: "090-1111-2222" }));
    expect(out.data).toEqual({ message: "participation.phoneRegistered.accepted", tone: "info" });
    const next = await post(event.id, fields(event.dateIds[0]!, { partySize: "1", phone: "090-3333-4444", name: "脚折 二郎" }));
    expect(next.data).toEqual({ message: "participation.phoneRegistered.waitlisted", tone: "info" });
  });
});

describe("bad input and abuse change nothing", () => {
  it.each([
    ["no phone", { phone: "" }, "phone", "quickjoin.errors.phoneRequired"],
    ["letters for a phone", { phone: "でんわ" }, "phone", "quickjoin.errors.phone"],
    ["too few digits", { phone: "049-285" }, "phone", "quickjoin.errors.phone"],
    ["no consent", { consent: "" }, "consent", "quickjoin.consentRequired"],
    ["no name", { name: "" }, "name", "errors.required"],
    ["a party of 11", { partySize: "11" }, "partySize", "participation.partySizeInvalid"],
  ])("%s: 400 with the error on its field", async (_label, bad, field, message) => {
    const { event } = await phoneEvent();
    const before = await prisma.user.count();
    const out = await post(event.id, fields(event.dateIds[0]!, bad));
    expect(out.status).toBe(400);
    expect((out.data as { phone: { error: Record<string, string[]> } }).phone.error[field]).toEqual([message]);
    expect(await prisma.user.count()).toBe(before);
    expect(await prisma.registration.count({ where: { eventDateId: event.dateIds[0]! } })).toBe(0);
  });

  it("an event that does not allow it refuses, and makes no record", async () => {
    const { event } = await phoneEvent({ allowed: false });
    const before = await prisma.user.count();
    const out = await post(event.id, fields(event.dateIds[0]!, { phone: "049-111-2222" }));
    expect(out.status).toBe(409);
    expect(out.data).toEqual({ message: "participation.refused.not-found", tone: "warn" });
    expect(await prisma.user.count()).toBe(before);
  });

  it("a date of another event is not found", async () => {
    const { event } = await phoneEvent();
    const other = await phoneEvent();
    const out = await post(event.id, fields(other.event.dateIds[0]!, { phone: "049-555-6666" }));
    expect(out.status).toBe(409);
    expect(await prisma.registration.count({ where: { eventDateId: other.event.dateIds[0]! } })).toBe(0);
  });

  it("a filled honeypot is a bot: 400, nothing made", async () => {
    const { event } = await phoneEvent();
    const before = await prisma.user.count();
    const out = await post(event.id, fields(event.dateIds[0]!, { [HONEYPOT_FIELD]: "https://spam.example", phone: "049-777-8888" }));
    expect(out.status).toBe(400);
    expect(await prisma.user.count()).toBe(before);
  });

  it("three phone registrations an hour per client address; the fourth is 429", async () => {
    const { event } = await phoneEvent({ capacity: 50 });
    const ip = nextIp();
    for (const n of [1, 2, 3]) expect((await post(event.id, fields(event.dateIds[0]!, { phone: `049-000-000${n}`, partySize: "1" }), ip)).status).toBe(200);
    expect((await post(event.id, fields(event.dateIds[0]!, { phone: "049-000-0009", partySize: "1" }), ip)).status).toBe(429);
    expect(await prisma.registration.count({ where: { eventDateId: event.dateIds[0]! } })).toBe(3);
  });
});

describe("the organiser chooses it on the event form", () => {
  /** The event form as the workspace posts it: a one-off, with or without registration and the phone option. */
  function eventForm(fields: Record<string, string>) {
    const form = new FormData();
    const base = { intent: "save", kind: "once", title: "認知症サポーター養成講座", date: tokyoDateKey(addDays(new Date(), 10)), startTime: "14:00", endTime: "15:30", languages: "ja" };
    for (const [k, v] of Object.entries({ ...base, ...fields })) form.set(k, v);
    const submission = parseWithZod(form, { schema: eventSchema({ today: tokyoDateKey(new Date()), creating: true }) });
    if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
    return submission.value;
  }

  it("is kept with registration, and dropped for an event people just turn up to", async () => {
    const owner = await createResident();
    const group = await createGroup({ owner });
    const withRegistration = await saveEvent(group.id, owner.id, null, eventForm({ registrationRequired: "on", phoneRegistration: "on" }), "save");
    const dropIn = await saveEvent(group.id, owner.id, null, eventForm({ phoneRegistration: "on" }), "save");
    if (!withRegistration.ok || !dropIn.ok) throw new Error("not saved");
    const stored = async (id: number) => (await prisma.event.findUniqueOrThrow({ where: { id }, select: { phoneRegistration: true } })).phoneRegistration;
    expect(await stored(withRegistration.id)).toBe(true);
    expect(await stored(dropIn.id)).toBe(false);
  });
});
