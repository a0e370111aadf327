import { stringify } from "csv-stringify/sync";
import { Prisma } from "~/generated/prisma/client";
import { WRITE_TX, prisma, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { shownAddress } from "~/modules/email/undeliverable";
import { recordAudit } from "~/modules/audit/audit.server";
import { formatRange } from "~/utils/dates";
import { invalidatePublicCache } from "~/utils/cache.server";
import { neutralizeFormula } from "~/utils/csv";
import { QUEUE_ORDER, acceptApplication, shiftSlots } from "./capacity.server";
import { APPLICATION_STATUS, ATTENDANCE_STATUSES, LIVE_APPLICATION_STATUSES, LIVE_REGISTRATION_STATUSES, REGISTRATION_STATUS, UNDECIDED_APPLICATION_STATUSES } from "./status";

// The organiser's side of applications. Every query is scoped by groupId (from requireWorkspace), so another
// group's application id is simply not found. Contact details are shown only where the resident consented.

async function shiftOfGroup(groupId: number, openingId: number) {
  return prisma.opening.findFirst({
    where: { id: openingId, groupId },
    select: {
      id: true,
      title: true,
      needsApproval: true,
      shifts: {
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          slots: true,
          acceptedCount: true,
          applications: {
            orderBy: QUEUE_ORDER,
            select: {
              id: true,
              status: true,
              message: true,
              hours: true,
              hoursVerifiedAt: true,
              consentToShareContact: true,
              createdAt: true,
              user: { select: { name: true, email: true, profile: { select: { phone: true } } } },
            },
          },
        },
      },
    },
  });
}

/**
 * Applicants per shift. Name always; email, phone and message only with the resident's consent and only when the
 * group may see contacts (`contacts`: approved groups, see canActForGroup); deleted accounts anonymous.
 */
export async function listApplicants(groupId: number, openingId: number, { contacts }: { contacts: boolean }) {
  const opening = await shiftOfGroup(groupId, openingId);
  if (!opening) return null;
  return {
    id: opening.id,
    title: opening.title,
    needsApproval: opening.needsApproval,
    shifts: opening.shifts.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt?.toISOString() ?? null,
      slots: s.slots,
      acceptedCount: s.acceptedCount,
      applications: s.applications.map((a) => ({
        id: a.id,
        status: a.status,
        message: contacts ? a.message : "",
        hours: a.hours,
        hoursVerified: Boolean(a.hoursVerifiedAt),
        name: a.user?.name ?? null,
        email: contacts && a.consentToShareContact ? shownAddress(a.user?.email) : null,
        phone: contacts && a.consentToShareContact ? a.user?.profile?.phone || null : null,
        contactShared: contacts && a.consentToShareContact,
      })),
    })),
  };
}

/** What an organiser decides on an application; the last two are also the statuses they record. */
/**
 * What happens, inside the transaction that records it, when someone is first recorded as attended: the matching
 * feature's thank-you email with ways to continue (plan measure ⑥). The caller (a route) passes it in, so this domain
 * does not depend on a feature; without it attendance is recorded and nobody is emailed.
 */
export type AttendanceThanks = (input: {
  participation: { kind: "application" | "registration"; id: number };
  person: { id: number; email: string; name: string; locale: string };
  item: { kind: "opening" | "event"; id: number; title: string };
}) => Promise<(tx: Tx) => Promise<void>>;

export const APPLICANT_DECISIONS = ["accept", "decline", APPLICATION_STATUS.attended, APPLICATION_STATUS.noShow] as const;
export type ApplicantDecision = (typeof APPLICANT_DECISIONS)[number];

/**
 * Accept or decline an application (openings that need approval), or record attendance and hours after the shift.
 * Accepting takes a slot atomically; declining an accepted person frees one for the waitlist. Accepting someone
 * while others wait ahead of them is refused ("out-of-order", with who is ahead) unless the organiser confirmed it
 * (`outOfOrder`); then the audit entry names who accepted whom and whom they passed over.
 */
