import { shiftSlots } from "~/modules/participation/capacity.server";
import { notifyShiftChanges } from "~/modules/participation/notifications.server";
import type { Prisma } from "~/generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { indexItem } from "~/modules/search/documents.server";
import { COMMON_FORM_SELECT, commonData, commonFormValues, taxonomyLinks } from "~/modules/forms/common-columns.server";
import { startOfTokyoDay, tokyoDateKey, tokyoSlot } from "~/utils/dates";
import { areaOrPlaceArea } from "~/modules/places/queries.server";
import { tokyoInstant, tokyoTime } from "~/modules/schedule/months";
import { checkChoices } from "~/modules/taxonomy/choices.server";
import type { SaveResult } from "~/modules/publishing/status";
import { filledShifts, type OpeningInput } from "~/modules/volunteering/schemas";
import { type SaveIntent } from "~/modules/publishing/status";
import { NEW_ITEM_STATUS } from "~/modules/publishing/status";
import { submitAfterSave, transitionItem } from "~/modules/publishing/transitions.server";
import type { SaveOptions } from "~/modules/places/commands.server";
import { holds, reviewedChanges, withoutHeld, type HeldChange } from "~/modules/publishing/edit-policy";
import { recordHeldChanges } from "~/modules/publishing/revisions.server";
import { ITEM_STATUS } from "~/modules/publishing/visibility";

// A group's ボランティア募集 with 1–4 dated shifts, or "ongoing" with one open-ended shift that holds the
// applications. Every query carries { id, groupId } (shifts: { id, openingId }).
//
// Like events, a shift people applied to is never deleted: taking it off cancels it, and moving it keeps the
// applications on the row. Such shifts are recorded as "opening.shifts-changed" in the audit log and their
// applicants are emailed (participation's notifyShiftChanges, in the same transaction).


const formSelect = {
  id: true,
  status: true,
  title: true,
  titleKana: true,
  summary: true,
  description: true,
  purpose: true,
  placeId: true,
  areaId: true,
  participationMode: true,
  venueName: true,
  venueAddress: true,
  skills: true,
  minAge: true,
  insuranceRequired: true,
  needsApproval: true,
  ongoing: true,
  schoolFriendly: true,
  applyBy: true,
  ...COMMON_FORM_SELECT,
} as const;

const shiftSelect = { id: true, startsAt: true, endsAt: true, slots: true, acceptedCount: true, status: true, _count: { select: { applications: true } } } as const;

/** Shifts an organiser can still change: open ones from today on (and the open-ended one). */
function editableShifts(openingId: number, now: Date): Prisma.ShiftWhereInput {
  return { openingId, status: "open", OR: [{ startsAt: { gte: startOfTokyoDay(now) } }, { endsAt: null }] };
}

export async function getGroupOpening(groupId: number, id: number, now = new Date()) {
  const row = await prisma.opening.findFirst({ where: { id, groupId }, select: formSelect });
  if (!row) return null;
  const shifts = await prisma.shift.findMany({ where: editableShifts(id, now), select: shiftSelect, orderBy: { startsAt: "asc" } });
  const openEnded = shifts.find((s) => s.endsAt === null);
  const dated = shifts.filter((s) => s.endsAt !== null);
  return {
    ...commonFormValues(row),
    applyBy: row.applyBy ? tokyoDateKey(row.applyBy) : "",
    ongoingSlots: openEnded?.slots ?? null,
    shifts: dated.map((s) => ({
      id: s.id,
      date: tokyoDateKey(s.startsAt),
      start: tokyoTime(s.startsAt),
      end: tokyoTime(s.endsAt!),
      slots: s.slots,
      acceptedCount: s.acceptedCount,
      applications: s._count.applications,
    })),
  };
}
/** Deleted when nobody applied (checked in the same statement), cancelled otherwise. Returns true when cancelled. */
async function takeOffShift(tx: Tx, shiftId: number): Promise<boolean> {
  const deleted = await tx.shift.deleteMany({ where: { id: shiftId, applications: { none: {} } } });
  if (deleted.count === 1) return false;
  await tx.shift.update({ where: { id: shiftId }, data: { status: "cancelled" }, select: { id: true } });
  return true;
}

function deadline(date: string): Date | null {
  // "Apply by 3/31" means until the end of that Tokyo day.
  return date ? new Date(tokyoInstant(date, "23:59").getTime() + 59_000) : null;
}

/** The public version's values that the edit policy compares (publishing/edit-policy.ts). */
const reviewedSelect = {
  title: true,
  titleKana: true,
  description: true,
  purpose: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  placeId: true,
  areaId: true,
  venueName: true,
  venueAddress: true,
  ongoing: true,
  applyBy: true,
  audiences: { select: { id: true } },
} as const;

/** Dated shifts as the schedule compares them: day and times, in order (slots are not the schedule). */
const shiftTimes = (rows: { date: string; start: string; end: string }[]) =>
  rows.map((r) => `${r.date} ${r.start}-${r.end}`).sort();

/**
 * Creates or updates an opening of the group and its shifts. On a published opening, changes to reviewed fields
 * (edit-policy.ts: title, description and purpose, contact, venue, audiences, schedule) are held for staff while
 * the rest is saved; a held schedule leaves the shifts as they are until staff approve.
 */
