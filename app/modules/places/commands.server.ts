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
  fee: true,
  feeNote: true,
  bookingRequired: true,
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
 * Creates (id null, as a draft) or updates a place of the group, then refreshes its search document; "submit" then
 * takes the submit step (publishing/transitions.server.ts), which is the only way its status changes here.
 */
export async function savePlace(groupId: number, actorId: number, id: number | null, input: PlaceInput, intent: SaveIntent): Promise<SaveResult> {
  const existing = id === null ? null : await prisma.place.findFirst({ where: { id, groupId }, select: { status: true, scheduleRule: true } });
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
    fee: input.fee,
    feeNote: input.feeNote,
    bookingRequired: input.bookingRequired,
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
  if (id === null) {
    const created = await prisma.place.create({ data: { ...data, status: NEW_ITEM_STATUS, groupId, ...connect }, select: { id: true } });
    placeId = created.id;
  } else {
    // { id, groupId } on the write itself, not only on the read before it.
    await prisma.place.update({ where: { id, groupId }, data: { ...data, ...links }, select: { id: true } });
    placeId = id;
  }
  await indexItemWithDependents("place", placeId);
  const status = await submitAfterSave("place", placeId, intent, existing?.status ?? NEW_ITEM_STATUS, { actorId, groupId });
  return { ok: true, id: placeId, status };
}

/** archive | withdraw (pending → draft). Returns false when the place is not the group's or the change is not allowed. */
export async function changePlaceStatus(groupId: number, actorId: number, id: number, action: "archive" | "withdraw"): Promise<boolean> {
  return (await transitionItem("place", id, action, { actorId, groupId })).ok;
}
