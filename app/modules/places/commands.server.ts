import { prisma } from "~/utils/db.server";
import type { SaveResult } from "~/modules/publishing/status";
import { indexItemWithDependents } from "~/modules/search/documents.server";
import { scheduleSlots } from "~/modules/schedule/describe";
import { COMMON_FORM_SELECT, commonData, commonFormValues, taxonomyLinks } from "~/modules/forms/common-columns.server";
import { checkChoices } from "~/modules/taxonomy/choices.server";
import { buildRule, controlsOf } from "~/modules/schedule/rule-controls";
import type { PlaceInput } from "~/modules/places/schemas";
import { NEW_ITEM_STATUS, type SaveIntent } from "~/modules/publishing/status";
import { submitAfterSave, transitionItem } from "~/modules/publishing/transitions.server";
import { holds, reviewedChanges, withoutHeld } from "~/modules/publishing/edit-policy";
import { recordHeldChanges } from "~/modules/publishing/revisions.server";
import { ITEM_STATUS } from "~/modules/publishing/visibility";
import { feeColumns } from "~/modules/fees/fee";
import { reachOfEdit } from "~/modules/publishing/edit-reach";

// A group's 居場所: create, edit, submit for review, archive. Every query carries { id, groupId }, so another
// group's place id is simply not found (404), never an oracle.

const formSelect = {
  id: true,
  status: true,
  name: true,
  nameKana: true,
  typeId: true,
  summary: true,
  description: true,
  areaId: true,
  address: true,
  showAreaOnly: true,
  access: true,
  parking: true,
  feeKind: true,
  fee: true,
  feeFreeFor: true,
  feeNote: true,
  bookingRequired: true,
  bookingNote: true,
  mealsProvided: true,
  transportOffered: true,
  wheelchairAccess: true,
  accessibleToilet: true,
  barrierFreeNote: true,
  website: true,
  scheduleRule: true,
  scheduleStart: true,
  scheduleEnd: true,
  skipHolidays: true,
  scheduleNote: true,
  ...COMMON_FORM_SELECT,
} as const;

export async function getGroupPlace(groupId: number, id: number) {
  const row = await prisma.place.findFirst({ where: { id, groupId }, select: formSelect });
  if (!row) return null;
  return {
    ...commonFormValues(row),
    controls: controlsOf(row.scheduleRule),
  };
}
/**
 * A place's columns that no list of places filters or orders on: what its pages say and search reads. An edit that
 * changes only these (and the confirmation date, which only the home page orders by) leaves every list of places
 * holding the same places in the same order (publishing/edit-reach.ts). Not here: the area, type, fees, schedule,
 * name reading (the order), the flags the filters read (beginners, meals, wheelchair, …), "area only".
 */
const PLACE_TEXT_COLUMNS: ReadonlySet<string> = new Set(["name", "summary", "description", "address", "access", "parking", "feeNote", "bookingNote", "barrierFreeNote", "scheduleNote", "website", "whatToBring", "contactName", "contactPhone", "contactEmail", "lastConfirmedAt"]);

/** The public version's values that the edit policy compares (publishing/edit-policy.ts). */
const reviewedSelect = {
  name: true,
  nameKana: true,
  description: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  address: true,
  areaId: true,
  showAreaOnly: true,
  website: true,
  feeKind: true,
  fee: true,
  feeFreeFor: true,
  scheduleRule: true,
  scheduleStart: true,
  scheduleEnd: true,
  skipHolidays: true,
  audiences: { select: { id: true } },
} as const;

export type SaveOptions = {
  /** Staff approved these changes (moderation replays the held form): nothing is held back again. */
  reviewed?: boolean;
};

/**
 * Creates (id null, as a draft) or updates a place of the group, then refreshes its search document; "submit" then
 * takes the submit step (publishing/transitions.server.ts), which is the only way its status changes here.
 * On a published place, changes to reviewed fields (edit-policy.ts) are held for staff while the rest is saved.
 */
