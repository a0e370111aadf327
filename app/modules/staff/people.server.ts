import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { parseTokyoDate, tokyoDateKey } from "~/utils/dates";
import { recordAudit } from "~/modules/audit/audit.server";
import { PRIVACY_NOTICE_VERSION } from "~/modules/auth/accounts.server";
import { PLACEHOLDER_EMAIL_DOMAIN, shownAddress } from "~/modules/email/undeliverable";
import { publicEventDateWhere, publicShiftWhere } from "~/modules/publishing/visibility";
import { applyToShift, registerForEventDate, type ParticipationRefusal } from "~/modules/participation/participation.server";
import { DATE_STATUSES_OPEN_FOR_REGISTRATION, SHIFT_STATUS_OPEN } from "~/modules/participation/status";
import { foldForSearch } from "~/modules/search/normalize";
import { PERSON_STATUS, type PersonAction } from "./people-schemas";
import type { ProxyRegistrationInput } from "./proxy-schemas";

// Staff's side of residents (/staff/people): finding a person, what the portal holds about them and what they took
// part in, suspending them or ending their sessions, registering someone who is not online (代理登録) and taking
// part for them. Every view of a person's page and every action is an audit entry with who, when and why (APPI).

/** A search answers at most this many people; staff narrow the words rather than page through residents. */
const MAX_FOUND = 50;

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * People whose name, reading, email or phone contains the words, newest first. Recorded in the audit log with the
 * words (staff looking residents up is itself access to personal data). Portable SQL: LIKE … ESCAPE and REPLACE
 * read the same on SQLite and PostgreSQL; placeholder addresses never match (they are not anyone's address).
 */
export async function searchPeople(query: string, staffId: number) {
  const words = query.trim();
  if (!words) return [];
  const folded = foldForSearch(words);
  // Only words written like a phone number are searched as one: the digits of an email address or a name with a
  // number in it would otherwise match whoever's phone happens to contain them.
  const looksLikePhone = /^[\d\s()+\-‐－ー]+$/u.test(words.normalize("NFKC"));
  const digits = looksLikePhone ? words.normalize("NFKC").replace(/\D/g, "") : "";
  const nameLike = likePattern(words.normalize("NFKC").toLowerCase());
  const kanaLike = likePattern(folded);
  const phoneCondition =
    digits.length >= 3
      ? Prisma.sql`OR REPLACE(REPLACE(REPLACE(REPLACE(p."phone", '-', ''), ' ', ''), '(', ''), ')', '') LIKE ${likePattern(digits)} ESCAPE '\\'`
      : Prisma.empty;
  const rows = await prisma.$queryRaw<{ id: number | bigint }[]>`
    SELECT u."id" FROM "User" u LEFT JOIN "Profile" p ON p."userId" = u."id"
    WHERE u."status" <> ${PERSON_STATUS.deleted} AND (
      LOWER(u."name") LIKE ${nameLike} ESCAPE '\\'
      OR u."nameKana" LIKE ${kanaLike} ESCAPE '\\'
      OR (LOWER(u."email") LIKE ${nameLike} ESCAPE '\\' AND u."email" NOT LIKE ${"%.invalid"})
      ${phoneCondition})
    ORDER BY u."id" DESC
    LIMIT ${MAX_FOUND}`;
  const ids = rows.map((r) => Number(r.id));
  const people = await prisma.user.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      nameKana: true,
      email: true,
      status: true,
      registeredById: true,
      profile: { select: { phone: true, area: { select: { name: true } } } },
    },
    orderBy: { id: "desc" },
  });
  await recordAudit(prisma, { actorId: staffId, action: "person.search", entityType: "user", detail: { q: words, found: people.length } });
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    nameKana: p.nameKana,
    email: shownAddress(p.email),
    phone: p.profile?.phone ?? "",
    area: p.profile?.area?.name ?? null,
    status: p.status,
    registeredByStaff: p.registeredById !== null,
  }));
}

/** Names of staff members (who registered, recorded a consent, entered an application), by id. */
async function staffNames(ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === "number"))];
  if (!wanted.length) return new Map();
  const rows = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Everything staff see about one person, and the audit entry "person.view" saying who looked (every open of the
 * page, APPI). Null (no entry) when there is no such person.
 */