export async function decideApplication(
  input: { groupId: number; applicationId: number; decision: ApplicantDecision; hours?: number; staffUserId: number; outOfOrder?: boolean; thank?: AttendanceThanks },
  now = new Date(),
) {
  const app = await prisma.application.findFirst({
    where: { id: input.applicationId, shift: { opening: { groupId: input.groupId } } },
    select: {
      id: true,
      status: true,
      shiftId: true,
      queuedAt: true,
      userId: true,
      user: { select: { email: true, name: true, locale: true } },
      shift: { select: { startsAt: true, endsAt: true, opening: { select: { id: true, title: true } } } },
    },
  });
  if (!app) return { ok: false as const, reason: "not-found" as const };
  // The first time someone is recorded as attended, they are thanked, with ways to continue (plan measure ⑥).
  const thanks =
    input.thank && input.decision === APPLICATION_STATUS.attended && app.status !== APPLICATION_STATUS.attended && app.shift.startsAt <= now && app.user && app.userId
      ? await input.thank({ participation: { kind: "application", id: app.id }, person: { id: app.userId, ...app.user }, item: { kind: "opening", id: app.shift.opening.id, title: app.shift.opening.title } })
      : null;
  return prisma.$transaction(async (tx) => {
    let audit: { action: string; detail: Record<string, unknown> } = { action: `application.${input.decision}`, detail: { hours: input.hours ?? null } };
    if (input.decision === "accept") {
      if (!UNDECIDED_APPLICATION_STATUSES.includes(app.status)) return { ok: false as const, reason: "closed" as const };
      const accepted = await acceptApplication(tx, app, { outOfOrder: input.outOfOrder === true });
      if (!accepted.ok) return accepted;
      if (accepted.passedOver.length) {
        audit = { action: "application.accept-out-of-order", detail: { residentId: app.userId, passedOver: accepted.passedOver.map((a) => a.id) } };
      }
    } else if (input.decision === "decline") {
      if (!LIVE_APPLICATION_STATUSES.includes(app.status)) return { ok: false as const, reason: "closed" as const };
      await tx.application.update({ where: { id: app.id }, data: { status: APPLICATION_STATUS.declined } });
      if (app.status === APPLICATION_STATUS.accepted) await shiftSlots.release(tx, app.shiftId, 1, now);
      else if (app.status === APPLICATION_STATUS.waitlisted) await shiftSlots.promote(tx, app.shiftId, now);
    } else {
      // Attendance is recorded for people who were accepted, once the shift has started.
      if (!ATTENDANCE_STATUSES.includes(app.status)) return { ok: false as const, reason: "closed" as const };
      if (app.shift.startsAt > now) return { ok: false as const, reason: "not-yet" as const };
      const hours = input.decision === APPLICATION_STATUS.attended ? input.hours ?? null : null;
      await tx.application.update({
        where: { id: app.id },
        data: { status: input.decision, hours, hoursVerifiedAt: hours ? now : null, hoursVerifiedById: hours ? input.staffUserId : null },
      });
      await thanks?.(tx);
    }
    if ((input.decision === "accept" || input.decision === "decline") && app.user) {
      await enqueueEmail(tx, {
        to: app.user.email,
        locale: app.user.locale,
        template: "application-decided",
        vars: {
          name: app.user.name,
          title: app.shift.opening.title,
          when: app.shift.endsAt ? formatRange(app.shift.startsAt, app.shift.endsAt, app.user.locale) : "",
          status: input.decision === "accept" ? APPLICATION_STATUS.accepted : APPLICATION_STATUS.declined,
          link: appUrl(`/volunteer/${app.shift.opening.id}`),
        },
        idempotencyKey: `application-decided/${app.id}/${input.decision}`,
      });
    }
    await recordAudit(tx, { actorId: input.staffUserId, action: audit.action, entityType: "application", entityId: app.id, detail: audit.detail });
    return { ok: true as const };
  }, WRITE_TX).then((r) => {
    invalidatePublicCache([`opening:${app.shift.opening.id}`], "counts");
    return r;
  });
}

/** Spreadsheet tools run cells starting with = + - @ (or a tab/CR) as formulas: make them plain text. */
export { neutralizeFormula };

/** CSV of an opening's applicants for Excel: UTF-8 with BOM, CRLF, formulas neutralised, contacts only with consent. */
export async function applicantsCsv(groupId: number, openingId: number, t: (key: string) => string, locale: string) {
  const data = await listApplicants(groupId, openingId, { contacts: true });
  if (!data) return null;
  const rows = data.shifts.flatMap((s) =>
    s.applications.map((a) => [
      s.endsAt ? formatRange(new Date(s.startsAt), new Date(s.endsAt), locale) : t("opening.ongoing"),
      a.name ?? t("manageApplicants.deletedAccount"),
      a.email ?? "",
      a.phone ?? "",
      t(`participation.status.${a.status}`),
      a.hours == null ? "" : String(a.hours),
      a.message,
    ]),
  );
  const header = ["shift", "name", "email", "phone", "status", "hours", "message"].map((k) => t(`manageApplicants.csv.${k}`));
  const body = stringify([header, ...rows].map((r) => r.map((v) => neutralizeFormula(String(v)))), { record_delimiter: "\r\n" });
  return { filename: `applicants-${openingId}.csv`, body: `\uFEFF${body}` };
}