export async function savePlace(
  groupId: number,
  actorId: number,
  id: number | null,
  input: PlaceInput,
  intent: SaveIntent,
  options: SaveOptions = {},
): Promise<SaveResult> {
  // Every column (and its categories and audiences), for the edit policy and for how far the edit reaches.
  const existing =
    id === null ? null : await prisma.place.findFirst({ where: { id, groupId }, include: { audiences: reviewedSelect.audiences, categories: { select: { id: true } } } });
  if (id !== null && !existing) return { ok: false, fieldErrors: { "": ["manage.errors.notFound"] } };
  const fieldErrors = await checkChoices(groupId, input);
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  const scheduleRule = buildRule(input, existing?.scheduleRule ?? "");
  const slots = scheduleSlots(scheduleRule, input.scheduleStart);
  const data = {
    name: input.name,
    nameKana: input.nameKana,
    typeId: input.typeId,
    summary: input.summary,
    description: input.description,
    areaId: input.areaId,
    address: input.address,
    showAreaOnly: input.showAreaOnly,
    access: input.access,
    parking: input.parking,
    ...feeColumns(input),
    feeNote: input.feeNote,
    bookingRequired: input.bookingRequired,
    bookingNote: input.bookingNote,
    mealsProvided: input.mealsProvided,
    transportOffered: input.transportOffered,
    wheelchairAccess: input.wheelchairAccess,
    accessibleToilet: input.accessibleToilet,
    barrierFreeNote: input.barrierFreeNote,
    ...commonData(input),
    website: input.website,
    scheduleRule,
    scheduleStart: input.scheduleStart,
    scheduleEnd: input.scheduleEnd,
    skipHolidays: scheduleRule ? input.skipHolidays : false,
    scheduleNote: input.scheduleNote,
    // The weekday and time-of-day filters compare these; a place without a rule matches neither.
    scheduleDays: slots.scheduleDays,
    scheduleMinute: scheduleRule ? slots.scheduleMinute : null,
    // Saving through the workspace is the group confirming its details (the 要確認 freshness check).
    lastConfirmedAt: new Date(),
  };
  const { connect, links } = taxonomyLinks(input);
  let placeId: number;
  let reach: "text" | "content" = "content";
  if (id === null || !existing) {
    const created = await prisma.place.create({ data: { ...data, status: NEW_ITEM_STATUS, groupId, ...connect }, select: { id: true } });
    placeId = created.id;
  } else {
    const reviewing = existing.status === ITEM_STATUS.published && !options.reviewed;
    const held = reviewing
      ? reviewedChanges("place", { ...existing, audienceIds: existing.audiences.map((a) => a.id) }, { ...data, audienceIds: input.audienceIds })
      : [];
    // A held schedule keeps the derived weekday/time columns of the public version too.
    const live = withoutHeld("place", data, held);
    if (holds(held, "schedule")) {
      delete live.scheduleDays;
      delete live.scheduleMinute;
    }
    const liveLinks = holds(held, "audiences") ? { categories: links.categories } : links;
    reach = reachOfEdit(existing, { ...live, categories: liveLinks.categories.set, ...("audiences" in liveLinks ? { audiences: liveLinks.audiences.set } : {}) }, PLACE_TEXT_COLUMNS);
    await prisma.$transaction(async (tx) => {
      // { id, groupId } on the write itself, not only on the read before it.
      await tx.place.update({ where: { id, groupId }, data: { ...live, ...liveLinks }, select: { id: true } });
      if (reviewing) await recordHeldChanges(tx, { kind: "place", id, groupId, actorId }, held, input);
    });
    placeId = id;
  }
  await indexItemWithDependents("place", placeId, undefined, reach);
  const status = await submitAfterSave("place", placeId, intent, existing?.status ?? NEW_ITEM_STATUS, { actorId, groupId });
  return { ok: true, id: placeId, status };
}

/** archive | withdraw (pending → draft). Returns false when the place is not the group's or the change is not allowed. */
export async function changePlaceStatus(groupId: number, actorId: number, id: number, action: "archive" | "withdraw"): Promise<boolean> {
  return (await transitionItem("place", id, action, { actorId, groupId })).ok;
}
