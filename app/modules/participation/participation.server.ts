import { Prisma } from "~/generated/prisma/client";
import { WRITE_TX, prisma, type Tx } from "~/utils/db.server";
import { prepareEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { isPublic, publicShiftWhere } from "~/modules/publishing/visibility";
import { formatRange } from "~/utils/dates";
import { invalidatePublicCache, type Touched } from "~/utils/cache.server";
import { dateSeats, shiftSlots } from "./capacity.server";
import { prepareSignupNotices } from "./signup-notices.server";
import {
  APPLICATION_STATUS,
  DATE_STATUSES_OPEN_FOR_REGISTRATION,
  LIVE_APPLICATION_STATUSES,
  LIVE_REGISTRATION_STATUSES,
  REGISTRATION_STATUS,
  SHIFT_STATUS_OPEN,
} from "./status";

// Applying to a volunteer shift and registering for an event date. Places are taken, released and handed to the
// waitlist by capacity.server.ts (one queue rule, one conditional UPDATE per request), so 200 parallel requests for
// 30 places give exactly 30 accepted; the rest join the waitlist.

export type ParticipationRefusal =
  | "not-found"
  | "closed"
  | "past"
  | "deadline"
  | "already"
  | "consent-required"
  | "party-too-large"
  | "not-yours";

/** What applying or registering ends in. */
type ApplyStatus = typeof APPLICATION_STATUS.accepted | typeof APPLICATION_STATUS.applied | typeof APPLICATION_STATUS.waitlisted;
type RegisterStatus = typeof REGISTRATION_STATUS.accepted | typeof REGISTRATION_STATUS.waitlisted;

export type ApplyResult = { ok: true; status: ApplyStatus; applicationId: number } | { ok: false; reason: ParticipationRefusal };

/** Places left and waitlists changed wherever the item is shown: cached copies must not show the old counts. */
const changed =
  (item: Touched[number]) =>
  <T>(result: T): T => {
    invalidatePublicCache([item], "counts");
    return result;
  };

/** Thrown inside a transaction to undo a place taken for a row that another request revived first. */
class AlreadyParticipating extends Error {}

function isUniqueViolation(error: unknown) {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  // A raw query reports the same violation as P2010, with the driver adapter's reason attached.
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause;
  return error.code === "P2010" && cause?.kind === "UniqueConstraintViolation";
}

/** Who the confirmation goes to: the signed-in resident, as the session already knows them. */
export type Resident = { email: string; name: string; locale: string };

/**
 * A resident applies to a shift. Before applying they must consent to their contact details going to the group
 * (APPI third-party provision). Openings that need approval start as "applied"; others are accepted while slots
 * remain, then waitlisted. `enteredById`: the staff member who applies for a resident who phoned or came to the
 * counter (代理登録); the row is otherwise an ordinary application, so it counts wherever applications count.
 */
export async function applyToShift(
  input: { userId: number; shiftId: number; consent: boolean; message: string; resident?: Resident; enteredById?: number | null },
  now = new Date(),
): Promise<ApplyResult> {
  if (!input.consent) return { ok: false, reason: "consent-required" };
  const shift = await prisma.shift.findFirst({
    where: { id: input.shiftId, ...publicShiftWhere() },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      opening: { select: { id: true, groupId: true, title: true, needsApproval: true, applyBy: true } },
    },
  });
  if (!shift) return { ok: false, reason: "not-found" };
  if (shift.status !== SHIFT_STATUS_OPEN) return { ok: false, reason: "closed" };
  // An open-ended (ongoing) shift can be joined any time; a dated one only before it starts.
  if (shift.endsAt !== null && shift.startsAt <= now) return { ok: false, reason: "past" };
  if (shift.opening.applyBy && shift.opening.applyBy < now) return { ok: false, reason: "deadline" };
  const user = input.resident ?? (await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, name: true, locale: true } }));
  // The confirmation is rendered for each possible outcome before the transaction, which then only inserts.
  const emailFor = async (status: ApplyStatus) =>
    prepareEmail({
      to: user.email,
      // Known already: saves the recipient lookup on the rushed path.
      userId: input.userId,
      locale: user.locale,
      template: "application-received",
      vars: { name: user.name, title: shift.opening.title, when: shift.endsAt ? formatRange(shift.startsAt, shift.endsAt, user.locale) : "", status, link: appUrl(`/volunteer/${shift.opening.id}`) },
    });
  const emails: Partial<Record<ApplyStatus, Awaited<ReturnType<typeof emailFor>>>> = shift.opening.needsApproval
    ? { [APPLICATION_STATUS.applied]: await emailFor(APPLICATION_STATUS.applied) }
    : { [APPLICATION_STATUS.accepted]: await emailFor(APPLICATION_STATUS.accepted), [APPLICATION_STATUS.waitlisted]: await emailFor(APPLICATION_STATUS.waitlisted) };
  // The group's members who want an email per sign-up: rendered now too, inserted with the application.
  const tellOrganisers = await prepareSignupNotices({
    groupId: shift.opening.groupId,
    userId: input.userId,
    person: user.name,
    status: "application",
    title: shift.opening.title,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    partySize: 1,
    path: `/manage/groups/${shift.opening.groupId}/openings/${shift.opening.id}/applicants`,
  });
  const takePlace = async (tx: Tx): Promise<ApplyStatus> =>
    shift.opening.needsApproval ? APPLICATION_STATUS.applied : (await shiftSlots.take(tx, shift.id)) ? APPLICATION_STATUS.accepted : APPLICATION_STATUS.waitlisted;
  const enteredById = input.enteredById ?? null;
  const fields = { message: input.message, consentToShareContact: true, consentAt: now, queuedAt: now, enteredById };
  try {
    return await prisma.$transaction(async (tx) => {
      const status = await takePlace(tx);
      // Plain SQL, as for registrations: the ORM's query building is a large part of each request's time in a rush.
      const [application] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO "Application" ("shiftId", "userId", "status", "message", "consentToShareContact", "consentAt", "enteredById", "queuedAt", "createdAt", "updatedAt")
        VALUES (${shift.id}, ${input.userId}, ${status}, ${input.message}, true, ${now}, ${enteredById}, ${now}, ${now}, ${now}) RETURNING "id"`;
      if (!application) throw new Error("the application was not stored");
      await emails[status]!(tx, `application-received/${application.id}`);
      await tellOrganisers(tx, `a${application.id}`);
      return { ok: true as const, status, applicationId: application.id };
    }, WRITE_TX).then(changed(`opening:${shift.opening.id}`));
  } catch (error) {
    // One application per person per shift: the unique index decides, even for parallel double-clicks.
    if (!isUniqueViolation(error)) throw error;
  }
  // Someone who withdrew applies again: their row comes back (its history stays with it) at the end of the queue.
  // Rare, so it stays off the first-time path above; a live application is still "already".
  return prisma.$transaction(async (tx) => {
    const withdrawn = await tx.application.findFirst({ where: { shiftId: shift.id, userId: input.userId, status: APPLICATION_STATUS.withdrawn }, select: { id: true } });
    if (!withdrawn) return { ok: false as const, reason: "already" as const };
    const status = await takePlace(tx);
    const revived = await tx.application.updateMany({
      where: { id: withdrawn.id, status: APPLICATION_STATUS.withdrawn },
      data: { ...fields, status, remindedAt: null, hours: null, hoursVerifiedAt: null, hoursVerifiedById: null },
    });
    if (revived.count !== 1) throw new AlreadyParticipating();
    await emails[status]!(tx, `application-received/${withdrawn.id}/${now.getTime()}`);
    await tellOrganisers(tx, `a${withdrawn.id}/${now.getTime()}`);
    return { ok: true as const, status, applicationId: withdrawn.id };
  }, WRITE_TX)
    .then(changed(`opening:${shift.opening.id}`))
    .catch((error: unknown) => {
      if (error instanceof AlreadyParticipating) return { ok: false as const, reason: "already" as const };
      throw error;
    });
}

/** The resident withdraws before the shift starts; a freed slot goes to the first person on the waitlist. */
export async function withdrawApplication(input: { userId: number; applicationId: number }, now = new Date()) {
  const app = await prisma.application.findFirst({
    where: { id: input.applicationId, userId: input.userId },
    select: { id: true, status: true, shift: { select: { id: true, openingId: true, startsAt: true, endsAt: true } } },
  });
  if (!app) return { ok: false as const, reason: "not-found" as const };
  if (!LIVE_APPLICATION_STATUSES.includes(app.status)) return { ok: false as const, reason: "closed" as const };
  if (app.shift.endsAt !== null && app.shift.startsAt <= now) return { ok: false as const, reason: "past" as const };
  // The status read above may be stale by now (a withdrawal promoted this one; a double click): each conditional
  // UPDATE says what the row was when it changed, so a slot is released exactly when an accepted one is withdrawn.
  const withdrawn = await prisma.$transaction(async (tx) => {
    const wasAccepted = await tx.application.updateMany({ where: { id: app.id, status: APPLICATION_STATUS.accepted }, data: { status: APPLICATION_STATUS.withdrawn } });
    // A place given back goes to the queue.
    if (wasAccepted.count === 1) {
      await shiftSlots.release(tx, app.shift.id, 1, now);
      return true;
    }
    const wasWaiting = await tx.application.updateMany({
      where: { id: app.id, status: { in: [APPLICATION_STATUS.applied, APPLICATION_STATUS.waitlisted] } },
      data: { status: APPLICATION_STATUS.withdrawn },
    });
    // Someone leaving the queue may have been what held it up.
    if (wasWaiting.count === 1) await shiftSlots.promote(tx, app.shift.id, now);
    return wasWaiting.count === 1;
  }, WRITE_TX);
  return withdrawn ? changed(`opening:${app.shift.openingId}`)({ ok: true as const }) : { ok: false as const, reason: "closed" as const };
}

export type RegisterResult = { ok: true; status: RegisterStatus; registrationId: number } | { ok: false; reason: ParticipationRefusal };

export const MAX_PARTY = 10;

type DateToRegister = {
  id: number;
  startsAt: Date;
  endsAt: Date;
  status: string;
  capacity: number | null;
  eventId: number;
  groupId: number;
  title: string;
  registrationRequired: boolean;
  registrationCloseHours: number;
};

/**
 * The date with what registering needs, in one plain query: a Prisma relation filter here costs ~10 ms of query
 * building per request, which in a rush of 200 is seconds. Only dates of public events (publishing's isPublic,
 * asked of the two statuses the query reads) and of `eventId`, when the page gives one, are found.
 */
async function dateToRegister(eventDateId: number, eventId: number | undefined): Promise<DateToRegister | null> {
  const rows = await prisma.$queryRaw<(DateToRegister & { eventStatus: string; groupStatus: string })[]>`
    SELECT d."id", d."startsAt", d."endsAt", d."status", d."capacity", e."id" AS "eventId", e."groupId", e."title",
           e."registrationRequired", e."registrationCloseHours", e."status" AS "eventStatus", g."status" AS "groupStatus"
    FROM "EventDate" d JOIN "Event" e ON e."id" = d."eventId" JOIN "Group" g ON g."id" = e."groupId"
    WHERE d."id" = ${eventDateId}`;
  const row = rows[0];
  if (!row || !isPublic({ status: row.eventStatus, group: { status: row.groupStatus } })) return null;
  if (eventId !== undefined && row.eventId !== eventId) return null;
  const { eventStatus: _event, groupStatus: _group, ...date } = row;
  return { ...date, startsAt: new Date(date.startsAt), endsAt: new Date(date.endsAt), registrationRequired: Boolean(date.registrationRequired) };
}

/**
 * A resident registers (with their party) for an event date that takes registrations. Everything that takes time
 * (finding the date, rendering the confirmation) happens before the transaction, which only takes places and
 * inserts two rows; the route passes the signed-in `resident` so no lookup of the account is needed. `enteredById`:
 * staff registering a resident on their behalf (代理登録), as for applications.
 */
export async function registerForEventDate(
  input: { userId: number; eventDateId: number; partySize: number; consent: boolean; eventId?: number; resident?: Resident; enteredById?: number | null },
  now = new Date(),
): Promise<RegisterResult> {
  if (!input.consent) return { ok: false, reason: "consent-required" };
  if (!Number.isInteger(input.partySize) || input.partySize < 1 || input.partySize > MAX_PARTY) return { ok: false, reason: "party-too-large" };
  const date = await dateToRegister(input.eventDateId, input.eventId);
  if (!date || !date.registrationRequired) return { ok: false, reason: "not-found" };
  if (!DATE_STATUSES_OPEN_FOR_REGISTRATION.includes(date.status)) return { ok: false, reason: "closed" };
  if (date.startsAt <= now) return { ok: false, reason: "past" };
  if (date.startsAt.getTime() - date.registrationCloseHours * 3600_000 <= now.getTime()) return { ok: false, reason: "deadline" };
  if (date.capacity !== null && input.partySize > date.capacity) return { ok: false, reason: "party-too-large" };
  const user = input.resident ?? (await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, name: true, locale: true } }));
  const emailFor = (status: RegisterStatus) =>
    prepareEmail({
      to: user.email,
      // Known already: saves the recipient lookup on the rushed path.
      userId: input.userId,
      locale: user.locale,
      template: "registration-received",
      vars: { name: user.name, title: date.title, when: formatRange(date.startsAt, date.endsAt, user.locale), status, partySize: input.partySize, link: appUrl(`/events/${date.eventId}`) },
    });
  const emails = { [REGISTRATION_STATUS.accepted]: await emailFor(REGISTRATION_STATUS.accepted), [REGISTRATION_STATUS.waitlisted]: await emailFor(REGISTRATION_STATUS.waitlisted) };
  const tellOrganisers = await prepareSignupNotices({
    groupId: date.groupId,
    userId: input.userId,
    person: user.name,
    status: "registration",
    title: date.title,
    startsAt: date.startsAt,
    endsAt: date.endsAt,
    partySize: input.partySize,
    path: `/manage/groups/${date.groupId}/events/${date.eventId}/registrations`,
  });
  const takePlaces = async (tx: Tx): Promise<RegisterStatus> => ((await dateSeats.take(tx, date.id, input.partySize)) ? REGISTRATION_STATUS.accepted : REGISTRATION_STATUS.waitlisted);
  const enteredById = input.enteredById ?? null;
  const fields = { partySize: input.partySize, consentToShareContact: true, consentAt: now, queuedAt: now, enteredById };
  try {
    return await prisma.$transaction(async (tx) => {
      const status = await takePlaces(tx);
      // Plain SQL, as for applications.
      const [registration] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO "Registration" ("eventDateId", "userId", "partySize", "status", "consentToShareContact", "consentAt", "enteredById", "queuedAt", "createdAt", "updatedAt")
        VALUES (${date.id}, ${input.userId}, ${input.partySize}, ${status}, true, ${now}, ${enteredById}, ${now}, ${now}, ${now}) RETURNING "id"`;
      if (!registration) throw new Error("the registration was not stored");
      await emails[status](tx, `registration-received/${registration.id}`);
      await tellOrganisers(tx, `r${registration.id}`);
      return { ok: true as const, status, registrationId: registration.id };
    }, WRITE_TX).then(changed(`event:${date.eventId}`));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Registering again after withdrawing: the same row, at the end of the waitlist (as for applications).
  return prisma.$transaction(async (tx) => {
    const withdrawn = await tx.registration.findFirst({ where: { eventDateId: date.id, userId: input.userId, status: REGISTRATION_STATUS.withdrawn }, select: { id: true } });
    if (!withdrawn) return { ok: false as const, reason: "already" as const };
    const status = await takePlaces(tx);
    const revived = await tx.registration.updateMany({ where: { id: withdrawn.id, status: REGISTRATION_STATUS.withdrawn }, data: { ...fields, status, remindedAt: null } });
    if (revived.count !== 1) throw new AlreadyParticipating();
    await emails[status](tx, `registration-received/${withdrawn.id}/${now.getTime()}`);
    await tellOrganisers(tx, `r${withdrawn.id}/${now.getTime()}`);
    return { ok: true as const, status, registrationId: withdrawn.id };
  }, WRITE_TX)
    .then(changed(`event:${date.eventId}`))
    .catch((error: unknown) => {
      if (error instanceof AlreadyParticipating) return { ok: false as const, reason: "already" as const };
      throw error;
    });
}