/** Dates of an event with their registrations, for the organiser (contacts only with consent, as for applicants). */
export async function listRegistrants(groupId: number, eventId: number, { contacts }: { contacts: boolean }, now = new Date()) {
  const event = await prisma.event.findFirst({
    where: { id: eventId, groupId },
    select: {
      id: true,
      title: true,
      dates: {
        where: { endsAt: { gte: new Date(now.getTime() - 30 * 86400_000) } },
        orderBy: { startsAt: "asc" },
        take: 60,
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          status: true,
          capacity: true,
          registeredCount: true,
          registrations: {
            where: { status: { not: REGISTRATION_STATUS.withdrawn } },
            orderBy: QUEUE_ORDER,
            select: { id: true, status: true, partySize: true, consentToShareContact: true, user: { select: { name: true, email: true, profile: { select: { phone: true } } } } },
          },
        },
      },
    },
  });
  if (!event) return null;
  return {
    id: event.id,
    title: event.title,
    dates: event.dates.map((d) => ({
      id: d.id,
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
      status: d.status,
      capacity: d.capacity,
      registeredCount: d.registeredCount,
      past: d.startsAt <= now,
      registrations: d.registrations.map((r) => ({
        id: r.id,
        status: r.status,
        partySize: r.partySize,
        name: r.user?.name ?? null,
        email: contacts && r.consentToShareContact ? shownAddress(r.user?.email) : null,
        phone: contacts && r.consentToShareContact ? r.user?.profile?.phone || null : null,
        contactShared: contacts && r.consentToShareContact,
      })),
    })),
  };
}

/**
 * What cancelling a date would do, for the confirmation an organiser sees first: the date, and how many
 * registrations (and people, parties counted) will be told by email. Null when the date is not the group's or can
 * no longer be cancelled.
 */
export async function previewEventDateCancellation(groupId: number, eventId: number, eventDateId: number, now = new Date()) {
  const date = await prisma.eventDate.findFirst({
    where: { id: eventDateId, eventId, event: { groupId } },
    select: { id: true, status: true, startsAt: true, endsAt: true, registrations: { where: { status: { in: [...LIVE_REGISTRATION_STATUSES] }, userId: { not: null } }, select: { partySize: true } } },
  });
  if (!date || date.status === "cancelled" || date.startsAt <= now) return null;
  return {
    id: date.id,
    startsAt: date.startsAt.toISOString(),
    endsAt: date.endsAt.toISOString(),
    registrations: date.registrations.length,
    people: date.registrations.reduce((sum, r) => sum + r.partySize, 0),
  };
}

/**
 * Cancels one date of an event (e.g. the teacher is ill), after the organiser confirmed on the preview above:
 * registrants are told by email, with the reason when one was written; the row stays.
 */
export async function cancelEventDate(input: { groupId: number; eventDateId: number; note: string; staffUserId: number }, now = new Date()) {
  const date = await prisma.eventDate.findFirst({ where: { id: input.eventDateId, event: { groupId: input.groupId } }, select: { id: true, status: true, startsAt: true, eventId: true } });
  if (!date) return { ok: false as const, reason: "not-found" as const };
  if (date.status === "cancelled" || date.startsAt <= now) return { ok: false as const, reason: "closed" as const };
  const told = await prisma.$transaction(async (tx) => {
    await tx.eventDate.update({ where: { id: date.id }, data: { status: "cancelled", note: input.note } });
    const { notifyDateCancelled } = await import("./notifications.server");
    const count = await notifyDateCancelled(tx, date.id, input.note, now);
    await recordAudit(tx, { actorId: input.staffUserId, action: "event.date-cancelled", entityType: "event", entityId: date.eventId, detail: { eventDateId: date.id, told: count } });
    return count;
  }, WRITE_TX);
  // The date stays listed, marked cancelled (and leaves lists of dates with places left); feeds and calendar files
  // mark it too, so this is a change in what the event says, not only in its counts.
  invalidatePublicCache([`event:${date.eventId}`]);
  return { ok: true as const, told };
}

