import { stringify } from "csv-stringify/sync";
import { WRITE_TX, prisma } from "~/utils/db.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { appUrl } from "~/modules/email/templates.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { formatRange } from "~/utils/dates";
import { invalidatePublicCache } from "~/utils/cache.server";
import { promoteFromShiftWaitlist } from "./participation.server";

// The organiser's side of applications. Every query is scoped by groupId (from requireGroupRole), so another
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
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
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

/** Applicants per shift. Name always; email and phone only with the resident's consent; deleted accounts anonymous. */
export async function listApplicants(groupId: number, openingId: number) {
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
        message: a.message,
        hours: a.hours,
        hoursVerified: Boolean(a.hoursVerifiedAt),
        name: a.user?.name ?? null,
        email: a.consentToShareContact ? (a.user?.email ?? null) : null,
        phone: a.consentToShareContact ? a.user?.profile?.phone || null : null,
      })),
    })),
  };
}

export type ApplicantDecision = "accept" | "decline" | "attended" | "no-show";

/**
 * Accept or decline an application (openings that need approval), or record attendance and hours after the shift.
 * Accepting takes a slot atomically; declining an accepted person frees one for the waitlist.
 */
export async function decideApplication(input: { groupId: number; applicationId: number; decision: ApplicantDecision; hours?: number; staffUserId: number }, now = new Date()) {
  const app = await prisma.application.findFirst({
    where: { id: input.applicationId, shift: { opening: { groupId: input.groupId } } },
    select: {
      id: true,
      status: true,
      shiftId: true,
      user: { select: { email: true, name: true, locale: true } },
      shift: { select: { startsAt: true, endsAt: true, opening: { select: { id: true, title: true } } } },
    },
  });
  if (!app) return { ok: false as const, reason: "not-found" as const };
  return prisma.$transaction(async (tx) => {
    if (input.decision === "accept") {
      if (!["applied", "waitlisted"].includes(app.status)) return { ok: false as const, reason: "closed" as const };
      const took = await tx.$executeRaw`
        UPDATE "Shift" SET "acceptedCount" = "acceptedCount" + 1
        WHERE "id" = ${app.shiftId} AND ("slots" IS NULL OR "acceptedCount" < "slots")`;
      if (took !== 1) return { ok: false as const, reason: "full" as const };
      await tx.application.update({ where: { id: app.id }, data: { status: "accepted" } });
    } else if (input.decision === "decline") {
      if (!["applied", "waitlisted", "accepted"].includes(app.status)) return { ok: false as const, reason: "closed" as const };
      await tx.application.update({ where: { id: app.id }, data: { status: "declined" } });
      if (app.status === "accepted") {
        await tx.$executeRaw`UPDATE "Shift" SET "acceptedCount" = "acceptedCount" - 1 WHERE "id" = ${app.shiftId} AND "acceptedCount" > 0`;
        await promoteFromShiftWaitlist(tx, app.shiftId, now);
      }
    } else {
      // Attendance is recorded for people who were accepted, once the shift has started.
      if (!["accepted", "attended", "no-show"].includes(app.status)) return { ok: false as const, reason: "closed" as const };
      if (app.shift.startsAt > now) return { ok: false as const, reason: "not-yet" as const };
      const hours = input.decision === "attended" ? input.hours ?? null : null;
      await tx.application.update({
        where: { id: app.id },
        data: { status: input.decision, hours, hoursVerifiedAt: hours ? now : null, hoursVerifiedById: hours ? input.staffUserId : null },
      });
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
          status: input.decision === "accept" ? "accepted" : "declined",
          link: appUrl(`/volunteer/${app.shift.opening.id}`),
        },
        idempotencyKey: `application-decided/${app.id}/${input.decision}`,
      });
    }
    await recordAudit(tx, { actorId: input.staffUserId, action: `application.${input.decision}`, entityType: "application", entityId: app.id, detail: { hours: input.hours ?? null } });
    return { ok: true as const };
  }, WRITE_TX).then((r) => {
    invalidatePublicCache();
    return r;
  });
}

/** Spreadsheet tools run cells starting with = + - @ (or a tab/CR) as formulas: make them plain text. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV of an opening's applicants for Excel: UTF-8 with BOM, CRLF, formulas neutralised, contacts only with consent. */
export async function applicantsCsv(groupId: number, openingId: number, t: (key: string) => string, locale: string) {
  const data = await listApplicants(groupId, openingId);
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