export async function saveOpening(
  groupId: number,
  actorId: number,
  id: number | null,
  input: OpeningInput,
  intent: SaveIntent,
  now = new Date(),
  options: SaveOptions = {},
): Promise<SaveResult & { changedShiftIds?: number[] }> {
  const existing = id === null ? null : await prisma.opening.findFirst({ where: { id, groupId }, select: { status: true, ...reviewedSelect } });
  if (id !== null && !existing) return { ok: false, fieldErrors: { "": ["manage.errors.notFound"] } };
  const fieldErrors = await checkChoices(groupId, input);

  // Shift ids come from hidden fields: each must be an editable shift of this very opening.
  const current = id === null ? [] : await prisma.shift.findMany({ where: editableShifts(id, now), select: shiftSelect });
  const byId = new Map(current.map((s) => [s.id, s]));
  input.shifts.forEach((row, i) => {
    if (!row?.id) return;
    const found = byId.get(row.id);
    if (!found || found.endsAt === null) fieldErrors[`shifts[${i}].date`] = ["errors.invalidChoice"];
    else if (!row.remove && row.slots !== null && row.slots < found.acceptedCount) fieldErrors[`shifts[${i}].slots`] = ["manage.errors.slotsBelowAccepted"];
  });
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  // Saving never changes the status; "submit" takes the submit step afterwards (publishing/transitions.server.ts).
  const data = {
    title: input.title,
    titleKana: input.titleKana,
    summary: input.summary,
    description: input.description,
    purpose: input.purpose,
    placeId: input.placeId,
    areaId: await areaOrPlaceArea(groupId, input.areaId, input.placeId),
    participationMode: input.participationMode,
    venueName: input.venueName,
    venueAddress: input.venueAddress,
    skills: input.skills,
    minAge: input.minAge,
    insuranceRequired: input.insuranceRequired,
    needsApproval: input.needsApproval,
    ongoing: input.ongoing,
    ...commonData(input),
    schoolFriendly: input.schoolFriendly,
    applyBy: deadline(input.applyBy),
  };
  const { connect, links } = taxonomyLinks(input);

  const reviewing = existing?.status === ITEM_STATUS.published && !options.reviewed;
  let held: HeldChange[] = [];
  if (existing && reviewing) {
    const dated = current.filter((s) => s.endsAt !== null).map((s) => ({ date: tokyoDateKey(s.startsAt), start: tokyoTime(s.startsAt), end: tokyoTime(s.endsAt!) }));
    held = reviewedChanges(
      "opening",
      { ...existing, audienceIds: existing.audiences.map((a) => a.id), shifts: existing.ongoing ? [] : shiftTimes(dated) },
      { ...data, audienceIds: input.audienceIds, shifts: input.ongoing ? [] : shiftTimes(filledShifts(input.shifts).map(({ row }) => row)) },
    );
  }
  const live = withoutHeld("opening", data, held);
  const liveLinks = holds(held, "audiences") ? { categories: links.categories } : links;
  // A held schedule: the shifts stay those of the public version until staff approve.
  const keepShifts = holds(held, "schedule");

  const openingId = await prisma.$transaction(async (tx) => {
    const openingId =
      id === null
        ? (await tx.opening.create({ data: { ...data, status: NEW_ITEM_STATUS, groupId, ...connect }, select: { id: true } })).id
        : (await tx.opening.update({ where: { id, groupId }, data: { ...live, ...liveLinks }, select: { id: true } })).id;
    if (reviewing) await recordHeldChanges(tx, { kind: "opening", id: openingId, groupId, actorId }, held, input);
    const changed: number[] = [];
    const takeOff = async (shiftId: number) => {
      if (await takeOffShift(tx, shiftId)) changed.push(shiftId);
    };
    if (keepShifts) {
      // Nothing to do here: the shifts change when staff approve the held schedule (the form is replayed then).
    } else if (input.ongoing) {
      const openEnded = current.find((s) => s.endsAt === null);
      if (openEnded) {
        await tx.shift.update({ where: { id: openEnded.id }, data: { slots: input.ongoingSlots }, select: { id: true } });
        await shiftSlots.promote(tx, openEnded.id, now);
      }
      else await tx.shift.create({ data: { openingId, startsAt: now, endsAt: null, slots: input.ongoingSlots, ...tokyoSlot(now) } });
      for (const s of current) if (s.endsAt !== null) await takeOff(s.id);
    } else {
      for (const s of current) if (s.endsAt === null) await takeOff(s.id);
      for (const row of input.shifts) if (row?.id && row.remove) await takeOff(row.id);
      for (const { row } of filledShifts(input.shifts)) {
        const startsAt = tokyoInstant(row.date, row.start);
        const shift = { startsAt, endsAt: tokyoInstant(row.date, row.end), slots: row.slots, ...tokyoSlot(startsAt) };
        if (row.id) {
          const before = byId.get(row.id)!;
          await tx.shift.update({ where: { id: row.id, openingId }, data: shift, select: { id: true } });
          // More slots, or a moved shift: whatever is free goes to the people waiting longest (and an email).
          await shiftSlots.promote(tx, row.id, now);
          if (before._count.applications > 0 && (before.startsAt.getTime() !== shift.startsAt.getTime() || before.endsAt?.getTime() !== shift.endsAt.getTime())) {
            changed.push(row.id);
          }
        } else {
          await tx.shift.create({ data: { openingId, ...shift } });
        }
      }
    }
    if (changed.length) {
      await recordAudit(tx, { actorId, action: "opening.shifts-changed", entityType: "opening", entityId: openingId, detail: { shiftIds: changed } });
      await notifyShiftChanges(tx, changed, now);
    }
    return openingId;
  });
  await indexItem("opening", openingId);
  const status = await submitAfterSave("opening", openingId, intent, existing?.status ?? NEW_ITEM_STATUS, { actorId, groupId, now });
  return { ok: true, id: openingId, status };
}

/** archive | withdraw (pending → draft). Returns false when the opening is not the group's or the change is not allowed. */
export async function changeOpeningStatus(groupId: number, actorId: number, id: number, action: "archive" | "withdraw"): Promise<boolean> {
  return (await transitionItem("opening", id, action, { actorId, groupId })).ok;
}
