import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { PRIVACY_NOTICE_VERSION } from "~/modules/auth/accounts.server";
import { PLACEHOLDER_EMAIL_DOMAIN } from "~/modules/email/undeliverable";
import { registerForEventDate, type RegisterResult } from "./participation.server";
import { LIVE_REGISTRATION_STATUSES } from "./status";

// Registering by phone: the event's organiser allows it (Event.phoneRegistration) for residents who have no email
// address or would rather be called. The person gets a record like one staff make at the counter (代理登録): a
// placeholder address under ".invalid" that is never emailed and can never sign in, the phone number on the
// profile, the privacy consent given on the page. The registration itself is the participation domain's own, so
// capacity, waitlist and the organisers' sign-up notices work as for anyone; the organiser sees the number on
// the registrations page and calls back.

/** Placeholder addresses of records made this way start so; staff's own start with "proxy-". */
const PHONE_RECORD_PREFIX = "phone-";

export type PhoneRegistrationInput = { eventId: number; eventDateId: number; partySize: number; name: string; phone: string; locale: string };

function digitsOf(phone: string): string {
  return phone.replace(/\D/g, "");
}

/**
 * Registers the person for the date, reusing the record an earlier phone registration made for the same name and
 * number (the same person coming back) and refusing a second live registration of the same number for one date
 * (a double tap, or a family member who should raise the party size instead).
 */
export async function registerByPhone(input: PhoneRegistrationInput, now = new Date()): Promise<RegisterResult> {
  const event = await prisma.event.findUnique({ where: { id: input.eventId }, select: { phoneRegistration: true, registrationRequired: true } });
  if (!event?.phoneRegistration || !event.registrationRequired) return { ok: false, reason: "not-found" };
  const digits = digitsOf(input.phone);
  const earlier = await prisma.user.findMany({
    // Narrowed in the database by the last four digits (written together however the rest is spaced), so this reads
    // a handful of rows however many people have registered by phone; the whole number is compared below.
    where: { email: { startsWith: PHONE_RECORD_PREFIX, endsWith: `@${PLACEHOLDER_EMAIL_DOMAIN}` }, profile: { phone: { contains: digits.slice(-4) } } },
    select: { id: true, email: true, name: true, profile: { select: { phone: true } } },
  });
  const sameNumber = earlier.filter((u) => digitsOf(u.profile?.phone ?? "") === digits);
  if (sameNumber.length) {
    const live = await prisma.registration.count({
      where: { eventDateId: input.eventDateId, userId: { in: sameNumber.map((u) => u.id) }, status: { in: [...LIVE_REGISTRATION_STATUSES] } },
    });
    if (live > 0) return { ok: false, reason: "already" };
  }
  const returning = sameNumber.find((u) => u.name === input.name);
  const record = returning ?? (await makePhoneRecord(input, now));
  // The confirmation email goes nowhere (the address is a placeholder); the organiser's call is the confirmation.
  const resident = { email: record.email, name: input.name, locale: input.locale };
  const result = await registerForEventDate({ userId: record.id, eventId: input.eventId, eventDateId: input.eventDateId, partySize: input.partySize, consent: true, resident }, now);
  if (result.ok) {
    await recordAudit(prisma, {
      actorId: null,
      action: "registration.by-phone",
      entityType: "registration",
      entityId: result.registrationId,
      detail: { eventDateId: input.eventDateId, partySize: input.partySize, status: result.status, returning: Boolean(returning) },
    });
  }
  return result;
}

async function makePhoneRecord(input: PhoneRegistrationInput, now: Date): Promise<{ id: number; email: string }> {
  const resident = await prisma.role.findUniqueOrThrow({ where: { name: "resident" }, select: { id: true } });
  const user = await prisma.user.create({
    data: {
      email: `${PHONE_RECORD_PREFIX}${crypto.randomBytes(12).toString("hex")}@${PLACEHOLDER_EMAIL_DOMAIN}`,
      name: input.name,
      locale: input.locale,
      roles: { create: { roleId: resident.id } },
      profile: { create: { phone: input.phone } },
      consents: { create: { kind: "privacy-notice", version: PRIVACY_NOTICE_VERSION, method: "online", grantedAt: now } },
    },
    select: { id: true, email: true },
  });
  return user;
}
