import { prisma } from "~/utils/db.server";
import type { SaveResult } from "~/modules/publishing/status";
import { indexItemWithDependents } from "~/modules/search/documents.server";
import { scheduleSlots } from "~/modules/schedule/describe";
import { splitCodes } from "~/modules/listing/codes";
import { checkChoices } from "~/modules/taxonomy/choices.server";
import { joinCodes } from "~/modules/listing/codes";
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
  beginnerFriendly: true,
  languages: true,
  whatToBring: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  website: true,
  scheduleRule: true,
  scheduleStart: true,
  scheduleEnd: true,
  skipHolidays: true,
  scheduleNote: true,
  categories: { select: { id: true } },
  audiences: { select: { id: true } },
} as const;

export async function getGroupPlace(groupId: number, id: number) {
  const row = await prisma.place.findFirst({ where: { id, groupId }, select: formSelect });
  if (!row) return null;
  const { categories, audiences, languages, ...rest } = row;
  return {
    ...rest,
    languages: splitCodes(languages),
    categoryIds: categories.map((c) => c.id),
    audienceIds: audiences.map((a) => a.id),
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
    beginnerFriendly: input.beginnerFriendly,
    languages: joinCodes(input.languages),
    whatToBring: input.whatToBring,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    contactEmail: input.contactEmail,
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
  const ids = { categories: input.categoryIds.map((c) => ({ id: c })), audiences: input.audienceIds.map((a) => ({ id: a })) };
  const connect = { categories: { connect: ids.categories }, audiences: { connect: ids.audiences } };
  const links = { categories: { set: ids.categories }, audiences: { set: ids.audiences } };
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