export async function viewPerson(userId: number, staffId: number, now = new Date()) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      nameKana: true,
      email: true,
      emailVerifiedAt: true,
      locale: true,
      status: true,
      createdAt: true,
      lastLoginAt: true,
      registeredById: true,
      password: { select: { userId: true } },
      roles: { select: { role: { select: { name: true } } } },
      profile: { select: { phone: true, postalCode: true, postalAddress: true, area: { select: { name: true } } } },
      consents: { select: { id: true, kind: true, version: true, method: true, recordedById: true, grantedAt: true, revokedAt: true }, orderBy: { grantedAt: "desc" } },
      memberships: { select: { role: true, group: { select: { id: true, name: true, status: true } } } },
      applications: {
        select: {
          id: true,
          status: true,
          createdAt: true,
          enteredById: true,
          shift: { select: { startsAt: true, endsAt: true, opening: { select: { id: true, title: true, group: { select: { name: true } } } } } },
        },
        orderBy: { shift: { startsAt: "desc" } },
        take: 200,
      },
      registrations: {
        select: {
          id: true,
          status: true,
          partySize: true,
          createdAt: true,
          enteredById: true,
          eventDate: { select: { startsAt: true, endsAt: true, event: { select: { id: true, title: true, group: { select: { name: true } } } } } },
        },
        orderBy: { eventDate: { startsAt: "desc" } },
        take: 200,
      },
    },
  });
  if (!user) return null;
  const [names, liveSessions] = await Promise.all([
    staffNames([user.registeredById, ...user.consents.map((c) => c.recordedById), ...user.applications.map((a) => a.enteredById), ...user.registrations.map((r) => r.enteredById)]),
    prisma.session.count({ where: { userId, expiresAt: { gt: now }, absoluteExpiresAt: { gt: now } } }),
  ]);
  await recordAudit(prisma, { actorId: staffId, action: "person.view", entityType: "user", entityId: userId });
  const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  const activity = [
    ...user.applications.map((a) => ({
      kind: "application" as const,
      id: a.id,
      title: a.shift.opening.title,
      group: a.shift.opening.group.name,
      href: `/volunteer/${a.shift.opening.id}`,
      startsAt: a.shift.startsAt.toISOString(),
      endsAt: a.shift.endsAt?.toISOString() ?? null,
      status: a.status,
      partySize: null as number | null,
      enteredBy: nameOf(a.enteredById),
      enteredByStaff: a.enteredById !== null,
    })),
    ...user.registrations.map((r) => ({
      kind: "registration" as const,
      id: r.id,
      title: r.eventDate.event.title,
      group: r.eventDate.event.group.name,
      href: `/events/${r.eventDate.event.id}`,
      startsAt: r.eventDate.startsAt.toISOString(),
      endsAt: r.eventDate.endsAt.toISOString(),
      status: r.status,
      partySize: r.partySize as number | null,
      enteredBy: nameOf(r.enteredById),
      enteredByStaff: r.enteredById !== null,
    })),
  ].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return {
    id: user.id,
    name: user.name,
    nameKana: user.nameKana,
    /** Null for someone registered without an address: their placeholder is never shown as one. */
    email: shownAddress(user.email),
    emailVerified: user.emailVerifiedAt !== null,
    locale: user.locale,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    registeredBy: user.registeredById === null ? null : { id: user.registeredById, name: nameOf(user.registeredById) },
    /** A record staff made that the person has not taken over yet (no password; see accounts' claim). */
    unclaimed: user.registeredById !== null && user.password === null,
    roles: user.roles.map((r) => r.role.name),
    phone: user.profile?.phone ?? "",
    postalCode: user.profile?.postalCode ?? "",
    postalAddress: user.profile?.postalAddress ?? "",
    area: user.profile?.area?.name ?? null,
    consents: user.consents.map((c) => ({
      id: c.id,
      kind: c.kind,
      version: c.version,
      method: c.method,
      recordedBy: nameOf(c.recordedById),
      grantedAt: c.grantedAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
    })),
    groups: user.memberships.map((m) => ({ id: m.group.id, name: m.group.name, status: m.group.status, role: m.role })),
    activity,
    liveSessions,
  };
}