/** Attendance for an event registration, after the date has started. */
export async function recordRegistrationAttendance(input: { groupId: number; registrationId: number; attended: boolean; staffUserId: number; thank?: AttendanceThanks }, now = new Date()) {
  const reg = await prisma.registration.findFirst({
    where: { id: input.registrationId, eventDate: { event: { groupId: input.groupId } } },
    select: {
      id: true,
      status: true,
      userId: true,
      user: { select: { email: true, name: true, locale: true } },
      eventDate: { select: { startsAt: true, event: { select: { id: true, title: true } } } },
    },
  });
  if (!reg) return { ok: false as const, reason: "not-found" as const };
  if (!ATTENDANCE_STATUSES.includes(reg.status)) return { ok: false as const, reason: "closed" as const };
  if (reg.eventDate.startsAt > now) return { ok: false as const, reason: "not-yet" as const };
  const thanks =
    input.thank && input.attended && reg.status !== REGISTRATION_STATUS.attended && reg.user && reg.userId
      ? await input.thank({ participation: { kind: "registration", id: reg.id }, person: { id: reg.userId, ...reg.user }, item: { kind: "event", id: reg.eventDate.event.id, title: reg.eventDate.event.title } })
      : null;
  await prisma.$transaction(async (tx) => {
    await tx.registration.update({ where: { id: reg.id }, data: { status: input.attended ? REGISTRATION_STATUS.attended : REGISTRATION_STATUS.noShow } });
    await thanks?.(tx);
    await recordAudit(tx, { actorId: input.staffUserId, action: input.attended ? "registration.attended" : "registration.no-show", entityType: "registration", entityId: reg.id });
  }, WRITE_TX);
  return { ok: true as const };
}

/**
 * An organiser's list of who takes part, with residents' contact details only for members who may see them; seeing
 * them is recorded (APPI; SECURITY.md row 36). Null when the item is not the group's (nothing is recorded then).
 */
export async function viewParticipants<T>(
  viewer: { memberId: number; contacts: boolean },
  viewed: { action: string; entityType: string; entityId: number },
  list: (options: { contacts: boolean }) => Promise<T | null>,
): Promise<T | null> {
  const participants = await list({ contacts: viewer.contacts });
  if (participants && viewer.contacts) await recordAudit(prisma, { actorId: viewer.memberId, ...viewed });
  return participants;
}

export type SignupCounts = {
  /** Applications waiting for the group's decision, per opening. */
  pendingByOpening: Map<number, number>;
  /** Live registrations for dates still to come, per event. */
  upcomingByEvent: Map<number, number>;
  /** The same two, summed per group. */
  byGroup: Map<number, { pending: number; upcoming: number }>;
};

/** What waits for the organisers of these groups, for the workspace lists: two grouped counts, whatever the size. */
export async function countSignups(groupIds: number[], now = new Date()): Promise<SignupCounts> {
  const counts: SignupCounts = { pendingByOpening: new Map(), upcomingByEvent: new Map(), byGroup: new Map() };
  if (!groupIds.length) return counts;
  const groups = Prisma.join(groupIds);
  const [pending, upcoming] = await Promise.all([
    prisma.$queryRaw<{ id: number; groupId: number; n: number | bigint }[]>`
      SELECT o."id", o."groupId", COUNT(*) AS "n"
      FROM "Application" a JOIN "Shift" s ON s."id" = a."shiftId" JOIN "Opening" o ON o."id" = s."openingId"
      WHERE o."groupId" IN (${groups}) AND a."status" = ${APPLICATION_STATUS.applied}
      GROUP BY o."id", o."groupId"`,
    prisma.$queryRaw<{ id: number; groupId: number; n: number | bigint }[]>`
      SELECT e."id", e."groupId", COUNT(*) AS "n"
      FROM "Registration" r JOIN "EventDate" d ON d."id" = r."eventDateId" JOIN "Event" e ON e."id" = d."eventId"
      WHERE e."groupId" IN (${groups}) AND r."status" IN (${Prisma.join([...LIVE_REGISTRATION_STATUSES])}) AND d."startsAt" > ${now}
      GROUP BY e."id", e."groupId"`,
  ]);
  const group = (id: number) => counts.byGroup.get(id) ?? { pending: 0, upcoming: 0 };
  for (const row of pending) {
    counts.pendingByOpening.set(row.id, Number(row.n));
    counts.byGroup.set(row.groupId, { ...group(row.groupId), pending: group(row.groupId).pending + Number(row.n) });
  }
  for (const row of upcoming) {
    counts.upcomingByEvent.set(row.id, Number(row.n));
    counts.byGroup.set(row.groupId, { ...group(row.groupId), upcoming: group(row.groupId).upcoming + Number(row.n) });
  }
  return counts;
}