export async function withdrawRegistration(input: { userId: number; registrationId: number }, now = new Date()) {
  const reg = await prisma.registration.findFirst({
    where: { id: input.registrationId, userId: input.userId },
    select: { id: true, status: true, partySize: true, eventDate: { select: { id: true, eventId: true, startsAt: true } } },
  });
  if (!reg) return { ok: false as const, reason: "not-found" as const };
  if (!LIVE_REGISTRATION_STATUSES.includes(reg.status)) return { ok: false as const, reason: "closed" as const };
  if (reg.eventDate.startsAt <= now) return { ok: false as const, reason: "past" as const };
  // As for applications: the conditional UPDATE, not the read above, says whether places are to be released.
  const withdrawn = await prisma.$transaction(async (tx) => {
    const wasAccepted = await tx.registration.updateMany({ where: { id: reg.id, status: REGISTRATION_STATUS.accepted }, data: { status: REGISTRATION_STATUS.withdrawn } });
    // Seats given back go to the queue.
    if (wasAccepted.count === 1) {
      await dateSeats.release(tx, reg.eventDate.id, reg.partySize, now);
      return true;
    }
    const wasWaiting = await tx.registration.updateMany({ where: { id: reg.id, status: REGISTRATION_STATUS.waitlisted }, data: { status: REGISTRATION_STATUS.withdrawn } });
    // A waiting party leaving may have been what held the queue up.
    if (wasWaiting.count === 1) await dateSeats.promote(tx, reg.eventDate.id, now);
    return wasWaiting.count === 1;
  }, WRITE_TX);
  return withdrawn ? changed(`event:${reg.eventDate.eventId}`)({ ok: true as const }) : { ok: false as const, reason: "closed" as const };
}

/** The signed-in resident's own applications for an opening's shifts (to show "you applied" and a withdraw button). */
export async function myApplicationsForOpening(userId: number, openingId: number) {
  const rows = await prisma.application.findMany({
    where: { userId, shift: { openingId }, status: { not: APPLICATION_STATUS.withdrawn } },
    select: { id: true, shiftId: true, status: true },
  });
  return rows;
}

export async function myRegistrationsForEvent(userId: number, eventId: number) {
  return prisma.registration.findMany({
    where: { userId, eventDate: { eventId }, status: { not: REGISTRATION_STATUS.withdrawn } },
    select: { id: true, eventDateId: true, status: true, partySize: true },
  });
}