export type PersonActionResult = { ok: true } | { ok: false; reason: "not-found" | "not-allowed" | "self" };

/**
 * Suspends a person, lifts a suspension, or ends every session they have ("log out everywhere"), with the reason
 * in the audit entry. A suspended account's sessions are deleted at once; getSessionUser would refuse them anyway,
 * and login refuses a non-active account. Staff cannot suspend or sign out themselves from here.
 */
export async function actOnPerson(input: { userId: number; staffId: number; action: PersonAction; reason: string }): Promise<PersonActionResult> {
  if (input.userId === input.staffId) return { ok: false, reason: "self" };
  return prisma.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: input.userId }, select: { status: true } });
    if (!person) return { ok: false as const, reason: "not-found" as const };
    const audit = (action: string, detail: Record<string, unknown>) =>
      recordAudit(tx, { actorId: input.staffId, action, entityType: "user", entityId: input.userId, detail: { reason: input.reason, ...detail } });
    switch (input.action) {
      case "suspend": {
        const { count } = await tx.user.updateMany({ where: { id: input.userId, status: PERSON_STATUS.active }, data: { status: PERSON_STATUS.suspended } });
        if (count !== 1) return { ok: false as const, reason: "not-allowed" as const };
        const ended = await tx.session.deleteMany({ where: { userId: input.userId } });
        await audit("person.suspend", { sessions: ended.count });
        return { ok: true as const };
      }
      case "unsuspend": {
        const { count } = await tx.user.updateMany({ where: { id: input.userId, status: PERSON_STATUS.suspended }, data: { status: PERSON_STATUS.active } });
        if (count !== 1) return { ok: false as const, reason: "not-allowed" as const };
        await audit("person.unsuspend", {});
        return { ok: true as const };
      }
      case "logout-everywhere": {
        const ended = await tx.session.deleteMany({ where: { userId: input.userId } });
        await audit("person.logout-everywhere", { sessions: ended.count });
        return { ok: true as const };
      }
    }
  });
}

/** A unique address that can never receive mail (RFC 2606 ".invalid"), for a person registered without email. */
function placeholderEmail(): string {
  return `proxy-${crypto.randomBytes(12).toString("hex")}@${PLACEHOLDER_EMAIL_DOMAIN}`;
}

export type ProxyRegistrationResult = { ok: true; userId: number } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * 代理登録: staff create the record of a resident who phoned or came to the counter, with how and when they agreed
 * to the privacy notice. The address (when given) stays unproven until the person signs up with it and enters the
 * code sent there (the claim, see accounts.server.ts); until then the record has no password and cannot sign in.
 * Consent given on a day before today is dated that day (00:00 Tokyo); given today, it is dated now.
 */
export async function registerPerson(input: ProxyRegistrationInput, staffId: number, now = new Date()): Promise<ProxyRegistrationResult> {
  if (input.areaId !== null && (await prisma.area.count({ where: { id: input.areaId } })) === 0) return { ok: false, fieldErrors: { areaId: ["errors.invalidChoice"] } };
  if (input.email && (await prisma.user.count({ where: { email: input.email } })) > 0) return { ok: false, fieldErrors: { email: ["people.errors.emailTaken"] } };
  const consentDay = parseTokyoDate(input.consentDate)!;
  const grantedAt = input.consentDate === tokyoDateKey(now) ? now : consentDay;
  try {
    const userId = await prisma.$transaction(async (tx) => {
      const resident = await tx.role.findUniqueOrThrow({ where: { name: "resident" }, select: { id: true } });
      const user = await tx.user.create({
        data: {
          email: input.email || placeholderEmail(),
          name: input.name,
          nameKana: input.nameKana,
          locale: input.locale,
          registeredById: staffId,
          roles: { create: { roleId: resident.id } },
          profile: { create: { phone: input.phone, postalCode: input.postalCode, postalAddress: input.postalAddress, areaId: input.areaId } },
          consents: { create: { kind: "privacy-notice", version: PRIVACY_NOTICE_VERSION, method: input.consentMethod, recordedById: staffId, grantedAt } },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: staffId,
        action: "person.proxy-registered",
        entityType: "user",
        entityId: user.id,
        detail: { consentMethod: input.consentMethod, consentDate: input.consentDate, withEmail: Boolean(input.email) },
      });
      return user.id;
    });
    return { ok: true, userId };
  } catch (error) {
    // Someone took the address between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, fieldErrors: { email: ["people.errors.emailTaken"] } };
    throw error;
  }
}

/** Shifts and event dates staff can apply or register a person for: public, open, still ahead (200 of each at most). */
export async function participationChoices(now = new Date()) {
  const [shifts, dates] = await Promise.all([
    prisma.shift.findMany({
      where: { AND: [publicShiftWhere(), { status: SHIFT_STATUS_OPEN, OR: [{ endsAt: null }, { startsAt: { gt: now } }] }] },
      select: { id: true, startsAt: true, endsAt: true, slots: true, acceptedCount: true, opening: { select: { title: true } } },
      orderBy: { startsAt: "asc" },
      take: 200,
    }),
    prisma.eventDate.findMany({
      where: { AND: [publicEventDateWhere(), { status: { in: [...DATE_STATUSES_OPEN_FOR_REGISTRATION] }, startsAt: { gt: now }, event: { registrationRequired: true } }] },
      select: { id: true, startsAt: true, endsAt: true, capacity: true, registeredCount: true, event: { select: { title: true } } },
      orderBy: { startsAt: "asc" },
      take: 200,
    }),
  ]);
  return {
    shifts: shifts.map((s) => ({
      id: s.id,
      title: s.opening.title,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt?.toISOString() ?? null,
      left: s.slots === null ? null : Math.max(0, s.slots - s.acceptedCount),
    })),
    // Each date carries its own capacity (the event's, copied when the dates are made); null is no limit.
    dates: dates.map((d) => ({
      id: d.id,
      title: d.event.title,
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
      left: d.capacity === null ? null : Math.max(0, d.capacity - d.registeredCount),
    })),
  };
}

export type TakePartRefusal = ParticipationRefusal | "person-not-active";
type TakePartResult = { ok: true; status: string } | { ok: false; reason: TakePartRefusal };

async function activePerson(userId: number) {
  const person = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, name: true, locale: true, status: true } });
  return person?.status === PERSON_STATUS.active ? person : null;
}

/**
 * Staff apply to a shift for the person, who consented (by phone or at the counter) to their contact details going
 * to the group. The participation domain's own command does it, with `enteredById`: the same capacity rules, the
 * same confirmation email (only to a real address), counted like any application. Audited.
 */
export async function applyForPerson(input: { userId: number; staffId: number; shiftId: number; message: string }): Promise<TakePartResult> {
  const person = await activePerson(input.userId);
  if (!person) return { ok: false, reason: "person-not-active" };
  const result = await applyToShift({ userId: input.userId, shiftId: input.shiftId, consent: true, message: input.message, resident: person, enteredById: input.staffId });
  if (!result.ok) return result;
  await recordAudit(prisma, {
    actorId: input.staffId,
    action: "person.shift-applied",
    entityType: "user",
    entityId: input.userId,
    detail: { applicationId: result.applicationId, shiftId: input.shiftId, status: result.status },
  });
  return { ok: true, status: result.status };
}

/** Staff register the person (and their party) for an event date, as applyForPerson does for shifts. */
export async function registerPersonForDate(input: { userId: number; staffId: number; eventDateId: number; partySize: number }): Promise<TakePartResult> {
  const person = await activePerson(input.userId);
  if (!person) return { ok: false, reason: "person-not-active" };
  const result = await registerForEventDate({ userId: input.userId, eventDateId: input.eventDateId, partySize: input.partySize, consent: true, resident: person, enteredById: input.staffId });
  if (!result.ok) return result;
  await recordAudit(prisma, {
    actorId: input.staffId,
    action: "person.date-registered",
    entityType: "user",
    entityId: input.userId,
    detail: { registrationId: result.registrationId, eventDateId: input.eventDateId, partySize: input.partySize, status: result.status },
  });
  return { ok: true, status: result.status };
}
